/**
 * A full stop after a word the book never ends a sentence with ("the Conference of the. R.C.P.(B.)"): a mark
 * of the scan. The evidence is the book's own: the word stands at least 100 times and is followed by a full
 * stop only here or in under one case in 500, and the word after the stop is one that often follows it with no stop between
 * ("the R.C.P.(B.)"), so the stop cuts a phrase rather than ending a sentence ("conscious of. Unless").
 */
import { eachBlock, findingAt, type LintBook } from '../document.js';
import type { LintFinding, LintRule } from '../types.js';

const WORD_STOP = /(?<![\p{L}\p{M}.’'-])(\p{Ll}+)\.(?=[\s\u00a0]|$)/gu;
const WORD = /(?<![\p{L}\p{M}’'-])\p{Ll}+(?![\p{L}\p{M}’'-])/gu;

export const strayFullStop: LintRule = {
  code: 'stray-full-stop',
  description: 'a full stop after a word that never ends a sentence elsewhere in the book',
  example: { found: 'the District Conference of the. R.C.P.(B.) elects', corrected: 'the District Conference of the R.C.P.(B.) elects' },
  severity: 'warning',
  check(book: LintBook): LintFinding[] {
    const total = new Map<string, number>();
    const stops = new Map<string, number>();
    const pairs = new Map<string, number>();
    for (const { block } of eachBlock(book)) {
      for (const m of block.text.matchAll(WORD)) total.set(m[0], (total.get(m[0]) ?? 0) + 1);
      const tokens = block.text.split(/[\s\u00a0]+/);
      for (let i = 0; i + 1 < tokens.length; i++) pairs.set(`${tokens[i]} ${tokens[i + 1]}`, (pairs.get(`${tokens[i]} ${tokens[i + 1]}`) ?? 0) + 1);
      for (const m of block.text.matchAll(WORD_STOP)) stops.set(m[1], (stops.get(m[1]) ?? 0) + 1);
    }
    const findings: LintFinding[] = [];
    for (const { file, block } of eachBlock(book)) {
      if (block.kind === 'heading') continue;
      for (const m of block.text.matchAll(WORD_STOP)) {
        const n = total.get(m[1]) ?? 0;
        const s = stops.get(m[1]) ?? 0;
        if (n < 100 || (s > 1 && s * 500 > n)) continue;
        const next = block.text.slice(m.index! + m[0].length).trimStart().split(/[\s\u00a0]+/)[0];
        const together = next ? (pairs.get(`${m[1]} ${next}`) ?? 0) : 0;
        if (together < 5) continue;
        const around = block.text.slice(Math.max(0, m.index! - 20), m.index! + m[0].length + 12).trim();
        findings.push(findingAt(file, block, m.index! + m[1].length, around, `a full stop after “${m[1]}”, which ends no other sentence of the ${n} it stands in, before “${next}”, which follows it ${together}× elsewhere: “${around}”`));
      }
    }
    return findings;
  },
};
