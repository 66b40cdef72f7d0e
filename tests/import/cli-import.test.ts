/** `galley import` as a user runs it (the compiled CLI): writes a book, refuses to overwrite, --force, bad bytes. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/books.js';
import { runCommand } from '../helpers/run.js';

const CLI = join(ROOT, 'lib/cli/index.js');
const SEED = join(ROOT, 'tests/fixtures/import/web-letter-bracket-notes/input.txt');

async function galley(cwd: string, ...args: string[]) {
  const r = await runCommand(process.execPath, [CLI, ...args], { cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'galley-import-'));
}

describe('galley import', () => {
  it('writes book.yaml, the Markdown, source.txt and import-report.md', async () => {
    const dir = scratch();
    const r = await galley(dir, 'import', SEED, '--out', 'content/pravda');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const book = join(dir, 'content/pravda');
    expect(readdirSync(book).sort()).toEqual(['.import', '01-to-the-editors-of-pravda.md', 'book.yaml', 'import-report.md', 'source.txt']);
    expect(readFileSync(join(book, 'source.txt'))).toEqual(readFileSync(SEED));
    const meta = parse(readFileSync(join(book, 'book.yaml'), 'utf8'));
    expect(meta.identifier).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(meta.files).toEqual(['01-to-the-editors-of-pravda.md']);
    expect(readFileSync(join(book, 'import-report.md'), 'utf8')).toMatch(/## To check \(\d+\)[\s\S]*## Done with confidence \(\d+\)[\s\S]*## Corrected by hand/);
    expect(r.stdout).toContain('content/pravda: imported with the web profile');
  });

  it('names the folder after the title when --out is not given, or after --slug', async () => {
    const dir = scratch();
    expect((await galley(dir, 'import', SEED)).code).toBe(0);
    expect(existsSync(join(dir, 'content/to-the-editors-of-pravda/book.yaml'))).toBe(true);
    expect((await galley(dir, 'import', SEED, '--slug', 'pravda-letter')).code).toBe(0);
    expect(existsSync(join(dir, 'content/pravda-letter/book.yaml'))).toBe(true);
  });

  it('never overwrites a book folder without --force; --force shows the changes, --force --yes writes and keeps the identifier', async () => {
    const dir = scratch();
    expect((await galley(dir, 'import', SEED, '--out', 'book')).code).toBe(0);
    const md = join(dir, 'book/01-to-the-editors-of-pravda.md');
    const corrected = readFileSync(md, 'utf8').replace('Dear Comrades!', 'Dear Comrades,');
    writeFileSync(md, corrected);
    const report = join(dir, 'book/import-report.md');
    writeFileSync(report, readFileSync(report, 'utf8').replace(/## Corrected by hand[\s\S]*$/, '## Corrected by hand\n\n- line 17: salutation punctuation\n'));
    const id = parse(readFileSync(join(dir, 'book/book.yaml'), 'utf8')).identifier;

    const refused = await galley(dir, 'import', SEED, '--out', 'book');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^book error book exists and may hold corrections made by hand; use --force .* \[import-exists\]$/m);
    expect(readFileSync(md, 'utf8')).toBe(corrected);

    // a source changed in another paragraph: --force shows the change and writes nothing
    const changed = join(dir, 'changed.txt');
    writeFileSync(changed, readFileSync(SEED, 'utf8').replace('took place on April 4', 'happened on April 4'));
    const shown = await galley(dir, 'import', changed, '--out', 'book', '--force');
    expect(shown.code).toBe(1);
    expect(shown.stderr).toMatch(/^book error nothing written: run again with --force --yes .*\[import-unconfirmed\]$/m);
    expect(shown.stdout).toContain('--- a/01-to-the-editors-of-pravda.md');
    expect(shown.stdout).toContain('+++ b/01-to-the-editors-of-pravda.md');
    expect(shown.stdout).toMatch(/^-\[\^3\]: The Lena shooting took place/m);
    expect(shown.stdout).toMatch(/^\+\[\^3\]: The Lena shooting happened/m);
    expect(shown.stdout).toMatch(/unchanged: .*book\.yaml/);
    expect(shown.stdout).toContain('book/01-to-the-editors-of-pravda.md: 1 correction(s) made by hand kept (line 4)');
    expect(readFileSync(md, 'utf8')).toBe(corrected);

    const forced = await galley(dir, 'import', changed, '--out', 'book', '--force', '--yes');
    expect(forced.code).toBe(0);
    expect(readFileSync(md, 'utf8')).toBe(corrected.replace('took place on April 4', 'happened on April 4'));
    expect(parse(readFileSync(join(dir, 'book/book.yaml'), 'utf8')).identifier).toBe(id);
    // the hand corrections recorded in the report survive the re-import
    expect(readFileSync(report, 'utf8')).toContain('- line 17: salutation punctuation');
  });

  it('rejects bytes that are not UTF-8 with the line and column', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'latin1.txt'), Buffer.concat([Buffer.from('V. I. Lenin\n\nA Title\n\nThe caf'), Buffer.from([0xe9]), Buffer.from(' is closed.\n')]));
    const r = await galley(dir, 'import', 'latin1.txt', '--out', 'book');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^latin1\.txt:5:8 error The file is not valid UTF-8 \(byte 0xe9\).*\[import-encoding\]$/m);
    expect(existsSync(join(dir, 'book'))).toBe(false);
  });

  it('writes atomically: a file that cannot be replaced fails the import and leaves no temporary files', async () => {
    const dir = scratch();
    expect((await galley(dir, 'import', SEED, '--out', 'book')).code).toBe(0);
    expect(readdirSync(join(dir, 'book')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // a folder where the report should go: the rename fails
    const report = join(dir, 'book/import-report.md');
    spawnSync('rm', [report]);
    mkdirSync(join(report, 'x'), { recursive: true });
    const r = await galley(dir, 'import', SEED, '--out', 'book', '--force', '--yes');
    expect(r.code).toBe(1);
    expect(readdirSync(join(dir, 'book')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // the files written before the failure are whole
    expect(readFileSync(join(dir, 'book/source.txt'))).toEqual(readFileSync(SEED));
  });

  it('refuses an --out that is a file', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'taken'), 'x');
    const r = await galley(dir, 'import', SEED, '--out', 'taken');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^taken error taken exists and is not a folder \[import-exists\]$/m);
    expect(readFileSync(join(dir, 'taken'), 'utf8')).toBe('x');
  });

  it('keeps source.txt byte for byte, a byte-order mark and CRLF included', async () => {
    const dir = scratch();
    const raw = Buffer.from('\uFEFFV. I. Lenin\r\n\r\nA Title\r\n\r\nA paragraph of text that ends.\r\n');
    writeFileSync(join(dir, 'crlf.txt'), raw);
    expect((await galley(dir, 'import', 'crlf.txt', '--out', 'book')).code).toBe(0);
    expect(readFileSync(join(dir, 'book/source.txt'))).toEqual(raw);
    expect(readFileSync(join(dir, 'book/01-a-title.md'), 'utf8')).toBe('# A Title\n\nA paragraph of text that ends.\n');
  });

  it('reports a missing file', async () => {
    const r = await galley(scratch(), 'import', 'nope.txt');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nope\.txt error No such file: nope\.txt \[import-missing\]/);
  });
});
