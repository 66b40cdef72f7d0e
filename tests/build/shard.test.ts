/**
 * `galley build --shard i/n` with one shared cache (GALLEY_CACHE_DIR): two runners (two processes, each in a
 * checkout of its own) build disjoint halves of the library at the same time; every book is built exactly
 * once; a later full build on a third checkout fetches everything and builds nothing; two runners that both
 * build the whole library at once still build each output once (the cache's locks); and the outputs are
 * byte for byte those of one machine building the library alone, without a cache.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseShard, shardBooks } from '../../src/build/shard.js';
import { builtBy, keepFontCache, LIBRARY, makeLibrary, outputDigests, startGalley } from './library.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const scratch = (make: () => string) => {
  const d = make();
  dirs.push(d);
  return d;
};
/** a runner's checkout: the same project in another folder */
const checkout = (from: string) => {
  const d = scratch(() => mkdtempSync(join(tmpdir(), 'galley-runner-')));
  cpSync(from, d, { recursive: true, verbatimSymlinks: true, filter: (src) => !src.includes('/dist') });
  return d;
};
const BOOKS = Object.keys(LIBRARY);
const EVERY_OUTPUT = BOOKS.flatMap((b) => [`${b} epub`, `${b} pdf`]);

describe('shardBooks', () => {
  it('deals the sorted books out in turn: disjoint, complete, sizes within one', () => {
    const books = ['e', 'b', 'a', 'd', 'c', 'f', 'g'];
    const shards = [1, 2, 3].map((index) => shardBooks(books, { index, count: 3 }));
    expect(shards).toEqual([['a', 'd', 'g'], ['b', 'e'], ['c', 'f']]);
    expect(shards.flat().sort()).toEqual([...books].sort());
    // the order books are named in does not matter; more shards than books leaves some empty
    expect(shardBooks([...books].reverse(), { index: 2, count: 3 })).toEqual(['b', 'e']);
    expect(shardBooks(['a'], { index: 2, count: 2 })).toEqual([]);
  });
  it('reads i/n and refuses anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/2', '3/2', '1', '1/0', 'a/b', '-1/2', '1/2/3']) expect(() => parseShard(bad), bad).toThrow(/--shard expects i\/n/);
  });
});

describe('galley build --shard with a shared cache', () => {
  it('builds every book exactly once across two runners, and the same bytes as one machine', { timeout: 900_000 }, async () => {
    const project = scratch(makeLibrary);
    // one machine alone, no shared cache: the reference
    const alone = await startGalley(project, ['--out', 'dist'], { GALLEY_CACHE_DIR: '' });
    expect(alone.code, alone.stderr).toBe(0);
    keepFontCache(project);
    const reference = outputDigests(join(project, 'dist'));
    expect(Object.keys(reference)).toHaveLength(EVERY_OUTPUT.length);

    const cache = scratch(() => mkdtempSync(join(tmpdir(), 'galley-shared-cache-')));
    const env = { GALLEY_CACHE_DIR: cache };
    const [r1, r2] = [checkout(project), checkout(project)];
    const [one, two] = await Promise.all([startGalley(r1, ['--shard', '1/2'], env), startGalley(r2, ['--shard', '2/2'], env)]);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    expect(one.books.map((b) => b.book)).toEqual(['a-letter', 'c-letter']);
    expect(two.books.map((b) => b.book)).toEqual(['b-party', 'd-party']);
    expect([...builtBy(one), ...builtBy(two)].sort()).toEqual(EVERY_OUTPUT);
    expect({ ...outputDigests(join(r1, 'dist')), ...outputDigests(join(r2, 'dist')) }).toEqual(reference);

    // a third runner building the whole library builds nothing: all of it comes from the shared cache
    const r3 = checkout(project);
    const all = await startGalley(r3, ['-j', '2'], env);
    expect(all.code, all.stderr).toBe(0);
    expect(builtBy(all)).toEqual([]);
    expect(all.books.flatMap((b) => b.outputs.filter((o) => o.fromCache).map((o) => `${b.book} ${o.format}`))).toEqual(EVERY_OUTPUT);
    expect(outputDigests(join(r3, 'dist'))).toEqual(reference);

    // two runners building the whole library at the same time, on a fresh cache: each output built once
    const fresh = { GALLEY_CACHE_DIR: scratch(() => mkdtempSync(join(tmpdir(), 'galley-shared-cache-'))) };
    const [r4, r5] = [checkout(project), checkout(project)];
    const [four, five] = await Promise.all([startGalley(r4, ['-j', '2'], fresh), startGalley(r5, ['-j', '2'], fresh)]);
    expect(four.code, four.stderr).toBe(0);
    expect(five.code, five.stderr).toBe(0);
    expect([...builtBy(four), ...builtBy(five)].sort()).toEqual(EVERY_OUTPUT);
    expect(outputDigests(join(r4, 'dist'))).toEqual(reference);
    expect(outputDigests(join(r5, 'dist'))).toEqual(reference);
  });
});
