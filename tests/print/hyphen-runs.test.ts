/**
 * Hyphenation a typesetter accepts, decided on the page (in-page.ts: limitHyphenRuns, keepRectoFootWhole), on
 * a generated book of long justified paragraphs in long words, read back with `pdftotext -bbox-layout`
 * through scripts/print-metrics.mjs (which knows nothing of the renderer). What must hold:
 * - no three lines in a row end in a hyphen (page turns included);
 * - no word is broken at the foot of a right-hand page where the last line can take the room it leaves
 *   (its word spaces then at most half the type size), and that line still fills the measure;
 * - the pages are filled as before: no page ends short but where a paragraph's end or start moved a line over;
 * - the text reads back word for word as written, every word once and in order.
 * Without the rules this fixture has runs of three and more and words broken at recto feet (the first test
 * says so, or the others prove nothing).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module without types: the independent reader
import { measure, readGeometry, readLayout } from '../../scripts/print-metrics.mjs';
import { ROOT } from '../helpers/books.js';
import { type PdfLine, type PdfPage, bodyLines, closeGeneratedBook, typesetGeneratedBook } from '../helpers/typeset-book.js';

process.env.PUPPETEER_EXECUTABLE_PATH ??= '/usr/bin/chromium';


// long words that the English patterns break, and short ones between them (counts prime to the step 5):
// lines of few word spaces, many of them hyphenated (runs of three and more)
const LONG = 'the revolutionary government of a international to organisations in considered it particularly and as understanding on between neighbouring at communities was by responsibility for is extraordinary development in nevertheless the determination of cooperation'.split(' ');
// words of eight to ten letters among many short ones: lines of many spaces, some broken at a page foot
const PLAIN = 'we in the political movement of our workers and it is so that a party must at all times be important to their conditions for there are different questions as we said but it was therefore what'.split(' ');

function prose(n: number, seed: number, words: string[]): string {
  return Array.from({ length: n }, (_, i) => words[(seed + i * 5) % words.length]).join(' ') + '.';
}
/** Chapter c (1-based): three long paragraphs, in long words (chapters 1-2) or plain ones (3-5). */
const paragraphs = (c: number): string[] => [0, 1, 2].map((k) => prose(520 + 37 * k, c * 3 + k, c <= 2 ? LONG : PLAIN));
const CHAPTERS = 5;

mkdirSync(join(ROOT, '.cache'), { recursive: true });
const dir = mkdtempSync(join(ROOT, '.cache', 'hyphen-runs-'));
let pages: PdfPage[] = [];
let written: string[] = [];
const g = readGeometry();

beforeAll(async () => {
  const chapters = Array.from({ length: CHAPTERS }, (_, i) => ({ file: `0${i + 1}-chapter-${i + 1}.md`, text: `# Chapter ${i + 1}\n\n${paragraphs(i + 1).join('\n\n')}\n` }));
  written = chapters.flatMap((_, c) => [`Chapter ${c + 1}`, ...paragraphs(c + 1)]).join(' ').split(/\s+/);
  const pdf = await typesetGeneratedBook(dir, {
    identifier: 'urn:uuid:5d0c3b7a-2a9e-4f41-8c6e-6e1f0a9b2c31',
    title: 'Hyphen Runs',
    description: 'A generated book of long justified paragraphs in long words.',
    chapters,
  });
  pages = readLayout(pdf);
}, 300_000);

afterAll(() => closeGeneratedBook(dir));


/** The body's words in reading order from the first chapter's title on, a word broken at a line end joined. */
function readWords(): string[] {
  const first = pages.findIndex((p) => bodyLines(p)[0]?.text === 'Chapter 1');
  const words: string[] = [];
  let carry = '';
  for (const l of pages.slice(first).flatMap(bodyLines)) {
    const ws = l.words.map((w) => w.text);
    ws[0] = carry + ws[0];
    carry = '';
    if (/\p{Ll}-$/u.test(ws[ws.length - 1])) carry = ws.pop()!.slice(0, -1);
    words.push(...ws);
  }
  return words;
}

describe.sequential('hyphenation on the page', () => {
  it('the fixture breaks many lines and pages mid-paragraph', () => {
    const m = measure(pages, g);
    expect(m.bodyHyphenatedPct).toBeGreaterThan(15);
    expect(m.pages).toBeGreaterThan(20);
  });

  it('no more than two lines in a row end in a hyphen', () => {
    const m = measure(pages, g);
    expect({ runs3: m.bodyRuns3, longest: m.bodyLongestRun }).toEqual({ runs3: 0, longest: Math.min(2, m.bodyLongestRun) });
  });

  it('a word is broken at the foot of a right-hand page only where its line could not take the room it leaves', () => {
    const rectoRight = Math.max(...pages.filter((_, i) => i % 2 === 0).flatMap(bodyLines).map((l) => l.x1));
    let feet = 0;
    let whole = 0;
    for (const [i, p] of pages.entries()) {
      const next = pages[i + 1] ? bodyLines(pages[i + 1]) : [];
      const lines = bodyLines(p);
      // a right-hand page whose paragraph goes on overleaf (the next page opens with a small letter)
      if (i % 2 !== 0 || lines.length < 10 || !/^\p{Ll}/u.test(next[0]?.text ?? '')) continue;
      feet++;
      const last = lines[lines.length - 1];
      // the last line is justified to the measure, whatever it carries
      expect({ page: i + 1, fills: last.x1 >= rectoRight - 1.5 }).toEqual({ page: i + 1, fills: true });
      const words = last.words;
      if (!/\p{Ll}-$/u.test(words[words.length - 1].text)) {
        whole++;
        continue;
      }
      // broken: without the piece, the line's word spaces would stretch past half the type size
      const gaps = words.length - 1;
      const space = words.slice(1).reduce((sum, w, k) => sum + (w.x0 - words[k].x1), 0) / gaps;
      const piece = words[gaps].x1 - words[gaps].x0;
      expect({ page: i + 1, tooLoose: space + piece / gaps > 0.5 * g.fontSize - 0.5 }).toEqual({ page: i + 1, tooLoose: true });
    }
    expect(feet).toBeGreaterThan(4);
    expect(whole).toBeGreaterThan(0);
  });

  it('the pages are filled: none short but a chapter end, by more than a widow or orphan moved over', () => {
    const m = measure(pages, g);
    expect(m.worstShort.filter((s: { empty: number }) => s.empty > 2)).toEqual([]);
  });

  it('every word once and in order', () => {
    const got = readWords();
    const at = written.findIndex((w, k) => got[k] !== w);
    const where = at < 0 && got.length === written.length ? undefined : { at, got: got.slice(at - 3, at + 4).join(' '), want: written.slice(at - 3, at + 4).join(' ') };
    expect(where).toBeUndefined();
  });
});
