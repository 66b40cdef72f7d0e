/**
 * Incremental typesetting (units.ts, unit-cache.ts): a book is typeset, a correction made, the book typeset
 * again with the units kept from the first build, and once more from scratch (no cache): the two PDFs must
 * be the same bytes, and the incremental build must have laid out fewer units. Across a correction that
 * changes no page count, one that adds pages (the later folios move) and one that takes them away again
 * (the PDF is then the first build's, byte for byte). Page counts and text are read back with poppler.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPrintHtml } from '../../src/render/print/render-print-html.js';
import { closeTypesetter, typesetPdf, type PageInfo, type UnitStats } from '../../src/render/print/typeset-pdf.js';
import { loadBook, project, ROOT } from '../helpers/books.js';

process.env.PUPPETEER_EXECUTABLE_PATH ??= '/usr/bin/chromium';
const scratch = mkdtempSync(join(tmpdir(), 'galley-incremental-'));
const bookDir = join(scratch, 'foundations-of-leninism');
cpSync(join(ROOT, 'content', 'foundations-of-leninism'), bookDir, { recursive: true });
const cacheDir = join(scratch, 'cache');
const options = { galleyVersion: '0.0.0-test', revision: '2026-01-02' };

afterAll(async () => {
  await closeTypesetter();
  rmSync(scratch, { recursive: true, force: true });
});

interface Typeset {
  bytes: Buffer;
  stats: UnitStats;
  pages: PageInfo[];
  path: string;
}

let runs = 0;
async function typeset(cache: boolean): Promise<Typeset> {
  const { book } = loadBook(bookDir);
  const html = renderPrintHtml(book, project(), options);
  let stats: UnitStats | undefined;
  let pages: PageInfo[] = [];
  const bytes = await typesetPdf(html, {
    baseDir: book.dir,
    timeoutMs: 400_000,
    title: book.meta.title,
    author: 'test',
    language: book.meta.language,
    revision: options.revision,
    allowFiles: project().fonts.body.faces.map((f) => f.file),
    cache: cache ? { dir: cacheDir } : undefined,
    onUnits: (s) => (stats = s),
    onPages: (p) => (pages = p),
  });
  const path = join(scratch, `run-${++runs}.pdf`);
  writeFileSync(path, bytes);
  return { bytes: Buffer.from(bytes), stats: stats as UnitStats, pages, path };
}

const pdfPages = (path: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
const chapterFiles = () => readdirSync(bookDir).filter((f) => /^\d.*\.md$/.test(f)).sort();

/** The first long paragraph of a chapter file (not a note), and the file's lines. */
function longParagraph(file: string): { lines: string[]; at: number } {
  const lines = readFileSync(join(bookDir, file), 'utf8').split('\n');
  const at = lines.findIndex((l, k) => k > 3 && l.length > 300 && !l.startsWith('[^') && !/^[>#|:-]/.test(l));
  expect(at).toBeGreaterThan(0);
  return { lines, at };
}

describe.sequential('incremental typesetting', () => {
  const original = chapterFiles().map((f) => [f, readFileSync(join(bookDir, f), 'utf8')] as const);
  let first: Typeset;

  it('a book typeset twice with the cache: nothing laid out the second time, the same bytes', async () => {
    first = await typeset(true);
    expect(first.stats.units).toBeGreaterThan(3);
    expect(first.stats.laidOut).toBe(first.stats.units);
    const again = await typeset(true);
    expect(again.stats.laidOut).toBe(0);
    expect(again.stats.printed).toBe(0);
    expect(Buffer.compare(again.bytes, first.bytes)).toBe(0);
    expect(pdfPages(first.path)).toBe(first.pages.length);
  }, 600_000);

  it('one word corrected: one unit laid out again, and the same bytes as a build from scratch', async () => {
    const file = chapterFiles()[4];
    const { lines, at } = longParagraph(file);
    lines[at] = lines[at].replace(/\b(the)\b/, 'Zyxwv');
    writeFileSync(join(bookDir, file), lines.join('\n'));
    const incremental = await typeset(true);
    const full = await typeset(false);
    expect(incremental.stats.laidOut).toBeLessThanOrEqual(2);
    expect(incremental.stats.laidOut).toBeLessThan(incremental.stats.units / 2);
    expect(full.stats.laidOut).toBe(full.stats.units);
    expect(Buffer.compare(incremental.bytes, full.bytes)).toBe(0);
    expect(Buffer.compare(incremental.bytes, first.bytes)).not.toBe(0);
    expect(pdfText(incremental.path)).toContain('Zyxwv');
    expect(pdfText(first.path)).not.toContain('Zyxwv');
  }, 600_000);

  let longer: Typeset;
  it('pages added early in the book: the later folios move, and still the same bytes as from scratch', async () => {
    const file = chapterFiles()[1];
    const { lines, at } = longParagraph(file);
    // about two pages more
    lines.splice(at + 1, 0, ...Array.from({ length: 8 }, (_, k) => ['', `Qwertz ${k}. ${lines[at]}`]).flat());
    writeFileSync(join(bookDir, file), lines.join('\n'));
    longer = await typeset(true);
    const full = await typeset(false);
    expect(Buffer.compare(longer.bytes, full.bytes)).toBe(0);
    expect(pdfPages(longer.path)).toBeGreaterThan(pdfPages(first.path));
    // the last page's folio moved with the added pages
    expect(longer.pages[longer.pages.length - 1].folio).toBeGreaterThan(first.pages[first.pages.length - 1].folio);
  }, 600_000);

  it('the pages taken away again: the same bytes as from scratch, and as the first build', async () => {
    for (const [f, text] of original) writeFileSync(join(bookDir, f), text);
    const shorter = await typeset(true);
    const full = await typeset(false);
    expect(Buffer.compare(shorter.bytes, full.bytes)).toBe(0);
    expect(pdfPages(shorter.path)).toBeLessThan(pdfPages(longer.path));
    expect(Buffer.compare(shorter.bytes, first.bytes)).toBe(0);
  }, 600_000);
});
