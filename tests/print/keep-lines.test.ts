/**
 * The page-break rules (in-page.ts KeepLinesTogether) on a generated book, read back page by page with
 * `pdftotext -bbox-layout` through scripts/print-metrics.mjs (which knows nothing of the renderer).
 * Each chapter puts a heading, a paragraph longer than a page, or a four-line paragraph at another
 * line of the page foot: one-line paragraphs push it down a line per chapter, so every position is tried.
 * What must hold on every page of every chapter:
 * - the text reads back word for word as written, every word once and in order (no page printed twice,
 *   no line lost);
 * - a heading is never a page's last line: at least two lines of what follows stand under it;
 * - no paragraph leaves one line at the foot (orphan) or carries one line over (widow);
 * - no page ends more than three lines short of a full page, but a chapter's last;
 * - a word broken at the turn reads whole once joined, and no soft hyphen is in the text layer.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module without types: the independent reader
import { readGeometry, readLayout } from '../../scripts/print-metrics.mjs';
import { ROOT } from '../helpers/books.js';
import { type PdfLine, type PdfPage, bodyLines, closeGeneratedBook, typesetGeneratedBook, wordsOfLines, chapterPages } from '../helpers/typeset-book.js';

process.env.PUPPETEER_EXECUTABLE_PATH ??= '/usr/bin/chromium';


const VOCABULARY =
  'the revolutionary movement developed extraordinarily quickly during those years although several organisations hesitated considerably before accepting responsibility for international cooperation and understanding between neighbouring communities remained fragile nevertheless determination grew'.split(' ');

/** `n` words of running prose, starting at `seed` in the vocabulary. */
function prose(n: number, seed: number): string {
  return Array.from({ length: n }, (_, i) => VOCABULARY[(seed + i * 7) % VOCABULARY.length]).join(' ') + '.';
}

/** One chapter per case and offset: `fill` one-line paragraphs, then what is tried at the foot. */
function chapters(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  let n = 0;
  const add = (title: string, body: string[]) => {
    n++;
    out.push({ file: `${String(n).padStart(2, "0")}-case-${n}.md`, text: `# ${title}\n\n${body.join('\n\n')}\n` });
  };
  for (let fill = 24; fill <= 34; fill++) {
    const filler = Array.from({ length: fill }, (_, i) => `Line ${i + 1} stands alone.`);
    add(`Heading at the foot ${fill}`, [...filler, '## A Subheading Here', prose(60, fill), prose(40, fill + 1)]);
    add(`Long paragraph ${fill}`, [...filler, '## Before the Long One', prose(700, fill), prose(30, fill + 2)]);
    add(`Short paragraph ${fill}`, [...filler, prose(36, fill), prose(200, fill + 3)]);
  }
  add('Long paragraph at the top', ['## At Once', prose(900, 3), prose(50, 4)]);
  return out;
}

// inside the project (books outside it are refused), in the ignored .cache folder
mkdirSync(join(ROOT, '.cache'), { recursive: true });
const dir = mkdtempSync(join(ROOT, '.cache', 'keep-lines-'));
let pages: PdfPage[] = [];
let written: { title: string; words: string[] }[] = [];
const g = readGeometry();

