/**
 * A cache that cannot lie (issue 13): `dist/` is "current" only when every input of an output is as it was
 * when the output was written, and the output itself is still the file written then. Before the fix: a
 * changed `cover: art/front.png` or image in a subfolder was not seen (only cover.(jpe?g|png) and *.md in the
 * book root were hashed), nor a changed compiled galley, dependency or browser without a version bump; a
 * truncated dist/<book>.epub was "current"; a cache file holding `null` broke even --force; a deleted
 * book's outputs stayed in dist/ without a word; and a cached book's warnings vanished, so `--strict`
 * passed it (issue 10).
 */
import { spawn } from 'node:child_process';
import { appendFileSync, chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/books.js';
import { CLI, ENV, keepFontCache, scratchProject, setYaml, BOOK, type Scratch } from './scratch.js';

const png = (colour: string) => sharp({ create: { width: 40, height: 64, channels: 3, background: colour } }).png().toBuffer();

/** galley run without blocking the test worker (vitest's own messages keep flowing). */
function run(cli: string, cwd: string, args: string[], env = ENV): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** What a build did to each output: built, current, or failed. */
async function build(s: Scratch, args: string[] = ['--epub'], env = ENV): Promise<{ code: number | null; outputs: Record<string, string>; stderr: string; stdout: string }> {
  const r = await run(CLI, s.dir, ['build', BOOK, '--quiet', ...args], env);
  const outputs: Record<string, string> = {};
  for (const m of r.stdout.matchAll(/dist\/[^ ,]+\.(epub|pdf) (built|current)/g)) outputs[m[1]] = m[2];
  return { code: r.code, outputs, stderr: r.stderr, stdout: r.stdout };
}

/** A copy of the galley under test (lib/, templates, styles, package.json; node_modules linked entry by entry, its lockfile copied). */
function galleyCopy(): { root: string; cli: string } {
  const pkg = join(dirname(CLI), '..', '..');
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'galley-copy-')));
  for (const name of ['lib', 'templates', 'styles', 'package.json']) cpSync(join(pkg, name), join(root, name), { recursive: true });
  mkdirSync(join(root, 'node_modules'));
  for (const name of readdirSync(join(pkg, 'node_modules'))) {
    if (name === '.package-lock.json') copyFileSync(join(pkg, 'node_modules', name), join(root, 'node_modules', name));
    else symlinkSync(join(pkg, 'node_modules', name), join(root, 'node_modules', name));
  }
  if (existsSync(join(pkg, 'package-lock.json'))) copyFileSync(join(pkg, 'package-lock.json'), join(root, 'package-lock.json'));
  return { root, cli: join(root, 'lib', 'cli', 'index.js') };
}

