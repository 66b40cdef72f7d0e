/**
 * No more than two lines in a row end in a hyphen in the notes either (issue 8, item 4; in-page.ts
 * limitNoteHyphenRuns), on a generated book of short paragraphs each with a long note in long words, read back
 * with `pdftotext -bbox-layout` through scripts/print-metrics.mjs (which knows nothing of the renderer). What
 * must hold:
 * - no three note lines in a row end in a hyphen where the note keeps its height (a change that would move a
 *   note's height is undone: its room was measured before);
 * - every note's words read back once and in order.
 * Without the rule this fixture's notes have runs of three (the first test says the notes are hyphenated enough).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module without types: the independent reader
import { measure, readGeometry, readLayout } from '../../scripts/print-metrics.mjs';
import { ROOT } from '../helpers/books.js';
import { type PdfPage, bodyLines, closeGeneratedBook, typesetGeneratedBook } from '../helpers/typeset-book.js';

process.env.PUPPETEER_EXECUTABLE_PATH ??= '/usr/bin/chromium';

// long words that the English patterns break, and short ones between them (as tests/print/hyphen-runs.test.ts)
const LONG = 'the revolutionary government of a international to organisations in considered it particularly and as understanding on between neighbouring at communities was by responsibility for is extraordinary development in nevertheless the determination of cooperation'.split(' ');
const PLAIN = 'we in the political movement of our workers and it is so that a party must at all times be important to their conditions for there are different questions as we said but it was therefore what'.split(' ');

const prose = (n: number, seed: number, words: string[]): string[] => Array.from({ length: n }, (_, i) => words[(seed + i * 5) % words.length]);

/** Chapter c: four short paragraphs, each with a note of 45-85 long words after its tenth word. */
function chapter(c: number): { text: string; notes: string[][] } {
  const paragraphs: string[] = [];
  const notes: string[][] = [];
  for (let k = 0; k < 4; k++) {
    const body = prose(260, c * 7 + k, PLAIN);
    const note = prose(45 + ((c * 13 + k * 11) % 41), c * 5 + k * 3, LONG);
    notes.push(note);
    body[9] += `[^c${c}n${k}]`;
    paragraphs.push(`${body.join(' ')}.`);
  }
  const defs = notes.map((n, k) => `[^c${c}n${k}]: ${n.join(' ')}.`);
  return { text: `# Chapter ${c}\n\n${paragraphs.join('\n\n')}\n\n${defs.join('\n\n')}\n`, notes };
}
const CHAPTERS = 6;

mkdirSync(join(ROOT, '.cache'), { recursive: true });
const dir = mkdtempSync(join(ROOT, '.cache', 'note-runs-'));
let pages: PdfPage[] = [];
const g = readGeometry();

beforeAll(async () => {
  const chapters = Array.from({ length: CHAPTERS }, (_, i) => ({ file: `0${i + 1}-chapter-${i + 1}.md`, text: chapter(i + 1).text }));
  const pdf = await typesetGeneratedBook(dir, {
    identifier: 'urn:uuid:8b2d6f40-1c3e-4a59-9d7e-5f0a2b4c6d81',
    title: 'Note Runs',
    description: 'A generated book of short paragraphs with long notes in long words.',
    chapters,
  });
  pages = readLayout(pdf);
}, 300_000);

afterAll(() => closeGeneratedBook(dir));

describe.sequential('hyphenation in the notes', () => {
  it('the fixture hyphenates many note lines', () => {
    const m = measure(pages, g);
    expect(m.notesLines).toBeGreaterThan(100);
    expect(m.notesHyphenatedPct).toBeGreaterThan(15);
  });

  it('no more than two note lines in a row end in a hyphen', () => {
    const m = measure(pages, g);
    expect({ runs3: m.notesRuns3, longest: m.notesLongestRun }).toEqual({ runs3: 0, longest: Math.min(2, m.notesLongestRun) });
  });

  it("every note's words once and in order", () => {
    // the notes' lines (set smaller than the body), page after page, a word broken at a line end joined
    const sizes = new Map<string, number>();
    for (const l of pages.flatMap(bodyLines)) sizes.set((l.y1 - l.y0).toFixed(1), (sizes.get((l.y1 - l.y0).toFixed(1)) ?? 0) + 1);
    const common = [...sizes].sort((a, b) => b[1] - a[1]).map(([s]) => Number(s));
    const body = Math.max(common[0], common[1]); // the body's and the notes' are the commonest two
    const got: string[] = [];
    let carry = '';
    const first = pages.findIndex((p) => bodyLines(p)[0]?.text === 'Chapter 1');
    expect(first).toBeGreaterThanOrEqual(0);
    for (const l of pages.slice(first).flatMap(bodyLines).filter((l) => l.y1 - l.y0 < 0.87 * body)) {
      const ws = l.words.map((w) => w.text);
      ws[0] = carry + ws[0];
      carry = '';
      if (/\p{Ll}-$/u.test(ws[ws.length - 1])) carry = ws.pop()!.slice(0, -1);
      got.push(...ws);
    }
    const want = Array.from({ length: CHAPTERS }, (_, i) => chapter(i + 1).notes.map((n, k) => [String(k + 1), ...n.slice(0, -1), `${n[n.length - 1]}.`])).flat(2);
    const at = want.findIndex((w, k) => got[k] !== w);
    const where = at < 0 && got.length === want.length ? undefined : { at, got: got.slice(Math.max(0, at - 3), at + 4).join(' '), want: want.slice(Math.max(0, at - 3), at + 4).join(' ') };
    expect(where).toBeUndefined();
  });
});
