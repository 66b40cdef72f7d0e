/**
 * The change report of a rebuild (build/change-report.ts), against what independent tools see: a real book
 * is built, corrected and built again; the PDF pages the report calls changed must be exactly those whose
 * text pdftotext reads differently (running heads and folios aside), the pages it calls moved must read as
 * the old pages did, `by` pages later; the EPUB files it calls changed must be exactly the zip entries
 * whose bytes differ (read with jszip). Across a one-word correction and one that adds pages.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBooks, type BookResult } from '../../src/build/build-books.js';
import type { ChangeReport, EpubChange, PdfChange } from '../../src/build/change-report.js';
import { readPdfPages } from '../../src/check/pdf.js';
import { loadProjectConfig } from '../../src/config/load-project.js';
import { closeTypesetter } from '../../src/render/print/typeset-pdf.js';
import { ROOT } from '../helpers/books.js';

process.env.PUPPETEER_EXECUTABLE_PATH ??= '/usr/bin/chromium';
const BOOK = 'foundations-of-leninism';
const root = mkdtempSync(join(tmpdir(), 'galley-changes-'));
cpSync(join(ROOT, 'content', BOOK), join(root, 'content', BOOK), { recursive: true });
cpSync(join(ROOT, 'galley.yaml'), join(root, 'galley.yaml'));
symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
const bookDir = join(root, 'content', BOOK);
const dist = join(root, 'dist');

afterAll(async () => {
  await closeTypesetter();
  rmSync(root, { recursive: true, force: true });
});

interface Built {
  result: BookResult;
  pdf: Buffer;
  epub: Buffer;
  pages: string[];
}

let runs = 0;
async function build(): Promise<Built> {
  const [result] = await buildBooks({ project: loadProjectConfig(root), books: [BOOK], formats: ['epub', 'pdf'], outDir: dist, galleyVersion: '0.0.0-test', pdfTimeoutMs: 240_000 });
  expect(result.error).toBeUndefined();
  const pdf = readFileSync(join(dist, `${BOOK}.pdf`));
  const copy = join(root, `run-${++runs}.pdf`);
  writeFileSync(copy, pdf);
  return { result, pdf, epub: readFileSync(join(dist, `${BOOK}.epub`)), pages: await readPdfPages(copy) };
}

/** A page's own text as pdftotext reads it: without its running head and folio, spaces collapsed. */
function body(page: string): string {
  const lines = page.split('\n').filter((l) => l.trim() !== '');
  // the running head (a line with the folio at one end) and a lone folio at the foot
  if (lines.length > 0 && /^\s*\d+\s{2,}\S|\S\s{2,}\d+\s*$/.test(lines[0])) lines.shift();
  return lines
    .filter((l) => !/^\s*([0-9]+|[ivxlc]+)\s*$/.test(l))
    .join(' ')
    .replace(/\u00ad/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The 0-based pages of the new PDF in the report's changed runs. */
const changedPages = (c: PdfChange) => c.changed.flatMap((r) => Array.from({ length: r.to.index - r.from.index + 1 }, (_, k) => r.from.index - 1 + k));

/** The zip entries whose bytes differ between two EPUBs (or that only one has). */
async function differingEntries(a: Buffer, b: Buffer): Promise<string[]> {
  const [za, zb] = await Promise.all([JSZip.loadAsync(a), JSZip.loadAsync(b)]);
  const names = [...new Set([...Object.keys(za.files), ...Object.keys(zb.files)])].filter((n) => !(za.files[n] ?? zb.files[n]).dir).sort();
  const out: string[] = [];
  for (const name of names) {
    const [x, y] = await Promise.all([za.file(name)?.async('nodebuffer'), zb.file(name)?.async('nodebuffer')]);
    if (!x || !y || Buffer.compare(x, y) !== 0) out.push(name);
  }
  return out;
}

function changesOf(result: BookResult): { pdf: PdfChange; epub: EpubChange; file: ChangeReport } {
  const file = JSON.parse(readFileSync(join(dist, `${BOOK}.changes.json`), 'utf8')) as ChangeReport;
  expect(file).toEqual(result.changes);
  const pdf = file.outputs.find((o) => o.kind === 'pdf') as PdfChange;
  const epub = file.outputs.find((o) => o.kind === 'epub') as EpubChange;
  expect(pdf && epub).toBeTruthy();
  expect(file.schema).toBe(1);
  expect(file.book).toBe(BOOK);
  return { pdf, epub, file };
}

const chapterFiles = () => readdirSync(bookDir).filter((f) => /^\d.*\.md$/.test(f)).sort();

function longParagraph(file: string): { lines: string[]; at: number } {
  const lines = readFileSync(join(bookDir, file), 'utf8').split('\n');
  const at = lines.findIndex((l, k) => k > 3 && l.length > 300 && !l.startsWith('[^') && !/^[>#|:-]/.test(l) && / the /.test(l));
  expect(at).toBeGreaterThan(0);
  return { lines, at };
}

describe.sequential('the change report', () => {
  let first: Built;

  it('a first build has nothing to compare with: no report, no changes.json', async () => {
    first = await build();
    expect(first.result.changes).toBeUndefined();
    expect(existsSync(join(dist, `${BOOK}.changes.json`))).toBe(false);
  }, 600_000);

  let second: Built;
  it('one word corrected: the pages pdftotext reads differently are the changed ones, the EPUB file that differs is the changed one', async () => {
    const files = chapterFiles();
    const file = files[Math.floor(files.length / 2)];
    const { lines, at } = longParagraph(file);
    lines[at] = lines[at].replace(' the ', ' Zyxwv ');
    writeFileSync(join(bookDir, file), lines.join('\n'));
    second = await build();
    const { pdf, epub } = changesOf(second.result);
    expect(pdf.status).toBe('changed');
    expect(pdf.pages).toEqual({ before: first.pages.length, after: second.pages.length });
    // independent: pdftotext's text of each page, old and new
    const differing = second.pages.map((p, i) => i).filter((i) => body(second.pages[i]) !== body(first.pages[i] ?? ''));
    expect(differing.length).toBeGreaterThan(0);
    expect(changedPages(pdf)).toEqual(differing);
    const withWord = second.pages.map((p, i) => i).filter((i) => second.pages[i].includes('Zyxwv'));
    expect(withWord.length).toBe(1);
    expect(changedPages(pdf)).toContain(withWord[0]);
    if (second.pages.length === first.pages.length) expect(pdf.moved).toEqual([]);
    // the label is the folio printed on the page
    expect(second.pages[withWord[0]]).toMatch(new RegExp(`(^|\\s)${pdf.changed[0].from.label}(\\s|$)`));
    expect(epub.status).toBe('changed');
    const entries = await differingEntries(first.epub, second.epub);
    expect(entries.length).toBeGreaterThan(0);
    expect([...epub.changed, ...epub.added, ...epub.removed].sort()).toEqual(entries);
    expect(entries.every((e) => e.endsWith('.xhtml') || e.endsWith('.opf') || e.endsWith('.ncx'))).toBe(true);
  }, 600_000);

  it('pages added: the pages after the edit are reported moved by the pages added, and read as before', async () => {
    const file = chapterFiles()[1];
    const { lines, at } = longParagraph(file);
    lines.splice(at + 1, 0, ...Array.from({ length: 6 }, (_, k) => ['', `Qwertz ${k}. ${lines[at]}`]).flat());
    writeFileSync(join(bookDir, file), lines.join('\n'));
    const third = await build();
    const { pdf } = changesOf(third.result);
    const added = third.pages.length - second.pages.length;
    expect(added).toBeGreaterThan(0);
    expect(pdf.status).toBe('changed');
    expect(pdf.moved.length).toBeGreaterThan(0);
    const last = pdf.moved[pdf.moved.length - 1];
    // the last page of the book moved by the pages added
    expect(last.to.index).toBe(third.pages.length);
    expect(last.by).toBe(added);
    for (const run of pdf.moved) {
      for (let i = run.from.index - 1; i < run.to.index; i++) expect(body(third.pages[i])).toBe(body(second.pages[i - run.by]));
    }
    // the first page with the added text is a changed page, and every page whose text is not an old page's is changed
    const edited = third.pages.findIndex((p) => p.includes('Qwertz'));
    expect(changedPages(pdf)).toContain(edited);
    const movedPages = new Set(pdf.moved.flatMap((r) => Array.from({ length: r.to.index - r.from.index + 1 }, (_, k) => r.from.index - 1 + k)));
    for (let i = 0; i < third.pages.length; i++) {
      if (changedPages(pdf).includes(i) || movedPages.has(i)) continue;
      expect(body(third.pages[i])).toBe(body(second.pages[i]));
    }
    expect(changedPages(pdf).length).toBeLessThan(third.pages.length / 4);
    // what galley prints for the proofreader
    const { describeChange } = await import('../../src/build/change-report.js');
    expect(describeChange(pdf)).toMatch(new RegExp(`^${BOOK}\\.pdf: pages? [^;]+ changed; .*${last.count} pages after them moved by \\+${added}`));
  }, 600_000);
});
