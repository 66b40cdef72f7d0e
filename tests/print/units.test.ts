/** The book in units: which chapters make a unit, and putting the units' pages back into one book. */
import { describe, expect, it } from 'vitest';
import { assembleUnits, planUnits, tocTargets, unitRange } from '../../src/render/print/units.js';
import type { PageFacts } from '../../src/render/print/in-page.js';

/** A unit's facts: `front` front-matter pages, then chapters of the given page counts (blank pages included). */
function unit(front: number, chapters: number[], headingsAt: Record<string, number> = {}): PageFacts {
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
    texts: Array.from({ length: total }, (_, i) => `t${i}`),
  };
}

describe('planUnits', () => {
  it('keeps a small book in one unit', () => {
    expect(planUnits([100, 200, 300], 50, 1000)).toEqual([{ chapters: [0, 1, 2], front: true }]);
  });

  it('makes runs of whole chapters up to the size, the front matter with the first, a long chapter alone', () => {
    expect(planUnits([400, 500, 300, 2500, 200], 100, 1000)).toEqual([
      { chapters: [0, 1], front: true },
      { chapters: [2], front: false },
      { chapters: [3], front: false },
      { chapters: [4], front: false },
    ]);
  });

  it('every chapter in exactly one unit, in order', () => {
    const sizes = Array.from({ length: 40 }, (_, i) => 100 + ((i * 37) % 900));
    const units = planUnits(sizes, 300, 1500);
    expect(units.flatMap((u) => u.chapters)).toEqual(sizes.map((_, i) => i));
    expect(units.filter((u) => u.front)).toHaveLength(1);
  });
});

describe('assembleUnits', () => {
  it('keeps one unit as Paged.js laid it out', () => {
    const book = assembleUnits([unit(4, [3, 2])]);
    expect(book.order).toEqual(Array.from({ length: 9 }, (_, page) => ({ part: 0, page })));
    expect(book.folios).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 5]);
    expect(book.roman).toEqual([true, true, true, true, false, false, false, false, false]);
  });

  it('numbers units on, a blank page before a unit that would open on the left; takes a later unit from its first chapter', () => {
    // unit 0: front (4 pages), chapter of 3 pages -> 7 pages, so unit 1 needs a blank before it
    // unit 1: a page before its first chapter (Paged.js's blank), then chapters of 2 and 2 pages
    const u1 = unit(0, [2, 2], { c1: 1, 'c1-s': 2, c2: 3 });
    u1.counters.unshift(1);
    u1.front.unshift(false);
    u1.texts.unshift('blank');
    u1.chapterStarts = u1.chapterStarts.map((s) => s + 1);
    const book = assembleUnits([unit(4, [3], { c0: 4 }), u1]);
    const P = (part: number, page: number) => ({ part, page });
    expect(book.order).toEqual([P(0, 0), P(0, 1), P(0, 2), P(0, 3), P(0, 4), P(0, 5), P(0, 6), null, P(1, 1), P(1, 2), P(1, 3), P(1, 4)]);
    expect(book.folios).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(book.roman.filter(Boolean)).toHaveLength(4);
    expect(book.unitFolios[1]).toEqual([0, 5, 6, 7, 8]);
    expect(book.texts[7]).toBe('');
    // every chapter opens on a right-hand page (an even 0-based index)
    for (const id of ['c0', 'c1', 'c2']) expect(book.headings.find((h) => h.id === id)!.page % 2).toBe(0);
    expect(book.headings.map((h) => h.id)).toEqual(['c0', 'c1', 'c1-s', 'c2']);
  });

  it("a unit's folios depend only on the units before it", () => {
    const a = assembleUnits([unit(2, [3]), unit(0, [4]), unit(0, [2])]);
    const b = assembleUnits([unit(2, [3]), unit(0, [4]), unit(0, [6])]);
    expect(b.unitFolios.slice(0, 2)).toEqual(a.unitFolios.slice(0, 2));
    expect(b.folios.slice(0, a.folios.length - 2)).toEqual(a.folios.slice(0, a.folios.length - 2));
  });
});

describe('unitRange', () => {
  it('takes all of the first unit and a later one from its first chapter', () => {
    const f = unit(0, [2, 3]);
    f.chapterStarts = [1, 3];
    expect(unitRange(f, true)).toEqual([0, 5]);
    expect(unitRange(f, false)).toEqual([1, 5]);
  });
});

describe('tocTargets', () => {
  it('reads the contents page slots, either attribute order, once each, sorted', () => {
    const html = '<span class="toc-page" data-target="ch-2"></span><span data-target="ch-1" class="toc-page"></span><span class="toc-page" data-target="ch-2"></span><a data-target="x">';
    expect(tocTargets(html)).toEqual(['ch-1', 'ch-2']);
  });
});
