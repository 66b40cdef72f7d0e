/**
 * lintBook: exceptions in lint-ignore.yaml (matched by code, file and text; a reason required; stale ones
 * reported), `galley lint` as a user runs it (exit codes, --strict), and the books in content/ lint clean.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { lintBook } from '../../src/lint/lint-book.js';
import { listBooks, readBookFiles } from '../../src/model/read-book.js';
import { ROOT } from '../helpers/books.js';
import { runCommand } from '../helpers/run.js';

const YAML = 'title: A Work\nlanguage: en\n';
const TEXT = '# A Work\n\nThis is the the Party. It was was so.\n';

function lint(ignore?: string) {
  return lintBook({ displayDir: 'content/w', bookYaml: YAML, markdown: new Map([['01-a.md', TEXT]]), ignore });
}

describe('lintBook and lint-ignore.yaml', () => {
  it('reports each finding with file, line, column and code', () => {
    const r = lint();
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'content/w/01-a.md:3:9 warning “the the”: a word doubled [doubled-word]',
      'content/w/01-a.md:3:27 warning “was was”: a word doubled [doubled-word]',
    ]);
  });

  it('drops a finding the ignore file accepts, by code, file and text, and counts it', () => {
    const r = lint('- code: doubled-word\n  file: 01-a.md\n  found: was was\n  reason: the author’s emphasis\n');
    expect(r.diagnostics.map((d) => d.message)).toEqual(['“the the”: a word doubled']);
    expect(r.ignored).toBe(1);
  });

  it('refuses an exception without a reason, with the line of the entry', () => {
    const r = lint('- code: doubled-word\n  found: was was\n  reason: ok\n- code: doubled-word\n  found: the the\n');
    const problem = r.diagnostics.find((d) => d.code === 'lint-ignore-invalid');
    expect(problem && formatDiagnostic(problem)).toBe('content/w/lint-ignore.yaml:4 error the exception for doubled-word gives no reason: say why the finding is kept [lint-ignore-invalid]');
  });

  it('reports an exception that matches nothing, and a code no rule has', () => {
    const r = lint('- code: doubled-word\n  found: is is\n  reason: old\n- code: no-such-rule\n  reason: typo\n');
    expect(r.diagnostics.filter((d) => d.code === 'lint-ignore-stale').map((d) => `${d.line} ${d.message}`)).toEqual([
      '1 the exception for doubled-word “is is” matches no finding: remove it',
      '4 no lint rule has the code no-such-rule',
    ]);
  });

  it('reports a malformed ignore file as an error with its line', () => {
    const r = lint('- code: [unclosed\n');
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'lint-ignore-invalid', file: 'content/w/lint-ignore.yaml', line: 2 });
  });
});

describe('galley lint', () => {
  const CLI = join(ROOT, 'lib/cli/index.js');
  const run = (cwd: string, ...args: string[]) => runCommand(process.execPath, [CLI, ...args], { cwd });
  function project(text: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'galley-lint-'));
    mkdirSync(join(dir, 'content/w'), { recursive: true });
    writeFileSync(join(dir, 'content/w/book.yaml'), YAML);
    writeFileSync(join(dir, 'content/w/01-a.md'), text);
    cpSync(join(ROOT, 'galley.yaml'), join(dir, 'galley.yaml'));
    return dir;
  }

  it.skipIf(!existsSync(CLI))('prints findings and passes; --strict fails on them; a clean book passes --strict', async () => {
    const dir = project(TEXT);
    const plain = await run(dir, 'lint');
    expect(plain.status).toBe(0);
    expect(plain.stderr).toContain('content/w/01-a.md:3:9 warning “the the”: a word doubled [doubled-word]');
    expect(plain.stdout).toContain('w: 2 finding(s), 0 error(s)');
    expect((await run(dir, 'lint', '--strict')).status).toBe(1);
    writeFileSync(join(dir, 'content/w/01-a.md'), '# A Work\n\nThis is the Party.\n');
    const clean = await run(dir, 'lint', '--strict');
    expect(clean.stderr).toBe('');
    expect(clean.status).toBe(0);
  });

  it.skipIf(!existsSync(CLI))('galley build --strict fails on a lint finding, and builds the book all the same', async () => {
    const dir = project(TEXT);
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'content/w/book.yaml'), `identifier: urn:uuid:3a9d7e2c-0b1f-4c55-9f0e-2b8a6d4c1e70\n${YAML}creators:\n  - name: A. Writer\n    role: author\ndescription: A work.\nrights: Public domain.\nsources: []\n`);
    const env = { ...process.env, SOURCE_DATE_EPOCH: '1767225600' };
    const strict = await runCommand(process.execPath, [CLI, 'build', '--epub', '--quiet', '--strict'], { cwd: dir, env });
    expect(strict.stderr).toContain('content/w/01-a.md:3:9 warning “the the”: a word doubled [doubled-word]');
    expect(strict.status).toBe(1);
    expect(existsSync(join(dir, 'dist/w.epub'))).toBe(true);
    const plain = await runCommand(process.execPath, [CLI, 'build', '--epub', '--quiet', '--force'], { cwd: dir, env });
    expect(plain.status).toBe(0);
  });

  it.skipIf(!existsSync(CLI))('lists its rules', async () => {
    const r = await run(ROOT, 'lint', '--rules');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^lost-hyphen\t/m);
  });
});

describe('the books in content/', () => {
  it.each(listBooks(ROOT))('%s lints clean (exceptions in its lint-ignore.yaml, each with a reason)', (slug) => {
    const files = readBookFiles(join(ROOT, 'content', slug), ROOT);
    const ignorePath = join(files.dir, 'lint-ignore.yaml');
    const r = lintBook({ displayDir: files.displayDir, bookYaml: files.bookYaml, markdown: files.markdown, ignore: existsSync(ignorePath) ? readFileSync(ignorePath, 'utf8') : undefined });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
  });
});
