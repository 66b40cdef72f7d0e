/**
 * Re-import never loses a hand correction (the compiled CLI on real seed texts, in scratch folders): a book is
 * imported, corrected by hand, its source changed, and imported again. Corrections elsewhere are kept, a correction
 * the new import collides with stops the import with its file and line, and --dry-run / --force without --yes
 * write nothing (every file of the folder hashed before and after, the hidden record included).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { reapplyCorrections } from '../../src/import/reimport.js';
import { ROOT } from '../helpers/books.js';
import { runCommand } from '../helpers/run.js';

const CLI = join(ROOT, 'lib/cli/index.js');
const WEB = join(ROOT, 'content/concerning-questions-of-leninism/source.txt');
const PDF = join(ROOT, 'content/foundations-of-leninism/source.txt');

async function galley(cwd: string, ...args: string[]) {
  const r = await runCommand(process.execPath, [CLI, ...args], { cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir` (hidden ones too), by path, hashed: the folder's state. */
function folderHash(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

/** A scratch project with the text imported into book/. */
async function imported(source: string): Promise<{ dir: string; raw: string; md: (name?: string) => string }> {
  const dir = mkdtempSync(join(tmpdir(), 'galley-reimport-'));
  const raw = readFileSync(source, 'utf8');
  writeFileSync(join(dir, 'raw.txt'), raw);
  const r = await galley(dir, 'import', 'raw.txt', '--out', 'book');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const md = (name?: string) => join(dir, 'book', name ?? parse(readFileSync(join(dir, 'book/book.yaml'), 'utf8')).files[0]);
  return { dir, raw, md };
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('re-import keeps corrections made by hand', () => {
  it('records what it wrote in .import/ (a copy and a hash of each file)', async () => {
    const { dir, md } = await imported(WEB);
    const record = JSON.parse(readFileSync(join(dir, 'book/.import/record.json'), 'utf8'));
    expect(Object.keys(record.files).sort()).toEqual([relative(join(dir, 'book'), md()), 'book.yaml']);
    expect(readFileSync(join(dir, 'book/.import/files', relative(join(dir, 'book'), md())), 'utf8')).toBe(readFileSync(md(), 'utf8'));
    const sha = createHash('sha256').update(readFileSync(md())).digest('hex');
    expect(record.files[relative(join(dir, 'book'), md())]).toBe(sha);
    expect(record.source).toBe(createHash('sha256').update(readFileSync(WEB)).digest('hex'));
  });

  it('a correction in the Markdown and one in book.yaml survive a re-import of a changed source', async () => {
    const { dir, raw, md } = await imported(WEB);
    const text = readFileSync(md(), 'utf8');
    // a typing error of the transcription corrected by hand, in a paragraph near the end
    const paragraph = text.split('\n').filter((l) => l.length > 200).at(-2)!;
    const word = paragraph.match(/\b[a-z]{6,}\b/)![0];
    const corrected = text.replace(paragraph, paragraph.replace(word, `${word.toUpperCase()}`));
    writeFileSync(md(), corrected);
    const yamlPath = join(dir, 'book/book.yaml');
    const yaml = readFileSync(yamlPath, 'utf8').replace(/^description: .*$/m, 'description: Written by hand.');
    writeFileSync(yamlPath, yaml);

    // the source changes early on: a sentence added to the first long paragraph moves nothing the hand touched
    const firstLong = raw.split('\n').find((l) => l.length > 300)!;
    writeFileSync(join(dir, 'raw.txt'), raw.replace(firstLong, `${firstLong} An added sentence.`));
    const r = await galley(dir, 'import', 'raw.txt', '--out', 'book', '--force', '--yes');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/correction\(s\) made by hand kept/);
    const after = readFileSync(md(), 'utf8');
    expect(after).toContain(paragraph.replace(word, word.toUpperCase()));
    expect(after).toContain('An added sentence.');
    expect(readFileSync(yamlPath, 'utf8')).toMatch(/^description: Written by hand\.$/m);

    // and a second re-import of the same source changes nothing and writes nothing
    const before = folderHash(join(dir, 'book'));
    const again = await galley(dir, 'import', 'raw.txt', '--out', 'book', '--force');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('the re-import changes nothing; nothing written');
    expect(folderHash(join(dir, 'book'))).toEqual(before);
  });

  it('a correction the new import collides with stops it, naming the file and line, and writes nothing', async () => {
    const { dir, raw, md } = await imported(WEB);
    const text = readFileSync(md(), 'utf8');
    // a paragraph of the source and its line in the Markdown, found by a run of plain words
    const lines = text.split('\n');
    const sourceLine = raw.split('\n').filter((l) => l.length > 200 && /^[A-Za-z ,]+$/.test(l.slice(50, 80)))[3]!;
    const paragraph = lines.find((l) => l.includes(sourceLine.slice(50, 80)))!;
    expect(paragraph).toBeTruthy();
    const corrected = text.replace(paragraph, `${paragraph} (corrected)`);
    writeFileSync(md(), corrected);
    const line = lineOf(corrected, '(corrected)');
    // the same paragraph changed in the source
    writeFileSync(join(dir, 'raw.txt'), raw.replace(sourceLine, `Changed. ${sourceLine}`));
    const before = folderHash(join(dir, 'book'));
    const r = await galley(dir, 'import', 'raw.txt', '--out', 'book', '--force', '--yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^book error 1 correction made by hand cannot be re-applied to the new import; nothing written.*\[import-conflict\]$/m);
    const name = relative(dir, md());
    expect(r.stderr).toContain(`${name}:${line} error the correction made by hand here`);
    expect(folderHash(join(dir, 'book'))).toEqual(before);
    // --dry-run says the same and exits 1 too
    const dry = await galley(dir, 'import', 'raw.txt', '--out', 'book', '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stderr).toContain(`${name}:${line} error`);
    expect(folderHash(join(dir, 'book'))).toEqual(before);
  });

  it('--dry-run and --force without --yes write nothing; --force --yes writes', async () => {
    const { dir, raw } = await imported(PDF);
    const before = folderHash(join(dir, 'book'));
    expect(before.size).toBeGreaterThan(10);
    writeFileSync(join(dir, 'raw.txt'), raw.replace(/\bLeninism\b/, 'Leninism (changed)'));
    const dry = await galley(dir, 'import', 'raw.txt', '--out', 'book', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/changed: \+1 −1 lines/);
    expect(dry.stdout).toContain('nothing written');
    expect(folderHash(join(dir, 'book'))).toEqual(before);
    const unconfirmed = await galley(dir, 'import', 'raw.txt', '--out', 'book', '--force');
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('[import-unconfirmed]');
    expect(folderHash(join(dir, 'book'))).toEqual(before);
    const yes = await galley(dir, 'import', 'raw.txt', '--out', 'book', '--force', '--yes');
    expect(yes.code).toBe(0);
    expect(folderHash(join(dir, 'book'))).not.toEqual(before);
    // a dry run into a new folder creates nothing
    const fresh = await galley(dir, 'import', 'raw.txt', '--out', 'other', '--dry-run');
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toMatch(/^other: would write book\.yaml, 01-introduction\.md, /m);
    expect(existsSync(join(dir, 'other'))).toBe(false);
  });

  it('a book folder without a record (imported before records) says so and still asks for --yes', async () => {
    const { dir, md } = await imported(WEB);
    rmSync(join(dir, 'book/.import'), { recursive: true });
    writeFileSync(md(), readFileSync(md(), 'utf8').replace(/^# .*$/m, '# A Title Set by Hand'));
    const r = await galley(dir, 'import', 'raw.txt', '--out', 'book', '--force');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('book has no import record (.import/)');
    expect(r.stdout).toMatch(/^-# A Title Set by Hand$/m);
    expect(readFileSync(md(), 'utf8')).toContain('# A Title Set by Hand');
  });

  it('a record edited by hand is refused rather than trusted', async () => {
    const { dir, md } = await imported(WEB);
    const copy = join(dir, 'book/.import/files', relative(join(dir, 'book'), md()));
    writeFileSync(copy, `${readFileSync(copy, 'utf8')}\nextra\n`);
    const before = folderHash(join(dir, 'book'));
    const r = await galley(dir, 'import', 'raw.txt', '--out', 'book', '--force', '--yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/book\/\.import\/files\/01-.*\.md error the import record is damaged \(01-.*\.md does not match its hash\).*\[import-record-damaged\]/);
    expect(folderHash(join(dir, 'book'))).toEqual(before);
  });

  it('a file deleted by hand stays deleted when the new import does not change it', async () => {
    const { dir } = await imported(PDF);
    const yamlPath = join(dir, 'book/book.yaml');
    const meta = readFileSync(yamlPath, 'utf8');
    rmSync(join(dir, 'book/10-chapter-ix-style-in-work.md'));
    writeFileSync(yamlPath, meta.replace(/^ {2}- 10-chapter-ix-style-in-work\.md\n/m, ''));
    expect(readFileSync(yamlPath, 'utf8')).not.toBe(meta);
    const r = await galley(dir, 'import', 'raw.txt', '--out', 'book', '--force', '--yes');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('book/10-chapter-ix-style-in-work.md: deleted by hand, stays deleted');
    expect(existsSync(join(dir, 'book/10-chapter-ix-style-in-work.md'))).toBe(false);
    expect(parse(readFileSync(yamlPath, 'utf8')).files).not.toContain('10-chapter-ix-style-in-work.md');
  });
});

describe('reapplyCorrections', () => {
  const base = ['# T', '', 'One.', '', 'Two.', '', 'Three.', '', 'Four.', ''].join('\n');
  it('re-applies a correction where the new import moved its lines', () => {
    const current = base.replace('Three.', 'Three!');
    const fresh = base.replace('# T\n', '# T\n\nZero.\n\nHalf.\n');
    const r = reapplyCorrections('a.md', base, current, fresh);
    expect(r.conflicts).toEqual([]);
    expect(r.text).toBe(fresh.replace('Three.', 'Three!'));
    expect(r.kept).toEqual([7]);
  });
  it('counts a correction the new import already makes as kept', () => {
    const current = base.replace('Two.', 'Two!');
    const r = reapplyCorrections('a.md', base, current, current);
    expect(r.conflicts).toEqual([]);
    expect(r.text).toBe(current);
  });
  it('names the line of a correction whose lines the new import changed', () => {
    const current = base.replace('Four.', 'Four!');
    const r = reapplyCorrections('a.md', base, current, base.replace('Four.', 'Four?'), 'book/a.md');
    expect(r.conflicts).toEqual([expect.objectContaining({ code: 'import-conflict', file: 'book/a.md', line: 9 })]);
    expect(r.conflicts[0]!.message).toContain('"Four." → "Four!"');
  });
});