beforeAll(async () => {
  const cases = chapters();
  written = cases.map((c) => {
    const [title, ...rest] = c.text.replace(/^# /, '').split('\n');
    return { title, words: rest.join(' ').replace(/#+ /g, '').split(/\s+/).filter(Boolean) };
  });
  const pdf = await typesetGeneratedBook(dir, {
    identifier: 'urn:uuid:0b6c7e9e-3f0e-4c1e-9d7a-1b2c3d4e5f60',
    title: 'Page Breaks',
    description: 'A generated book that puts headings, long and short paragraphs at every line of a page foot.',
    chapters: cases,
  });
  pages = readLayout(pdf);
}, 300_000);

afterAll(() => closeGeneratedBook(dir));


describe.sequential('page breaks', () => {
  it('the fixture was found page by page', () => {
    expect(chapterPages(pages, written.map((w) => w.title)).every((c) => c.pages.length >= 2)).toBe(true);
  });

  it('every word once and in order: no page printed twice, no line lost', () => {
    for (const [i, c] of chapterPages(pages, written.map((w) => w.title)).entries()) {
      const got = wordsOfLines(c.pages.flat());
      const want = [...c.title.split(' '), ...written[i].words];
      // the first difference, with the words around it
      const at = want.findIndex((w, k) => got[k] !== w);
      const where = at < 0 && got.length === want.length ? undefined : { at, got: got.slice(at - 3, at + 5).join(' '), want: want.slice(at - 3, at + 5).join(' ') };
      expect({ chapter: c.title, difference: where }).toEqual({ chapter: c.title, difference: undefined });
    }
  });

  it('no soft hyphen in the text layer; a word broken at a page turn reads whole', () => {
    const all = pages.flatMap((p) => p.lines.map((l) => l.text)).join('\n');
    expect(all).not.toContain('\u00ad');
    let turns = 0;
    for (const c of chapterPages(pages, written.map((w) => w.title))) {
      for (let k = 0; k + 1 < c.pages.length; k++) {
        const last = c.pages[k][c.pages[k].length - 1];
        const word = last.words[last.words.length - 1].text;
        if (!/\p{Ll}-$/u.test(word)) continue;
        turns++;
        const joined = (word.slice(0, -1) + c.pages[k + 1][0].words[0].text).replace(/[.,]$/, '');
        expect(VOCABULARY).toContain(joined);
      }
    }
    // the fixture breaks words at page turns, or this test proves nothing
    expect(turns).toBeGreaterThan(0);
  });

  it('a heading keeps with two lines or more of what follows, never with a whole long paragraph', () => {
    for (const c of chapterPages(pages, written.map((w) => w.title))) {
      for (const [k, lines] of c.pages.entries()) {
        const at = lines.findIndex((l) => l.text === 'A Subheading Here' || l.text === 'Before the Long One' || l.text === 'At Once');
        if (at < 0) continue;
        const under = lines.slice(at + 1);
        expect({ chapter: c.title, page: k, linesUnder: Math.min(under.length, 2) }).toEqual({ chapter: c.title, page: k, linesUnder: 2 });
      }
    }
  });

  it('no widow, no orphan, no page short but a chapter end (by more than the lines a rule took over)', () => {
    const step = g.lineHeight;
    // the text block's edges on left and right pages, from every body line of the book
    const edges = [0, 1].map((parity) => {
      const ls = pages.filter((_, i) => i % 2 === parity).flatMap(bodyLines).filter((l) => l.y1 - l.y0 < 15);
      return { left: Math.min(...ls.map((l) => l.x0)), right: Math.max(...ls.map((l) => l.x1)) };
    });
    const full = Math.max(...pages.flatMap((p) => bodyLines(p).map((l) => l.y1)));
    for (const c of chapterPages(pages, written.map((w) => w.title))) {
      for (const [k, lines] of c.pages.entries()) {
        const text = lines.filter((l) => l.y1 - l.y0 < 15);
        const { left, right } = edges[(c.start + k) % 2];
        const last = text[text.length - 1];
        if (k + 1 < c.pages.length) {
          // a page may end short by the lines a widow or an orphan took over (2), or by a heading and the
          // two lines it keeps with (a heading and its space are about 3 lines here: 6 in all)
          const short = Math.round((full - last.y1) / step);
          const headingOverleaf = /^(A Subheading Here|Before the Long One|At Once)$/.test(c.pages[k + 1][0].text);
          expect({ chapter: c.title, page: k, short: short > (headingOverleaf ? 6 : 2) }).toEqual({ chapter: c.title, page: k, short: false });
          // orphan: the page's last line is the indented first line of a paragraph that goes on overleaf
          const indented = last.x0 - left > g.fontSize * 0.8;
          const continues = last.x1 >= right - 1.5;
          expect({ chapter: c.title, page: k, orphan: indented && continues }).toEqual({ chapter: c.title, page: k, orphan: false });
        }
        if (k > 0) {
          // widow: the page's first line ends its paragraph (short), and the line before it was overleaf
          const first = text[0];
          const next = text[1];
          const ends = first.x1 < right - 8 && (!next || next.x0 - left > g.fontSize * 0.8 || /^Line/.test(next.text));
          const prev = c.pages[k - 1][c.pages[k - 1].length - 1];
          const carried = prev.x1 >= right - 1.5 && !/^Line \d+/.test(first.text);
          expect({ chapter: c.title, page: k, widow: ends && carried }).toEqual({ chapter: c.title, page: k, widow: false });
        }
      }
    }
  });
});
