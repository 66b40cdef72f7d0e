/**
 * The PDF's words as an independent extractor reads them: `pdftotext -bbox-layout` gives every page's
 * lines in reading order with the box of each word. From the page's own geometry, not from what galley
 * meant to print:
 *   - the running head is the top row when it is set smaller than the text and holds a folio;
 *     a folio alone in the bottom row (chapter openings, front matter) is set aside too;
 *   - the notes are the lines at the foot of the page set clearly smaller than the text (< 0.87 of it);
 *   - a note call is a word set small and raised above its line;
 *   - a word broken at a line end (hyphen, soft hyphen) is joined again with the next line's first word,
 *     across a page turn too.
 * Pages before the one whose folio is 1 are front matter (title, imprint, contents) and are set apart.
 */
import { GalleyError } from '../diagnostics.js';
import { callKey, normalizeWord, type Word } from './book-words.js';
import { runProcess } from './run-process.js';

const TIMEOUT_MS = 180_000;

export interface Box {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfLine extends Box {
  words: (Box & { text: string })[];
}

export interface PdfPage {
  width: number;
  height: number;
  lines: PdfLine[];
}

export interface PdfWord extends Word {
  /** 1-based page of the PDF */
  page: number;
  /** the line it stands on (an index in reading order over the whole stream) */
  line: number;
}

export interface PdfText {
  /** body words of the pages from the first body page on */
  body: PdfWord[];
  /** note words, in the order the notes stand */
  notes: PdfWord[];
  /** 1-based PDF page holding folio 1 (1 if none) */
  firstBodyPage: number;
  /** the folio printed on each page, if any */
  folios: (string | undefined)[];
  pageCount: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

function readBox(attrs: string): Box {
  const get = (name: string) => Number(new RegExp(`${name}="([-0-9.]+)"`).exec(attrs)?.[1] ?? 0);
  return { xMin: get('xMin'), yMin: get('yMin'), xMax: get('xMax'), yMax: get('yMax') };
}

/** The XHTML of `pdftotext -bbox-layout` → pages of lines of words, in the extractor's reading order. */
export function parseBboxLayout(xhtml: string): PdfPage[] {
  const pages: PdfPage[] = [];
  const pageRe = /<page width="([0-9.]+)" height="([0-9.]+)">([\s\S]*?)<\/page>/g;
  for (const pm of xhtml.matchAll(pageRe)) {
    const lines: PdfLine[] = [];
    for (const lm of pm[3].matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)) {
      const words = [...lm[2].matchAll(/<word ([^>]*)>([\s\S]*?)<\/word>/g)].map((wm) => ({ ...readBox(wm[1]), text: decodeEntities(wm[2]) }));
      if (words.length > 0) lines.push({ ...readBox(lm[1]), words });
    }
    pages.push({ width: Number(pm[1]), height: Number(pm[2]), lines });
  }
  return pages;
}

export async function readPdfLayout(pdfPath: string): Promise<PdfPage[]> {
  const r = await runProcess('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', pdfPath, '-'], { timeoutMs: TIMEOUT_MS, tool: 'pdftotext' });
  if (r.code !== 0) throw new GalleyError('pdf-unreadable', `pdftotext could not read ${pdfPath}: ${r.stderr.trim()}`);
  return parseBboxLayout(r.stdout);
}

const FOLIO = /^(\d+|[ivxlcdm]+)$/i;
/** Characters that end a line where a word was broken: hyphen-minus, hyphen, non-breaking hyphen, soft hyphen. */
const BREAK_HYPHEN = /[-\u2010\u2011\u00ad]+$/;

function height(b: Box): number {
  return b.yMax - b.yMin;
}

/** The most common line height of the document: the text size. */
function textHeight(pages: PdfPage[]): number {
  const counts = new Map<number, number>();
  for (const p of pages) for (const l of p.lines) {
    const h = Math.round(height(l) * 4) / 4;
    counts.set(h, (counts.get(h) ?? 0) + l.words.length);
  }
  let best = 0;
  let bestCount = -1;
  for (const [h, c] of counts) if (c > bestCount) [best, bestCount] = [h, c];
  return best;
}

/** Lines grouped into rows by their vertical position (a running head may be two or three lines side by side). */
function rows(lines: PdfLine[]): PdfLine[][] {
  const out: PdfLine[][] = [];
  for (const l of [...lines].sort((x, y) => x.yMin - y.yMin)) {
    const row = out.find((r) => Math.abs(r[0].yMin - l.yMin) < 1.5 && Math.abs(r[0].yMax - l.yMax) < 1.5);
    if (row) row.push(l);
    else out.push([l]);
  }
  return out;
}

interface PageParts {
  folio?: string;
  margin: Set<PdfLine>;
  notes: Set<PdfLine>;
}