describe('the cache key covers every file a book reads', () => {
  beforeAll(async () => {
    const s = scratchProject();
    await build(s);
    keepFontCache(s);
  }, 300_000);

  it('a cover named in book.yaml, anywhere in the book folder (cover: art/front.png)', async () => {
    const s = scratchProject();
    s.write(`content/${BOOK}/art/front.png`, await png('#a00'));
    setYaml(s, 'cover', 'art/front.png');
    expect((await build(s)).outputs).toEqual({ epub: 'built' });
    expect((await build(s)).outputs).toEqual({ epub: 'current' });
    s.write(`content/${BOOK}/art/front.png`, await png('#00a'));
    expect((await build(s)).outputs).toEqual({ epub: 'built' });
  }, 300_000);

  it('an image in a subfolder of the book, and one elsewhere in the project', async () => {
    const s = scratchProject();
    s.write(`content/${BOOK}/images/plate.png`, await png('#070'));
    s.write('shared/ornament.png', await png('#770'));
    appendFileSync(s.chapter, '\n![A plate](images/plate.png)\n\n![An ornament](../../shared/ornament.png)\n');
    expect((await build(s)).outputs).toEqual({ epub: 'built' });
    expect((await build(s)).outputs).toEqual({ epub: 'current' });
    s.write(`content/${BOOK}/images/plate.png`, await png('#0f0'));
    expect((await build(s)).outputs).toEqual({ epub: 'built' });
    s.write('shared/ornament.png', await png('#ff0'));
    expect((await build(s)).outputs).toEqual({ epub: 'built' });
    expect((await build(s)).outputs).toEqual({ epub: 'current' });
  }, 300_000);

  it('a font file of the project, changed in place under the same name', async () => {
    const s = scratchProject();
    const fonts = join(ROOT, 'node_modules/@expo-google-fonts/eb-garamond');
    mkdirSync(join(s.dir, 'fonts'));
    copyFileSync(join(fonts, '400Regular/EBGaramond_400Regular.ttf'), join(s.dir, 'fonts/body.ttf'));
    copyFileSync(join(fonts, '400Regular_Italic/EBGaramond_400Regular_Italic.ttf'), join(s.dir, 'fonts/body-italic.ttf'));
    const yaml = s.read('galley.yaml');
    s.write('galley.yaml', yaml.slice(0, yaml.indexOf('    package:')) + '    faces:\n      - { weight: 400, style: normal, file: fonts/body.ttf }\n      - { weight: 400, style: italic, file: fonts/body-italic.ttf }\n');
    const first = await build(s);
    expect(first.code, first.stderr).toBe(0);
    expect(first.outputs).toEqual({ epub: 'built' });
    expect((await build(s)).outputs).toEqual({ epub: 'current' });
    copyFileSync(join(fonts, '600SemiBold/EBGaramond_600SemiBold.ttf'), join(s.dir, 'fonts/body.ttf'));
    expect((await build(s)).outputs).toEqual({ epub: 'built' });
  }, 300_000);

  it("galley's own compiled code and its installed dependencies, not only its version", async () => {
    const s = scratchProject();
    const copy = galleyCopy();
    const withCopy = async (args: string[]) => {
      const r = await run(copy.cli, s.dir, args);
      return /dist\/[^ ]+\.epub (built|current)/.exec(r.stdout)?.[1] ?? r.stderr;
    };
    expect(await withCopy(['build', BOOK, '--quiet', '--epub'])).toBe('built');
    expect(await withCopy(['build', BOOK, '--quiet', '--epub'])).toBe('current');
    // a fix to the renderer, compiled, with the same version number
    appendFileSync(join(copy.root, 'lib/render/epub/render-epub.js'), '\n// a fix\n');
    expect(await withCopy(['build', BOOK, '--quiet', '--epub'])).toBe('built');
    expect(await withCopy(['build', BOOK, '--quiet', '--epub'])).toBe('current');
    // a dependency updated in node_modules (npm rewrites its lockfile), galley's version unchanged
    const lock = join(copy.root, 'node_modules/.package-lock.json');
    const data = JSON.parse(readFileSync(lock, 'utf8')) as { packages: Record<string, { version?: string }> };
    data.packages['node_modules/epub-gen-memory'].version += '-patched';
    writeFileSync(lock, JSON.stringify(data));
    expect(await withCopy(['build', BOOK, '--quiet', '--epub'])).toBe('built');
  }, 300_000);

  it("the browser's version, for the PDF only", async () => {
    const s = scratchProject();
    const bin = join(s.dir, 'bin');
    mkdirSync(bin);
    const wrapper = join(bin, 'chromium');
    const say = (version: string) => {
      writeFileSync(wrapper, `#!/bin/sh\nif [ "$1" = --version ]; then echo "Chromium ${version}"; exit 0; fi\nexec ${ENV.PUPPETEER_EXECUTABLE_PATH} "$@"\n`);
      chmodSync(wrapper, 0o755);
    };
    const env = { ...ENV, PUPPETEER_EXECUTABLE_PATH: wrapper, CHROME_PATH: wrapper };
    say('150.0.1');
    const first = await build(s, [], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.outputs).toEqual({ epub: 'built', pdf: 'built' });
    expect((await build(s, [], env)).outputs).toEqual({ epub: 'current', pdf: 'current' });
    say('151.0.2');
    expect((await build(s, [], env)).outputs).toEqual({ epub: 'current', pdf: 'built' });
  }, 600_000);
});


