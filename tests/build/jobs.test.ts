/**
 * `galley build -j N`: books built at once in one process, sharing one browser, give the very bytes of a
 * serial build (EPUB and PDF), and every book is reported.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from '../helpers/run.js';
import { CLI, ENV, keepFontCache, LIBRARY, makeLibrary, outputDigests, startGalley } from './library.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('galley build --jobs', () => {
  it('builds four books two at a time into the same bytes as one at a time', { timeout: 600_000 }, async () => {
    const dir = makeLibrary();
    dirs.push(dir);
    const serial = await startGalley(dir, ['-j', '1', '--out', 'serial']);
    expect(serial.code, serial.stderr).toBe(0);
    keepFontCache(dir);
    const parallel = await startGalley(dir, ['--jobs', '2', '--out', 'parallel']);
    expect(parallel.code, parallel.stderr).toBe(0);
    const books = Object.keys(LIBRARY);
    // every book built, both formats, in the order of content/ in the JSON whatever order they finished in
    expect(parallel.books.map((b) => b.book)).toEqual(books);
    for (const b of parallel.books) expect(b.outputs.map((o) => `${o.format} ${o.built}`)).toEqual(['epub true', 'pdf true']);
    const a = outputDigests(join(dir, 'serial'));
    expect(Object.keys(a)).toEqual(books.flatMap((b) => [`${b}.epub`, `${b}.pdf`]));
    expect(outputDigests(join(dir, 'parallel'))).toEqual(a);
    // without --json, one line for each book (printed as each is done), whatever the order
    const plain = await runCommand(process.execPath, [CLI, 'build', '-j', '2', '--quiet', '--out', 'parallel'], { cwd: dir, env: ENV });
    expect(plain.status, plain.stderr).toBe(0);
    const lines = plain.stdout.split('\n').filter((l) => /^[a-d]-\w+: /.test(l));
    expect(lines.map((l) => l.split(':')[0]).sort()).toEqual(books);
    for (const l of lines) expect(l).toMatch(/\.epub current, .*\.pdf current$/);
  });

  it('refuses a number of jobs that is not a whole number of at least one', async () => {
    for (const bad of ['two', '0', '1.5', '-1']) {
      const r = await runCommand(process.execPath, [CLI, 'build', `--jobs=${bad}`]);
      expect(r.status, bad).toBe(2);
      expect(r.stderr).toContain('--jobs expects a whole number');
    }
  });
});
