/** Cutting the print HTML into parts for parallel tabs: balanced, at chapter boundaries, nothing lost. */
import { describe, expect, it } from 'vitest';
import { CHAPTER_OPENING_CHARS, cutHtml, partHtml, planParts, SPLIT_MIN_CHARS, textLength } from '../../src/render/print/split-book-html.js';

const chapter = (n: number, size: number) => `<section class="chapter" id="c${n}">\n<h1>Work ${n}</h1>\n<p>${'x'.repeat(size)}</p>\n</section>\n`;
const html = (sizes: number[]) => `<!DOCTYPE html>\n<html lang="en">\n<head><title>t</title></head>\n<body>\n<section class="half-title">T</section>\n${sizes.map((s, i) => chapter(i, s)).join('')}</body>\n</html>\n`;

describe('planParts', () => {
  it('keeps a small book in one part', () => {
    expect(planParts([1000, 2000], 2)).toEqual([{ chapters: [0, 1], front: true }]);
    expect(planParts([SPLIT_MIN_CHARS * 2], 2)).toEqual([{ chapters: [0], front: true }]);
    expect(planParts([SPLIT_MIN_CHARS, SPLIT_MIN_CHARS], 1)).toEqual([{ chapters: [0, 1], front: true }]);
  });

  it('gives each part about the same work, every chapter once, in order within a part', () => {
    const size = SPLIT_MIN_CHARS / 4;
    expect(planParts([size, size, size, size, size, size], 2)).toEqual([
      { chapters: [0, 2, 4], front: true },
      { chapters: [1, 3, 5], front: false },
    ]);
    // one long work in the middle (the Foundations in Works, Vol. 6): the short ones go to the other tab
    const sizes = [2294, 2820, 73823, 11943, 19803, 7239, 215099, 81577, 48111, 3155, 15435, 6007, 3242, 40724, 18518, 12966, 593, 790, 792, 62063, 78191, 15165];
    const parts = planParts(sizes, 2, 5_000);
    expect(parts.map((p) => p.front)).toEqual([true, false]);
    expect(parts.flatMap((p) => p.chapters).sort((a, b) => a - b)).toEqual(sizes.map((_, i) => i));
    for (const p of parts) expect(p.chapters).toEqual([...p.chapters].sort((a, b) => a - b));
    const work = parts.map((p, i) => (i === 0 ? 5_000 : 0) + p.chapters.reduce((n, c) => n + sizes[c] + CHAPTER_OPENING_CHARS, 0));
    const total = work[0] + work[1];
    expect(Math.abs(work[0] - work[1])).toBeLessThan(total * 0.02);
    // the best split into two runs of consecutive chapters leaves one tab with more than 53% of the work
    const weight = (from: number, to: number) => sizes.slice(from, to).reduce((n, c) => n + c + CHAPTER_OPENING_CHARS, 0);
    const bestRun = Math.min(...sizes.map((_, k) => Math.max(5_000 + weight(0, k), weight(k, sizes.length))));
    expect(bestRun / total).toBeGreaterThan(0.53);
  });

  it('never makes a part without chapters, nor more parts than chapters', () => {
    const big = SPLIT_MIN_CHARS;
    expect(planParts([big, big], 4)).toHaveLength(2);
    expect(planParts([big, big, big], 3).every((p) => p.chapters.length === 1)).toBe(true);
  });
});

describe('cutHtml and partHtml', () => {
  it('gives the first part the front matter and the rest only the head, losing no chapter', () => {
    const source = html([10, 20, 30, 40]);
    const pieces = cutHtml(source);
    expect(pieces.chapters).toHaveLength(4);
    const first = partHtml(pieces, { chapters: [0, 2], front: true });
    const second = partHtml(pieces, { chapters: [1, 3], front: false });
    expect(first).toContain('half-title');
    expect(second).not.toContain('half-title');
    expect(second).toContain('<title>t</title>');
    expect(first.match(/<section class="chapter"/g)).toHaveLength(2);
    expect(second.match(/<section class="chapter"/g)).toHaveLength(2);
    expect(first.endsWith('</body>\n</html>\n')).toBe(true);
    expect(second.endsWith('</body>\n</html>\n')).toBe(true);
    // together they hold every chapter once, each part in the book's order
    const ids = (part: string) => [...part.matchAll(/id="(c\d)"/g)].map((m) => m[1]);
    expect(ids(first)).toEqual(['c0', 'c2']);
    expect(ids(second)).toEqual(['c1', 'c3']);
    // one part is the document itself
    expect(partHtml(pieces, { chapters: [0, 1, 2, 3], front: true })).toBe(source);
  });

  it('weighs text without tags, styles and soft hyphens', () => {
    expect(textLength('<style>p { color: red }</style><p class="x">ab\u00adc&shy;d</p>')).toBe(4);
  });
});
