import type { RepairItem, RepairRule } from './types.js';

/**
 * Numbers the page turns that carry no printed number by counting between two printed numbers, when the count of
 * turns between them agrees; where it does not, the turns stay unnumbered (and become no marker) and a doubt says so.
 */
export const numberPages: RepairRule = {
  id: 'number-pages',
  description: 'Number unnumbered page turns by counting between printed page numbers that agree with the count.',
  example: '{page 6} … 2 turns … {page 9} → {page 6} {page 7} {page 8} {page 9}',
  apply(items, { ctx }) {
    const out = items.slice();
    const anchors: number[] = [];
    out.forEach((it, i) => {
      if (it.kind === 'page' && it.number !== undefined && /^\d+$/.test(it.number)) anchors.push(i);
    });
    for (let a = 0; a + 1 < anchors.length; a++) {
      const from = out[anchors[a]!] as Extract<RepairItem, { kind: 'page' }>;
      const to = out[anchors[a + 1]!] as Extract<RepairItem, { kind: 'page' }>;
      const between: number[] = [];
      for (let k = anchors[a]! + 1; k < anchors[a + 1]!; k++) if (out[k]!.kind === 'page') between.push(k);
      const expected = Number(to.number) - Number(from.number) - 1;
      if (between.length === expected) {
        between.forEach((k, n) => {
          out[k] = { ...(out[k] as Extract<RepairItem, { kind: 'page' }>), number: String(Number(from.number) + n + 1) };
        });
        continue;
      }
      ctx.review({
        rule: this.id,
        kind: 'doubt',
        line: from.line,
        message: `${between.length} page turns found between page ${from.number} (line ${from.line}) and page ${to.number} (line ${to.line}), ${expected} expected: those pages are left without markers`,
      });
    }
    return out;
  },
};
