/**
 * No word broken at the foot of a right-hand page (issue 8, item 4), where keepRectoFootWhole cannot take the
 * word whole (its line would gape) and no other paragraph on the page can take a line in or out: the page holds
 * one paragraph that runs over, or it has notes (in-page.ts fillShortPage, moveFootBreak). A generated book of
 * paragraphs longer than a page, in plain words of every length, with a note every 120-200 words, typeset and
 * read back page by page with `pdftotext -bbox-layout` through scripts/print-metrics.mjs (which knows nothing of
 * the renderer). What must hold:
 * - no right-hand page ends in a hyphen, and the fixture has many right-hand pages that end mid-paragraph
 *   (without moveFootBreak and the mending of pages with notes, 3 of them end in a hyphen: pp. 9, 11, 19);
 * - the text reads back word for word as written, every word once and in order (notes' calls set aside);
 * - no page without notes but a chapter's last ends short, and no note leaves its call's page;
 * - the last line of a right-hand page fills the measure and does not gape.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module without types: the independent reader
import { measure, readGeometry, readLayout } from '../../scripts/print-metrics.mjs';
import { ROOT } from '../helpers/books.js';
import { type PdfLine, type PdfPage, bodyLines, closeGeneratedBook, typesetGeneratedBook, seededRandom } from '../helpers/typeset-book.js';

process.env.PUPPETEER_EXECUTABLE_PATH ??= '/usr/bin/chromium';

const WORDS =
  'we in the political movement of our workers and it is so that a party must at all times be important to their conditions for there are different questions as said but was therefore what organisation government struggle peasantry revolutionary proletariat development industry experience comrades opposition congress leadership tasks country majority policy socialist economy masses'.split(' ');

interface Chapter {
  file: string;
  text: string;
  title: string;
  /** the body's words in order, calls left out */
  words: string[];
}

function chapters(): Chapter[] {
  const next = seededRandom(20261204);
  const pick = (): string => WORDS[Math.floor(next() * WORDS.length)];
  const out: Chapter[] = [];
  let note = 0;
  for (let c = 1; c <= 6; c++) {
    const paragraphs: string[] = [];
    const notes: string[] = [];
    const words: string[] = [];
    for (let p = 0; p < 3; p++) {
      const n = 420 + Math.floor(next() * 260);
      const ws = Array.from({ length: n }, pick);
      ws[0] = ws[0][0].toUpperCase() + ws[0].slice(1);
      ws[n - 1] += '.';
      words.push(...ws);
      // a note call every 120-200 words, after a word (the call's number is read back apart from it)
      const marked = [...ws];
      for (let at = 120 + Math.floor(next() * 80); at < n - 20; at += 120 + Math.floor(next() * 80)) {
        note++;
        marked[at] += `[^n${note}]`;
        const length = 12 + Math.floor(next() * 50);
        notes.push(`[^n${note}]: ${Array.from({ length }, pick).join(' ')}.`);
      }
      paragraphs.push(marked.join(' '));
    }
    const title = `Chapter ${c}`;
    out.push({ file: `0${c}-chapter-${c}.md`, title, words, text: `# ${title}\n\n${paragraphs.join('\n\n')}\n\n${notes.join('\n\n')}\n` });
  }
  return out;
}

mkdirSync(join(ROOT, '.cache'), { recursive: true });
const dir = mkdtempSync(join(ROOT, '.cache', 'recto-foot-'));
let pages: PdfPage[] = [];
let written: Chapter[] = [];
const g = readGeometry();

beforeAll(async () => {
  written = chapters();
  const pdf = await typesetGeneratedBook(dir, {
    identifier: 'urn:uuid:3e8f1a52-6c0d-4b7e-9a14-2f5d8c7b6e90',
    title: 'Recto Feet',
    description: 'A generated book of paragraphs longer than a page, with notes, for the words broken at the foot of a right-hand page.',
    chapters: written.map(({ file, text }) => ({ file, text })),
  });
  pages = readLayout(pdf);
}, 300_000);

afterAll(() => closeGeneratedBook(dir));

/** The body's lines of a page (the text block's, notes set aside: they are set smaller). */
function textLines(p: PdfPage): PdfLine[] {
  return bodyLines(p).filter((l) => l.y1 - l.y0 >= 0.9 * bodySize);
}
let bodySize = 0;

