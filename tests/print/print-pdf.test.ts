/**
 * The print pipeline on real books, read back as a reader's tools see it: every book in content/ (small
 * enough for the test budget) and the sample are typeset by Paged.js in Chromium and pass checkPdf
 * (fonts embedded, contents page numbers, notes on the page of their reference, running heads, no page
 * markers, metadata); a synthetic volume exercises the two-tab path; a hang and a missing browser become
 * clear errors that leave nothing behind. One Chromium at a time: everything runs in this one file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPdf, readFolios, readPdfFonts, readPdfInfo, readPdfPages } from '../../src/check/pdf.js';
import { readPdfLinks } from '../../src/check/pdf-links.js';
import { formatDiagnostic, GalleyError } from '../../src/diagnostics.js';
import { listBooks } from '../../src/model/read-book.js';
import type { Book } from '../../src/model/types.js';
import { renderPrintHtml } from '../../src/render/print/render-print-html.js';
import { closeTypesetter, typesetPdf, typesetterState } from '../../src/render/print/typeset-pdf.js';
import { buildApparatus } from '../../src/transform/build-apparatus.js';
import { loadBook, project, ROOT, SAMPLE_BOOK } from '../helpers/books.js';

process.env.PUPPETEER_EXECUTABLE_PATH ??= '/usr/bin/chromium';
const out = mkdtempSync(join(tmpdir(), 'galley-print-'));
const options = { galleyVersion: '0.0.0-test', revision: '2026-01-02' };
/** Books bigger than this are left to `npm run bench` (a 450-page volume takes longer than a test should). */
const MAX_TEST_BOOK_BYTES = 300_000;

function markdownBytes(dir: string): number {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'import-report.md')
    .reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

