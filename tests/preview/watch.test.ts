/**
 * galley build --watch says what it did: the time, the file that changed, what was rebuilt and in how long,
 * or that the build failed with its diagnostics; a file in a subfolder counts, and a book added to content/
 * while watching is built and watched. The compiled galley on a scratch project, as a user runs it.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchProject, startGalley, BOOK, CHAPTER, type Scratch } from '../hostile/scratch.js';

const WAIT = 120_000;

async function until(what: string, probe: () => boolean, timeoutMs = WAIT): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let s: Scratch;
let run: ReturnType<typeof startGalley>;
const out = () => run.output().stdout;
const err = () => run.output().stderr;
/** the lines printed since `from` characters of stdout */
const since = (from: number) => out().slice(from);
const TIME = String.raw`\[\d\d:\d\d:\d\d\]`;

beforeAll(async () => {
  s = scratchProject();
  s.write(`content/${BOOK}/art/plates/lamp.jpg`, readFileSync(join(process.cwd(), 'tests/fixtures/cover.jpg')));
  writeFileSync(s.chapter, `${readFileSync(s.chapter, 'utf8').trimEnd()}\n\n![A lamp](art/plates/lamp.jpg)\n`);
  run = startGalley(s.dir, ['build', '--watch', '--epub']);
  await until('the first build', () => /watching 1 book\(s\) in content\//.test(out()));
}, 180_000);

afterAll(async () => {
  run?.child.kill('SIGTERM');
  await run?.done;
});

describe('galley build --watch', () => {
  it('reports the first build with what it built', () => {
    expect(out()).toMatch(new RegExp(`^${TIME} rebuilt ${BOOK}: epub in \\d+\\.\\d\\d s$`, 'm'));
  });

  it('reports a saved chapter: the time, the file, what was rebuilt and in how long', async () => {
    const from = out().length;
    writeFileSync(s.chapter, `${readFileSync(s.chapter, 'utf8').trimEnd()}\n\nA sentence the watch test adds.\n`);
    await until('the rebuild', () => /rebuilt/.test(since(from)));
    expect(since(from)).toMatch(new RegExp(`^${TIME} content/${BOOK}/${CHAPTER.replace(/[.]/g, '\\.')} changed: rebuilt ${BOOK}: epub in \\d+\\.\\d\\d s$`, 'm'));
  });

  it('sees an image in a subfolder change', async () => {
    const from = out().length;
    const jpg = readFileSync(join(s.book, 'art/plates/lamp.jpg'));
    writeFileSync(join(s.book, 'art/plates/lamp.jpg'), Buffer.concat([jpg, Buffer.from([0])]));
    await until('the rebuild', () => /rebuilt/.test(since(from)));
    expect(since(from)).toMatch(new RegExp(`^${TIME} content/${BOOK}/art/plates/lamp\\.jpg changed: rebuilt ${BOOK}: epub in`, 'm'));
  });

  it('says that the build failed, with the diagnostic, and carries on', async () => {
    const from = out().length;
    const fromErr = err().length;
    const good = readFileSync(s.yaml, 'utf8');
    const line = good.split('\n').findIndex((l) => l.startsWith('language:')) + 1;
    writeFileSync(s.yaml, good.replace(/^language:.*$/m, 'language: 42'));
    await until('the failure', () => /failed/.test(since(from)));
    expect(since(from)).toMatch(new RegExp(`^${TIME} content/${BOOK}/book\\.yaml changed: ${BOOK} failed: `, 'm'));
    expect(since(from)).not.toMatch(/rebuilt/);
    expect(err().slice(fromErr)).toMatch(new RegExp(`^content/${BOOK}/book\\.yaml:${line}(:\\d+)? error .*\\[[a-z-]+\\]$`, 'm'));
    const back = out().length;
    writeFileSync(s.yaml, good);
    await until('the rebuild', () => /rebuilt|current/.test(since(back)));
    expect(run.child.exitCode).toBeNull();
  });

  it('builds and watches a book added to content/ while watching', async () => {
    const from = out().length;
    cpSync(s.book, join(s.dir, 'content', 'second-book'), { recursive: true });
    await until('the new book', () => /rebuilt second-book/.test(since(from)));
    expect(since(from)).toMatch(new RegExp(`^${TIME} new book second-book: watching it$`, 'm'));
    expect(since(from)).toMatch(new RegExp(`^${TIME} content/second-book/\\S+ changed: rebuilt second-book: epub in`, 'm'));
    const next = out().length;
    writeFileSync(join(s.dir, 'content', 'second-book', CHAPTER), `${readFileSync(s.chapter, 'utf8')}\nOne more line.\n`);
    await until('its rebuild', () => /rebuilt second-book/.test(since(next)));
  });
});