describe.sequential('no word broken at the foot of a right-hand page', () => {
  it('the fixture breaks many right-hand pages mid-paragraph, some with notes', () => {
    const sizes = new Map<string, number>();
    for (const l of pages.flatMap(bodyLines)) sizes.set((l.y1 - l.y0).toFixed(1), (sizes.get((l.y1 - l.y0).toFixed(1)) ?? 0) + l.words.length);
    bodySize = Number([...sizes].sort((a, b) => b[1] - a[1])[0][0]);
    let feet = 0;
    let withNotes = 0;
    for (const [i, p] of pages.entries()) {
      const next = pages[i + 1] ? textLines(pages[i + 1]) : [];
      if (i % 2 !== 0 || textLines(p).length < 10 || !/^\p{Ll}/u.test(next[0]?.text ?? '')) continue;
      feet++;
      if (bodyLines(p).length > textLines(p).length) withNotes++;
    }
    expect(feet).toBeGreaterThan(15);
    expect(withNotes).toBeGreaterThan(5);
  });

  it('no right-hand page ends in a hyphen', () => {
    const m = measure(pages, g);
    expect({ rectoFoot: m.bodyRectoFoot, pages: m.bodyRectoFootPages }).toEqual({ rectoFoot: 0, pages: [] });
  });

  it('every word once and in order', () => {
    const starts = written.map(({ title }) => pages.findIndex((p) => textLines(p)[0]?.text === title));
    expect(starts.every((s) => s >= 0)).toBe(true);
    for (const [c, chapter] of written.entries()) {
      const lines = pages.slice(starts[c], starts[c + 1] ?? pages.length).flatMap(textLines).slice(1);
      const got: string[] = [];
      let carry = '';
      for (const l of lines) {
        // a note's call is a number of its own, or fused to the word before it
        const ws = l.words.map((w) => w.text.replace(/\d+$/, '')).filter(Boolean);
        ws[0] = carry + ws[0];
        carry = '';
        if (/\p{Ll}-$/u.test(ws[ws.length - 1])) carry = ws.pop()!.slice(0, -1);
        got.push(...ws);
      }
      const at = chapter.words.findIndex((w, k) => got[k] !== w);
      const where = at < 0 && got.length === chapter.words.length ? undefined : { at, got: got.slice(at - 3, at + 4).join(' '), want: chapter.words.slice(at - 3, at + 4).join(' ') };
      expect({ chapter: chapter.title, difference: where }).toEqual({ chapter: chapter.title, difference: undefined });
    }
  });

  it('no page short but a chapter end (pages without notes), and every note on its call page', () => {
    const full = Math.max(...pages.flatMap((p) => textLines(p).map((l) => l.y1)));
    const first = pages.findIndex((p) => textLines(p)[0]?.text === written[0].title);
    const chapterEnd = (i: number): boolean => !pages[i + 1] || textLines(pages[i + 1]).length === 0 || written.some(({ title }) => textLines(pages[i + 1])[0]?.text === title);
    const short: string[] = [];
    for (const [i, p] of pages.entries()) {
      const lines = textLines(p);
      const notes = bodyLines(p).filter((l) => !lines.includes(l));
      if (i >= first && lines.length > 0 && notes.length === 0 && !chapterEnd(i) && Math.round((full - lines[lines.length - 1].y1) / g.lineHeight) > 0) short.push(`p. ${i + 1}`);
      // a note starts with its number; the call with that number stands in the body of the same page
      const body = new Set(lines.flatMap((l) => l.words.map((w) => (/(\d+)$/.exec(w.text) ?? [])[1]).filter(Boolean)));
      const starts = notes.map((l) => l.words[0].text).filter((t) => /^\d+$/.test(t));
      for (const n of starts) expect({ page: i + 1, note: n, call: body.has(n) }).toEqual({ page: i + 1, note: n, call: true });
    }
    expect(short).toEqual([]);
    expect(measure(pages, g).duplicatedLines).toBe(0);
  });

  it('the last line of a right-hand page that runs over fills the measure, and does not gape', () => {
    // a foot line the rules moved keeps its word spaces under half an em, or its paragraph's own widest before;
    // the browser's own justification reaches 0.58 em at one foot here (p. 17, nothing moved), so the bound is
    // the 0.6 em the hyphen rules allow a line anywhere. (The lines overleaf are set afresh from the break.)
    const right = Math.max(...pages.filter((_, i) => i % 2 === 0).flatMap(textLines).map((l) => l.x1));
    let widest = 0;
    let where = 0;
    for (const [i, p] of pages.entries()) {
      const next = pages[i + 1] ? textLines(pages[i + 1]) : [];
      const lines = textLines(p);
      if (i % 2 !== 0 || lines.length < 10 || !/^\p{Ll}/u.test(next[0]?.text ?? '')) continue;
      const last = lines[lines.length - 1];
      expect({ page: i + 1, fills: last.x1 >= right - 1.5 }).toEqual({ page: i + 1, fills: true });
      const words = last.words as unknown as { x0: number; x1: number }[];
      for (let k = 1; k < words.length; k++) if (words[k].x0 - words[k - 1].x1 > widest) [widest, where] = [words[k].x0 - words[k - 1].x1, i + 1];
    }
    expect({ page: where, widest: widest / g.fontSize < 0.6 }).toEqual({ page: where, widest: true });
  });
});
