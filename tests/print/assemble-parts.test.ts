/** Putting the pages of parts laid out in separate tabs back into one book: order, blank pages, folios. */
import { describe, expect, it } from 'vitest';
import { assembleParts } from '../../src/render/print/assemble-parts.js';
import type { PageFacts } from '../../src/render/print/in-page.js';

/** A tab's facts: `front` front-matter pages, then chapters of the given page counts (blank pages included). */
function tab(front: number, chapters: number[], headingsAt: Record<string, number> = {}): PageFacts {
  const total = front + chapters.reduce((a, b) => a + b, 0);
  const chapterStarts: number[] = [];
  let at = front;
  for (const n of chapters) {
    chapterStarts.push(at);
    at += n;
  }
  return {
    counters: Array.from({ length: total }, (_, i) => (i < front ? i + 1 : i - front + 1)),
    front: Array.from({ length: total }, (_, i) => i < front),
    headings: Object.entries(headingsAt).map(([id, page]) => ({ id, text: id, level: 1, page, top: 10 })),
    chapterStarts,
    pageHeightPx: 800,
  };
}

describe('assembleParts', () => {
  it('keeps one tab as it is', () => {
    const book = assembleParts([{ chapters: [0, 1], front: true }], [tab(4, [3, 2])]);
    expect(book.order).toEqual(Array.from({ length: 9 }, (_, page) => ({ part: 0, page })));
    expect(book.folios).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 5]);
    expect(book.roman).toEqual([true, true, true, true, false, false, false, false, false]);
  });

  it('puts chapters from two tabs back in order, a blank page before a chapter that would open on the left', () => {
    // tab 1: front (4 pages), chapter 0 (3 pages + the blank before chapter 2 = 4), chapter 2 (3 pages)
    // tab 2: chapter 1 (3 pages), chapter 3 (2 pages)
    const parts = [
      { chapters: [0, 2], front: true },
      { chapters: [1, 3], front: false },
    ];
    const book = assembleParts(parts, [tab(4, [4, 3], { c0: 4, c2: 8 }), tab(0, [4, 2], { c1: 0, 'c1-s': 2, c3: 4 })]);
    const P = (part: number, page: number) => ({ part, page });
    expect(book.order).toEqual([
      P(0, 0), P(0, 1), P(0, 2), P(0, 3), // front matter, i–iv
      P(0, 4), P(0, 5), P(0, 6), P(0, 7), // chapter 0 and its blank page: 1–4
      P(1, 0), P(1, 1), P(1, 2), P(1, 3), // chapter 1 (4 pages, the last a blank made by its tab): 5–8
      P(0, 8), P(0, 9), P(0, 10), // chapter 2 (3 pages): 9–11
      null, // chapter 3 would open on a left-hand page
      P(1, 4), P(1, 5), // chapter 3: 13–14
    ]);
    expect(book.folios).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(book.roman.filter(Boolean)).toHaveLength(4);
    // every odd book page (1-based) that opens a chapter is a right-hand page
    for (const id of ['c0', 'c1', 'c2', 'c3']) expect(book.headings.find((h) => h.id === id)!.page % 2).toBe(0);
    expect(book.headings.map((h) => h.id)).toEqual(['c0', 'c1', 'c1-s', 'c2', 'c3']);
    // what each tab writes on its pages
    expect(book.partFolios[0]).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 9, 10, 11]);
    expect(book.partFolios[1]).toEqual([5, 6, 7, 8, 13, 14]);
  });

  it('refuses a tab that opened another number of chapters than it was given', () => {
    expect(() =>
      assembleParts(
        [
          { chapters: [0], front: true },
          { chapters: [1, 2], front: false },
        ],
        [tab(2, [3]), tab(0, [5])],
      ),
    ).toThrow(/part 2 should open 2 chapter/);
  });
});