describe('outputs and cache entries are checked, never trusted', () => {
  it('a truncated dist/<book>.epub is built again, not "current"', async () => {
    const s = scratchProject();
    expect((await build(s)).outputs).toEqual({ epub: 'built' });
    const epub = join(s.dir, 'dist', `${BOOK}.epub`);
    const whole = readFileSync(epub);
    truncateSync(epub, 1000);
    expect((await build(s)).outputs).toEqual({ epub: 'built' });
    expect(Buffer.compare(readFileSync(epub), whole)).toBe(0);
    // the same size, other bytes
    const bytes = readFileSync(epub);
    bytes[bytes.length - 30] ^= 0xff;
    writeFileSync(epub, bytes);
    expect((await build(s)).outputs).toEqual({ epub: 'built' });
    expect(Buffer.compare(readFileSync(epub), whole)).toBe(0);
  }, 300_000);

  it.each([
    ['null', 'null'],
    ['bad JSON', '{"epub": "'],
    ['a list', '[1, 2]'],
    ['a malformed record', '{"version": 2, "outputs": {"epub": {"key": 7}}, "diagnostics": []}'],
  ])('a cache entry holding %s is reported, ignored and rewritten (with and without --force)', async (_name, text) => {
    for (const force of [[], ['--force']]) {
      const s = scratchProject();
      expect((await build(s)).outputs).toEqual({ epub: 'built' });
      const entry = join(s.dir, 'dist/.galley', `${BOOK}.json`);
      writeFileSync(entry, text);
      const r = await build(s, ['--epub', ...force]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.outputs).toEqual({ epub: 'built' });
      expect(r.stderr).toMatch(new RegExp(`dist/\\.galley/${BOOK}\\.json warning .*ignored.*\\[cache-corrupt\\]`));
      expect(() => JSON.parse(readFileSync(entry, 'utf8'))).not.toThrow();
      const again = await build(s);
      expect(again.outputs).toEqual({ epub: 'current' });
      expect(again.stderr).not.toMatch(/cache-corrupt/);
    }
  }, 300_000);

  it("a book deleted from content/ has its outputs removed from dist/, and says so", async () => {
    const s = scratchProject();
    cpSync(s.book, join(s.dir, 'content', 'second-book'), { recursive: true });
    const r0 = await run(CLI, s.dir, ['build', '--quiet', '--epub']);
    expect(r0.code, r0.stderr).toBe(0);
    writeFileSync(join(s.dir, 'dist', 'notes-of-mine.txt'), 'kept');
    rmSync(join(s.dir, 'content', 'second-book'), { recursive: true });
    const r = await run(CLI, s.dir, ['build', '--quiet', '--epub']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/content\/second-book is gone: removed dist\/second-book\.epub \[output-removed\]/);
    expect(readdirSync(join(s.dir, 'dist')).sort()).toEqual(['.galley', `${BOOK}.epub`, 'notes-of-mine.txt']);
    expect(readdirSync(join(s.dir, 'dist/.galley'))).toEqual([`${BOOK}.json`]);
  }, 300_000);
});

describe('a cached book gives the same diagnostics and exit code as a built one (issue 10)', () => {
  it('--strict fails on a warning whether the book was built or found current', async () => {
    const s = scratchProject();
    appendFileSync(s.chapter, '\nA sentence with a note that is never written.[^nowhere]\n');
    const first = await build(s, ['--epub', '--strict']);
    const warning = first.stderr.split('\n').find((l) => / warning .*\[note-missing\]/.test(l));
    expect(warning, first.stderr).toBeDefined();
    expect(first.code).toBe(1);
    const second = await build(s, ['--epub', '--strict']);
    expect(second.outputs).toEqual({ epub: 'current' });
    expect(second.stderr.split('\n')).toContain(warning);
    expect(second.code).toBe(1);
    // and without --strict the warning is still printed, with exit 0
    const third = await build(s, ['--epub']);
    expect(third.stderr.split('\n')).toContain(warning);
    expect(third.code).toBe(0);
  }, 300_000);
});