async function buildPdf(book: Book, extra: { onProgress?: (p: { pages?: number }) => void } = {}): Promise<string> {
  const html = renderPrintHtml(book, project(), options);
  const pdf = await typesetPdf(html, {
    baseDir: book.dir,
    allowFiles: project().fonts.body.faces.map((f) => f.file),
    timeoutMs: 240_000,
    title: book.meta.title,
    author: buildApparatus(book, project(), options).byline,
    language: book.meta.language,
    revision: options.revision,
    ...extra,
  });
  const path = join(out, `${book.slug}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

/** The titles of the PDF's bookmarks, depth first. */
function readOutline(doc: PDFDocument): string[] {
  const titles: string[] = [];
  const walk = (ref: unknown) => {
    for (let r = ref; r; ) {
      const item = doc.context.lookup(r as never) as PDFDict;
      titles.push((item.get(PDFName.of('Title')) as PDFHexString).decodeText());
      walk(item.get(PDFName.of('First')));
      r = item.get(PDFName.of('Next'));
    }
  };
  const root = doc.context.lookup(doc.catalog.get(PDFName.of('Outlines')) as never) as PDFDict | undefined;
  walk(root?.get(PDFName.of('First')));
  return titles;
}

const contentBooks = listBooks(ROOT)
  .map((slug) => join(ROOT, 'content', slug))
  .filter((dir) => markdownBytes(dir) <= MAX_TEST_BOOK_BYTES);

afterAll(async () => {
  await closeTypesetter();
  rmSync(out, { recursive: true, force: true });
});

describe.sequential('print PDF', () => {
  it.each([SAMPLE_BOOK, ...contentBooks])('%s passes the PDF checks', async (dir) => {
    const { book } = loadBook(dir);
    const path = await buildPdf(book);
    const diagnostics = await checkPdf(path, book);
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);

    const fonts = await readPdfFonts(path);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(fonts.every((f) => /EBGaramond/.test(f.name))).toBe(true);
    const { info } = await readPdfInfo(path);
    expect(info.Title).toBe(book.meta.title);
    expect(info.Author).toBe(buildApparatus(book, project(), options).byline);
    const pages = await readPdfPages(path);
    expect(pages.join('\n')).not.toMatch(/\{\{\s*page/);
    const doc = await PDFDocument.load(readFileSync(path));
    expect((doc.catalog.get(PDFName.of('Lang')) as PDFString).decodeText()).toBe(book.meta.language);
    // bookmarks: every heading down to level 3, in order, without note numbers (a bookmark is plain text: the
    // typography's no-break spaces in the heading are ordinary spaces there)
    expect(readOutline(doc)).toEqual(book.chapters.flatMap((c) => c.headings.filter((h) => h.level <= 3).map((h) => h.text.replace(/\s+/g, ' '))));
  }, 240_000);

  it('sample: contents numbers are the folios of the headings; notes sit with their references; roman front matter', async () => {
    const { book } = loadBook(SAMPLE_BOOK);
    const pages = await readPdfPages(await buildPdf(book));
    const folios = readFolios(pages);
    const contents = pages.findIndex((p) => /^\s*Contents\s*$/m.test(p));
    expect(folios[contents]).toMatch(/^[ivx]+$/);
    const line = pages[contents].split('\n').find((l) => l.includes('A Letter to Huysmans')) ?? '';
    const folio = /(\d+)\s*$/.exec(line)?.[1];
    expect(folio).toBeDefined();
    const headingPage = pages.findIndex((p, i) => i > contents && /^\s*A Letter to Huysmans\s*$/m.test(p));
    expect(headingPage).toBeGreaterThan(contents);
    expect(folios[headingPage]).toBe(folio);
    // the first work opens on a right-hand page numbered 1
    const first = pages.findIndex((p, i) => i > contents && /^\s*For the Party\s*$/m.test(p));
    expect(folios[first]).toBe('1');
    expect(first % 2).toBe(0); // 0-based even index: a right-hand page
    // note 1 of the second work is at the foot of the page that refers to it
    const notePage = pages.findIndex((p) => /^\s*1\s+Lenin’s let/m.test(p.replace(/\u00ad/g, '')));
    expect(notePage).toBe(headingPage);
    // the note call reads apart from its word
    expect(pages[notePage].replace(/\u00ad/g, '')).toMatch(/I state the following\. 1/);
    // every note call is a live link to its note's page, and every note's number links back to its first call
    const links = readPdfLinks(await PDFDocument.load(readFileSync(join(out, `${book.slug}.pdf`))));
    const calls = links.filter((l) => /-note-\d+$/.test(l.name ?? ''));
    const backs = links.filter((l) => /-ref-\d+$/.test(l.name ?? ''));
    const notes = book.chapters.reduce((n, c) => n + c.notes.length, 0);
    expect(backs).toHaveLength(notes);
    expect(calls.length).toBeGreaterThanOrEqual(notes);
    expect([...calls, ...backs].filter((l) => !l.live || l.target !== l.page)).toEqual([]);
    expect(calls.find((l) => l.name === 'second-work-note-1')?.target).toBe(notePage + 1);
    // page markers leave no trace, soft hyphens are only break opportunities
    expect(pages.join('')).not.toMatch(/\{\{|page 2\}\}/);
  }, 120_000);

  it('a big volume is laid out in two tabs and joined with continuous folios and running heads', async () => {
    const dir = join(out, 'volume');
    execFileSync(process.execPath, [join(ROOT, 'tests/print/make-big-book.mjs'), dir, '6', '150', join(ROOT, 'tests/fixtures/books/sample/01-first-work.md')]);
    const { book } = loadBook(dir);
    const previous = process.env.GALLEY_PDF_TABS;
    process.env.GALLEY_PDF_TABS = '2';
    const progress: number[] = [];
    let path: string;
    try {
      path = await buildPdf(book, { onProgress: (p) => p.pages !== undefined && progress.push(p.pages) });
    } finally {
      if (previous === undefined) delete process.env.GALLEY_PDF_TABS;
      else process.env.GALLEY_PDF_TABS = previous;
    }
    expect((await checkPdf(path, book)).map(formatDiagnostic)).toEqual([]);
    const pages = await readPdfPages(path);
    const { info } = await readPdfInfo(path);
    expect(Number(info.Pages)).toBe(pages.length);
    // progress counts the pages both tabs laid out, never going back; only a joining blank page is not in it
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every((n, i) => i === 0 || n >= progress[i - 1])).toBe(true);
    expect(pages.length - progress[progress.length - 1]).toBeGreaterThanOrEqual(0);
    expect(pages.length - progress[progress.length - 1]).toBeLessThanOrEqual(1);
    // folios run on without a gap from the first work to the last page
    const folios = readFolios(pages);
    const first = folios.indexOf('1');
    for (let i = first + 1; i < pages.length; i++) {
      if (folios[i] !== undefined) expect(Number(folios[i])).toBe(i - first + 1);
    }
    // left pages carry the book's title, right pages the work's, both with the folio
    const heads = pages.slice(first).map((p) => p.split('\n').find((l) => l.trim() !== '') ?? '');
    expect(heads.filter((h) => /^\d+\s{2,}Works, Volume 6 \(synthetic\)$/.test(h.trim())).length).toBeGreaterThan(5);
    expect(heads.filter((h) => /\S\s{2,}\d+$/.test(h.trim()) && !h.includes('Works, Volume 6')).length).toBeGreaterThan(5);
  }, 240_000);

  it('a hung page becomes a pdf-timeout error, the browser is killed and its profile removed', async () => {
    await buildPdf(loadBook(SAMPLE_BOOK).book);
    const profile = (await typesetterState())?.profileDir;
    expect(profile && existsSync(profile)).toBe(true);
    const hang = '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p>x</p><script>for (;;) {}</script></body></html>';
    const error = await typesetPdf(hang, { baseDir: SAMPLE_BOOK, timeoutMs: 4_000, title: 'x', author: 'x', language: 'en', revision: '2026-01-02' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GalleyError);
    expect((error as GalleyError).code).toBe('pdf-timeout');
    expect(existsSync(profile as string)).toBe(false);
    // the next book starts a fresh browser
    const { book } = loadBook(SAMPLE_BOOK);
    expect((await checkPdf(await buildPdf(book), book)).map(formatDiagnostic)).toEqual([]);
  }, 120_000);

  it('a browser that dies while typesetting is a browser-crashed error; the next book starts a new one', async () => {
    const { book } = loadBook(SAMPLE_BOOK);
    await buildPdf(book);
    const state = await typesetterState();
    expect(state?.pid).toBeGreaterThan(0);
    const html = renderPrintHtml(book, project(), options);
    const error = await typesetPdf(html, {
      baseDir: book.dir,
      allowFiles: project().fonts.body.faces.map((f) => f.file),
      timeoutMs: 60_000,
      title: 'x',
      author: 'x',
      language: 'en',
      revision: '2026-01-02',
      onTiming: (stage) => stage === 'tabs ready' && process.kill(state?.pid as number, 'SIGKILL'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GalleyError);
    expect((error as GalleyError).code).toBe('browser-crashed');
    expect(existsSync(state?.profileDir as string)).toBe(false);
    expect((await checkPdf(await buildPdf(book), book)).map(formatDiagnostic)).toEqual([]);
  }, 120_000);

  it('a browser that dies between the units of a big book (one laid out, others laying out or waiting) is a browser-crashed error; its temp folders go and what the cache kept is true', async () => {
    const dir = join(out, 'volume-crash');
    execFileSync(process.execPath, [join(ROOT, 'tests/print/make-big-book.mjs'), dir, '6', '150', join(ROOT, 'tests/fixtures/books/sample/01-first-work.md')]);
    const { book } = loadBook(dir);
    const html = renderPrintHtml(book, project(), options);
    const cache = join(out, 'volume-crash-cache');
    const typeset = (source: string, extra: Partial<Parameters<typeof typesetPdf>[1]>) =>
      typesetPdf(source, { baseDir: book.dir, allowFiles: project().fonts.body.faces.map((f) => f.file), timeoutMs: 240_000, title: 'x', author: 'x', language: 'en', revision: '2026-01-02', ...extra });
    const stages: string[] = [];
    let killed = false;
    const tmp = mkdtempSync(join(out, 'tmp-'));
    const previousTmp = process.env.TMPDIR;
    await closeTypesetter();
    process.env.TMPDIR = tmp; // the browser's profile and the typesetting's scratch folder are made in here
    let error: unknown;
    let state: Awaited<ReturnType<typeof typesetterState>>;
    try {
      error = await typesetPdf(html, {
        baseDir: book.dir,
        allowFiles: project().fonts.body.faces.map((f) => f.file),
        timeoutMs: 120_000,
        title: 'x',
        author: 'x',
        language: 'en',
        revision: '2026-01-02',
        cache: { dir: cache },
        onTiming: (stage) => {
          stages.push(stage);
          if (!killed && /^unit \d+ laid out/.test(stage)) {
            killed = true;
            void typesetterState().then((s) => ((state = s), process.kill(s?.pid as number, 'SIGKILL')));
          }
        },
      }).catch((e: unknown) => e);
    } finally {
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
    }
    expect(killed).toBe(true);
    expect(error).toBeInstanceOf(GalleyError);
    expect((error as GalleyError).code).toBe('browser-crashed');
    expect(stages).not.toContain('finished');
    expect(state!.profileDir.startsWith(tmp)).toBe(true);
    expect(readdirSync(tmp)).toEqual([]);
    // what the cache kept is true: a build from it is the same bytes as one from scratch
    let units = 0;
    const fromCache = await typeset(html, { cache: { dir: cache }, onUnits: (u) => (units = u.units) }).then((b) => Buffer.from(b));
    expect(units).toBeGreaterThan(2);
    const fromScratch = await typeset(html, {}).then((b) => Buffer.from(b));
    expect(Buffer.compare(fromCache, fromScratch)).toBe(0);
  }, 600_000);

  it('a missing browser is a browser-missing error', async () => {
    await closeTypesetter();
    const previous = process.env.PUPPETEER_EXECUTABLE_PATH;
    process.env.PUPPETEER_EXECUTABLE_PATH = join(out, 'no-such-chromium');
    try {
      const error = await buildPdf(loadBook(SAMPLE_BOOK).book).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GalleyError);
      expect((error as GalleyError).code).toBe('browser-missing');
      expect((error as GalleyError).message).toContain('no-such-chromium');
    } finally {
      process.env.PUPPETEER_EXECUTABLE_PATH = previous;
    }
  });
});
