/** Cutting the print HTML into parts for parallel tabs: balanced, at chapter boundaries, nothing lost. */
import { describe, expect, it } from 'vitest';
import { cutHtml, partHtml, planParts, SPLIT_MIN_CHARS } from '../../src/render/print/split-book-html.js';

const chapter = (n: number, size: number) => `<section class="chapter" id="c${n}">\n<h1>Work ${n}</h1>\n<p>${'x'.repeat(size)}</p>\n</section>\n`;
const html = (sizes: number[]) => `<!DOCTYPE html>\n<html lang="en">\n<head><title>t</title></head>\n<body>\n<section class="half-title">T</section>\n${sizes.map((s, i) => chapter(i, s)).join('')}</body>\n</html>\n`;

describe('planParts', () => {
  it('keeps a small book in one part', () => {
    expect(planParts([1000, 2000], 2)).toEqual([{ from: 0, to: 2, front: true }]);
    expect(planParts([SPLIT_MIN_CHARS * 2], 2)).toEqual([{ from: 0, to: 1, front: true }]);
  });

  it('splits a big book at the chapter nearest the middle of its text', () => {
    const size = SPLIT_MIN_CHARS / 4;
    expect(planParts([size, size, size, size, size, size], 2)).toEqual([
      { from: 0, to: 3, front: true },
      { from: 3, to: 6, front: false },
    ]);
    // one long work first: it is a part of its own
    expect(planParts([size * 5, size, size], 2)).toEqual([
      { from: 0, to: 1, front: true },
      { from: 1, to: 3, front: false },
    ]);
  });
});

describe('cutHtml and partHtml', () => {
  it('gives the first part the front matter and the rest only the head, losing no chapter', () => {
    const source = html([10, 20, 30, 40]);
    const pieces = cutHtml(source);
    expect(pieces.chapters).toHaveLength(4);
    const first = partHtml(pieces, { from: 0, to: 2, front: true });
    const second = partHtml(pieces, { from: 2, to: 4, front: false });
    expect(first).toContain('half-title');
    expect(second).not.toContain('half-title');
    expect(second).toContain('<title>t</title>');
    expect(first.match(/<section class="chapter"/g)).toHaveLength(2);
    expect(second.match(/<section class="chapter"/g)).toHaveLength(2);
    expect(first.endsWith('</body>\n</html>\n')).toBe(true);
    expect(second.endsWith('</body>\n</html>\n')).toBe(true);
    // together they hold every chapter once, in order
    const ids = [...(first + second).matchAll(/id="(c\d)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['c0', 'c1', 'c2', 'c3']);
    // one part is the document itself
    expect(partHtml(pieces, { from: 0, to: 4, front: true })).toBe(source);
  });
});
