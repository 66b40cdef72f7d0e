/**
 * Round trips: clean paragraphs → simulated extraction (many layouts) → repair → the same words, the same
 * paragraph breaks, every note, and page markers where the pages turned.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../../src/diagnostics.js';
import { repairPageText } from '../../../src/import/repair/index.js';
import type { ImportContext, ReviewItem } from '../../../src/import/types.js';
import { simulateExtraction, type Layout } from './simulate-extraction.js';
import { diffWords, toWords, wordAccuracy } from './word-diff.js';

const clean = readFileSync(new URL('../../fixtures/import-repair/clean/method.txt', import.meta.url), 'utf8')
  .split(/\n\s*\n/)
  .map((p) => p.trim())
  .filter(Boolean);

function makeContext(): ImportContext & { items: ReviewItem[] } {
  const items: ReviewItem[] = [];
  return { sourcePath: 'simulated.txt', diagnostics: new Diagnostics(), review: (r) => items.push(r), items };
}

/** Word index of each paragraph's first word. */
function paragraphStarts(paragraphs: string[]): number[] {
  const starts: number[] = [];
  let n = 0;
  for (const p of paragraphs) {
    starts.push(n);
    n += toWords(p).length;
  }
  return starts;
}

/** `{{page N}}` markers with the index of the word that follows each. */
function pageMarkers(paragraphs: string[]): { number: number; at: number }[] {
  const out: { number: number; at: number }[] = [];
  let n = 0;
  for (const p of paragraphs) {
    for (const token of p.split(/(\{\{page \d+\}\})/)) {
      const m = /^\{\{page (\d+)\}\}$/.exec(token);
      if (m) out.push({ number: Number(m[1]), at: n });
      else n += toWords(token).length;
    }
  }
  return out;
}

const layouts: Layout[] = [];
for (const style of ['pdf', 'scan'] as const) {
  for (const width of [42, 55, 68, 80]) {
    for (const pageLines of [24, 37]) {
      for (const seed of [1, 2, 3]) layouts.push({ style, width, pageLines, seed: seed * 7919 + width });
    }
  }
}

interface Measure {
  words: number;
  wordErrors: number;
  breaks: number;
  breakErrors: number;
  notes: number;
  notesFound: number;
}

const totals: Record<'pdf' | 'scan', Measure> = {
  pdf: { words: 0, wordErrors: 0, breaks: 0, breakErrors: 0, notes: 0, notesFound: 0 },
  scan: { words: 0, wordErrors: 0, breaks: 0, breakErrors: 0, notes: 0, notesFound: 0 },
};

describe('round trip through simulated extraction', () => {
  it.each(layouts.map((l) => [`${l.style} width ${l.width}, ${l.pageLines} lines/page, seed ${l.seed}`, l] as const))(
    '%s',
    (_name, layout) => {
      const sim = simulateExtraction(clean, layout);
      const ctx = makeContext();
      const repaired = repairPageText(sim.raw, ctx, { numberedPageNotes: layout.style === 'pdf' });
      const got = repaired.blocks.map((b) => b.text);

      // the same words
      const expectedWords = toWords(sim.paragraphs.join(' '));
      const gotWords = toWords(got.join(' '));
      const hunks = diffWords(expectedWords, gotWords);
      const t = totals[layout.style];
      const accuracy = wordAccuracy(expectedWords, hunks);
      t.words += expectedWords.length;
      t.wordErrors += expectedWords.length - Math.round(accuracy * expectedWords.length);
      // what is left are compounds whose hyphen fell at a line end with no other use of them in this short text
      // (`pre-war`, `seven-league`: reported as doubts) and, in the scan, letter-spaced lines of rare words
      const floor = layout.style === 'pdf' ? 0.998 : 0.99;
      expect(accuracy, hunks.map((h) => `…${h.context} [-${h.removed.join(' ')}-] {+${h.added.join(' ')}+}`).join('\n')).toBeGreaterThanOrEqual(floor);

      // the same paragraph breaks
      // a break is known by the words around it, so that a changed word elsewhere does not shift it
      const around = (words: string[], i: number) => `${words.slice(Math.max(0, i - 3), i).join(' ')} | ${words.slice(i, i + 3).join(' ')}`;
      const want = new Set(paragraphStarts(sim.paragraphs).map((i) => around(expectedWords, i)));
      const have = new Set(paragraphStarts(got).map((i) => around(gotWords, i)));
      const missing = [...want].filter((i) => !have.has(i));
      const extra = [...have].filter((i) => !want.has(i));
      t.breaks += want.size;
      t.breakErrors += missing.length + extra.length;
      // a paragraph whose last line is full and falls at a page end (pdf), or any paragraph whose last line is full
      // (scan, no blank lines), cannot be told from a run-on line
      const tolerated = layout.style === 'pdf' ? 1 : Math.ceil(want.size * 0.35);
      expect(missing.length + extra.length, `missing ${missing} extra ${extra}`).toBeLessThanOrEqual(tolerated);

      // every note
      const notes = repaired.notes.map((n) => `${n.label} ${toWords(n.text).join(' ')}`);
      const wantNotes = sim.notes.map((n) => `${n.label} ${toWords(n.text).join(' ')}`);
      t.notes += wantNotes.length;
      t.notesFound += wantNotes.filter((n, i) => notes[i] === n).length;
      expect(notes).toEqual(wantNotes);

      // page markers where the pages turned, numbered from the printed numbers
      // the simulator counts words split at spaces; toWords also splits at dashes
      const spaced = sim.paragraphs.join(' ').split(/\s+/);
      const prefix = [0];
      for (const w of spaced) prefix.push(prefix[prefix.length - 1]! + toWords(w).length);
      const firstWord = new Map(sim.pages.map((p) => [p.number, prefix[p.firstWord]!]));
      for (const m of pageMarkers(got)) {
        expect(gotWords.slice(m.at, m.at + 4), `page ${m.number}`).toEqual(expectedWords.slice(firstWord.get(m.number), firstWord.get(m.number)! + 4));
      }
      const printed = sim.pages.filter((p) => p.printed).map((p) => p.number);
      const marked = pageMarkers(got).map((m) => m.number);
      if (printed.length >= 2) {
        for (let n = printed[0]!; n <= printed[printed.length - 1]!; n++) expect(marked).toContain(n);
      }
    },
  );

  it('reports the measured accuracy', () => {
    for (const [style, t] of Object.entries(totals)) {
      // eslint-disable-next-line no-console
      console.log(
        `${style}: words ${(100 * (1 - t.wordErrors / t.words)).toFixed(3)}% of ${t.words}; ` +
          `paragraph breaks ${(100 * (1 - t.breakErrors / t.breaks)).toFixed(2)}% of ${t.breaks}; ` +
          `notes ${t.notesFound}/${t.notes}`,
      );
    }
    expect(1 - totals.pdf.wordErrors / totals.pdf.words).toBeGreaterThanOrEqual(0.9993);
    expect(1 - totals.scan.wordErrors / totals.scan.words).toBeGreaterThanOrEqual(0.995);
    expect(1 - totals.pdf.breakErrors / totals.pdf.breaks).toBeGreaterThanOrEqual(0.99);
    expect(1 - totals.scan.breakErrors / totals.scan.breaks).toBeGreaterThanOrEqual(0.8);
    expect(totals.pdf.notesFound).toBe(totals.pdf.notes);
    expect(totals.scan.notesFound).toBe(totals.scan.notes);
  });
});
