/** Starting and finding a project: galley init, --root, the upward search, fonts by package, exit codes, --json. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/books.js';
import { runCommand } from '../helpers/run.js';
import { epubEntries, epubFile } from '../hostile/scratch.js';

const CLI = join(ROOT, 'lib/cli/index.js');

async function galley(cwd: string, ...args: string[]) {
  const r = await runCommand(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'galley-project-'));
}

describe('galley init', () => {
  it('writes a commented galley.yaml, a .gitignore and a sample book that builds as an EPUB', async () => {
    const dir = scratch();
    const r = await galley(dir, 'init', 'mypress');
    expect(r.code).toBe(0);
    const press = join(dir, 'mypress');
    const yaml = readFileSync(join(press, 'galley.yaml'), 'utf8');
    expect(yaml).toMatch(/^# /m);
    expect(yaml).not.toContain('node_modules/');
    expect(readFileSync(join(press, '.gitignore'), 'utf8')).toMatch(/^dist\/$/m);
    expect(existsSync(join(press, 'content/common-sense/book.yaml'))).toBe(true);
    // no node_modules in the project: the font comes from galley's own dependencies
    const built = await galley(press, 'build', '--epub', '--quiet');
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/^common-sense: dist\/common-sense\.epub built in/m);
    // the sample shows how images work: a figure with alternative text and a caption, packaged in the EPUB
    const epub = join(press, 'dist/common-sense.epub');
    expect(epubEntries(epub)).toContain('OEBPS/images/1-scales.png');
    const xhtml = epubEntries(epub).filter((e) => e.endsWith('.xhtml')).map((e) => epubFile(epub, e)).join('\n');
    expect(xhtml).toMatch(/<figure><img src="images\/1-scales\.png" alt="A pair of scales[^"]+" \/><figcaption>A figure: [^<]+<\/figcaption>/);
    // a second init changes nothing and says why
    const again = await galley(press, 'init');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/galley\.yaml already exists/);
  });
});

describe('finding the project', () => {
  it('says to run galley init where there is no galley.yaml', async () => {
    const r = await galley(scratch(), 'build');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No galley\.yaml in .* or any folder above it: run galley init/);
    expect(r.stderr).toMatch(/\[project-missing\]$/m);
  });

  it('finds the project from a book folder, builds that book, and takes --root / -C', async () => {
    const dir = scratch();
    await galley(dir, 'init', 'p');
    const book = join(dir, 'p/content/common-sense');
    const fromBook = await galley(book, 'build', '--epub', '--quiet');
    expect(fromBook.code).toBe(0);
    expect(fromBook.stdout).toMatch(/^common-sense: \.\.\/\.\.\/dist\/common-sense\.epub built/m);
    const fromOutside = await galley(dir, '-C', 'p', 'build', '--epub', '--quiet');
    expect(fromOutside.code).toBe(0);
    expect(fromOutside.stdout).toContain('dist/common-sense.epub current');
    const wrongRoot = await galley(dir, '--root', 'nowhere', 'build');
    expect(wrongRoot.code).toBe(2);
    expect(wrongRoot.stderr).toMatch(/--root nowhere: no such folder/);
  });

  it('refuses an empty content/ with a message that says what to do', async () => {
    const dir = scratch();
    await galley(dir, 'init');
    rmSync(join(dir, 'content/common-sense'), { recursive: true });
    const r = await galley(dir, 'build');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^content error No books in content\/ .*galley import .*\[content-empty\]$/);
  });
});

describe('fonts by npm package', () => {
  it('reads the old node_modules/ form from wherever the package is, and names a missing package at its line', async () => {
    const dir = scratch();
    await galley(dir, 'init');
    const yaml = readFileSync(join(dir, 'galley.yaml'), 'utf8');
    const old = yaml
      .replace(/^ *package: .*\n/m, '')
      .replace(/file: (\S+\.ttf)/g, 'file: node_modules/@expo-google-fonts/eb-garamond/$1');
    writeFileSync(join(dir, 'galley.yaml'), old);
    expect((await galley(dir, 'build', '--epub', '--quiet')).code).toBe(0);
    const lines = yaml.split('\n');
    const line = lines.findIndex((l) => l.includes('package:')) + 1;
    writeFileSync(join(dir, 'galley.yaml'), yaml.replace('"@expo-google-fonts/eb-garamond"', '"@fonts/not-installed"'));
    const r = await galley(dir, 'build', '--epub', '--quiet');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`galley.yaml:${line}:14 error Font package @fonts/not-installed is not installed: run npm install @fonts/not-installed in ${dir} [font-missing]`);
  });
});

describe('exit codes and --json', () => {
  it('exits 2 on usage errors, 1 on failures; --json prints one document; --debug gives the stack', async () => {
    const dir = scratch();
    await galley(dir, 'init');
    expect((await galley(dir, 'build', '--no-such-flag')).code).toBe(2);
    expect((await galley(dir, 'biuld')).code).toBe(2);
    expect((await galley(dir, 'build', 'no-such-book')).code).toBe(2);
    const ok = await galley(dir, '--json', 'build', '--epub');
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(report).toMatchObject({ ok: true, exitCode: 0, books: [{ book: 'common-sense', ok: true, outputs: [{ format: 'epub', built: true }] }] });
    // a broken book: --json carries the diagnostic, --debug the stack
    const chapter = join(dir, 'content/common-sense/book.yaml');
    writeFileSync(chapter, readFileSync(chapter, 'utf8').replace('02-of-government.md', '03-missing.md'));
    const bad = await galley(dir, '--json', '--debug', 'build', '--epub');
    expect(bad.code).toBe(1);
    const failed = JSON.parse(bad.stdout);
    expect(failed.ok).toBe(false);
    expect(failed.books[0].diagnostics[0]).toMatchObject({ severity: 'error', code: 'file-missing', file: 'content/common-sense/book.yaml' });
    expect(failed.books[0].stack).toMatch(/at parseBook/);
    const text = await galley(dir, '--debug', 'build', '--epub', '--quiet');
    expect(text.stderr).toMatch(/^content\/common-sense\/book\.yaml error book\.yaml lists 03-missing\.md, which does not exist \[file-missing\]$/m);
    expect(text.stderr).toMatch(/^ +at parseBook/m);
  });
});