/** Which lines of a page are running head and folio, and which are notes. */
function classifyPage(page: PdfPage, text: number): PageParts {
  const parts: PageParts = { margin: new Set(), notes: new Set() };
  const byRow = rows(page.lines);
  if (byRow.length === 0) return parts;
  const small = (l: PdfLine) => height(l) < text * 0.87;
  const top = byRow[0];
  const topWords = top.flatMap((l) => l.words);
  const topFolio = topWords.find((w) => FOLIO.test(w.text));
  if (top.every(small) && topFolio && (byRow.length === 1 || byRow[1][0].yMin - top[0].yMax > text * 0.5)) {
    top.forEach((l) => parts.margin.add(l));
    parts.folio = topFolio.text;
  }
  const bottom = byRow[byRow.length - 1];
  const bottomWords = bottom.flatMap((l) => l.words);
  if (
    !parts.margin.has(bottom[0]) &&
    bottomWords.length === 1 &&
    FOLIO.test(bottomWords[0].text) &&
    (byRow.length === 1 || bottom[0].yMin - byRow[byRow.length - 2][0].yMax > text * 0.5)
  ) {
    bottom.forEach((l) => parts.margin.add(l));
    parts.folio ??= bottomWords[0].text;
  }
  // the notes: from the foot upwards, the rows set small (below the last row of text size)
  for (let r = byRow.length - 1; r >= 0; r--) {
    const row = byRow[r];
    if (row.some((l) => parts.margin.has(l))) continue;
    if (!row.every(small)) break;
    row.forEach((l) => parts.notes.add(l));
  }
  return parts;
}

/** A note call as printed: a number, or a symbol book.yaml gives (transform/mark-notes.ts). */
export const NOTE_MARK = /^(?:\d+|[*†‡§¶‖#]+)$/;

/** Words of one line; calls (small, raised) become call tokens, side-by-side calls one token. */
function lineWords(line: PdfLine, isNote: boolean): Word[] {
  const out: Word[] = [];
  const baseline = Math.max(...line.words.map((w) => w.yMax));
  const size = Math.max(...line.words.map(height));
  let calls: string[] = [];
  const flush = () => {
    if (calls.length > 0) out.push({ key: callKey(calls), raw: `[${calls.join(',')}]` });
    calls = [];
  };
  for (const w of line.words) {
    const isCall = !isNote && NOTE_MARK.test(w.text) && height(w) < size * 0.8 && w.yMax < baseline - size * 0.1;
    if (isCall) {
      calls.push(w.text);
      continue;
    }
    flush();
    // a word may hold a dash between two words ("colleagues—Plekhanov")
    for (const raw of w.text.split(/[\u2012-\u2015\u2e3a\u2e3b]+/u)) {
      const key = normalizeWord(raw);
      if (key !== '') out.push({ key, raw });
    }
  }
  flush();
  return out;
}

/**
 * Lines → words, a word broken at a line end joined with the next line's first word (which then takes
 * the page of the line where it began).
 */
function joinLines(lines: { line: PdfLine; page: number }[], isNote: boolean, out: PdfWord[]): void {
  let carry: { raw: string; page: number; line: number } | undefined;
  for (const [n, { line, page }] of lines.entries()) {
    const words = lineWords(line, isNote);
    if (carry && words.length > 0 && !words[0].key.startsWith('^')) {
      const raw = carry.raw + words[0].raw;
      words[0] = { key: normalizeWord(raw), raw };
    } else if (carry) {
      out.push({ key: normalizeWord(carry.raw), raw: carry.raw, page: carry.page, line: carry.line });
    }
    const carried = carry;
    carry = undefined;
    const lastRaw = line.words[line.words.length - 1]?.text ?? '';
    words.forEach((w, i) => {
      const last = i === words.length - 1;
      const from = i === 0 && carried ? carried : { page, line: n };
      if (last && BREAK_HYPHEN.test(lastRaw) && !w.key.startsWith('^')) carry = { raw: w.raw.replace(BREAK_HYPHEN, ''), page: from.page, line: from.line };
      else out.push({ ...w, page: from.page, line: from.line });
    });
  }
  if (carry) out.push({ key: normalizeWord(carry.raw), raw: carry.raw, page: carry.page, line: carry.line });
}

/** The PDF's text, split into body and notes, running heads and folios set aside. */
export function pdfText(pages: PdfPage[]): PdfText {
  const text = textHeight(pages);
  const parts = pages.map((p) => classifyPage(p, text));
  const folios = parts.map((p) => p.folio);
  const one = folios.findIndex((f) => f === '1');
  const first = one < 0 ? 0 : one;
  const bodyLines: { line: PdfLine; page: number }[] = [];
  const noteLines: { line: PdfLine; page: number }[] = [];
  for (let i = first; i < pages.length; i++) {
    for (const line of pages[i].lines) {
      if (parts[i].margin.has(line)) continue;
      if (parts[i].notes.has(line)) {
        noteLines.push({ line, page: i + 1 });
        continue;
      }
      bodyLines.push({ line, page: i + 1 });
    }
  }
  const body: PdfWord[] = [];
  const notes: PdfWord[] = [];
  joinLines(bodyLines, false, body);
  joinLines(noteLines, true, notes);
  return { body, notes, firstBodyPage: first + 1, folios, pageCount: pages.length };
}
