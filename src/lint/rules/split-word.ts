/**
 * A word split by a space, as OCR leaves a letter-spaced or badly kerned word: "Comrade L enin’s", "ha d".
 * Two neighbouring pieces are one word when the book writes them joined elsewhere (twice or more) and one of
 * the pieces stands nowhere else in the book: "L" and "enin’s" joined is "Lenin’s", and "enin’s" is no word of
 * the book; "the rapist" is left alone where the book also writes "the" and "rapist".
 */
import { eachBlock, findingAt, type LintBook } from '../document.js';
import type { LintFinding, LintRule } from '../types.js';

// two letter runs with one space between them (no punctuation: "U. S." and "R. C. P." are not split words)
const PAIR = /(?<![\p{L}\p{M}’'-])(\p{L}[\p{L}\p{M}]*) (?=([\p{L}\p{M}]+(?:’s)?)(?![\p{L}\p{M}’'-]))/gu;

export const splitWord: LintRule = {
  code: 'split-word',
  description: 'a word split by a space, where the book writes it whole elsewhere',
  example: { found: 'Comrade L enin’s disciples', corrected: 'Comrade Lenin’s disciples' },
  severity: 'warning',
  check(book: LintBook): LintFinding[] {
    const findings: LintFinding[] = [];
    const count = (w: string) => book.words.get(w) ?? 0;
    for (const { file, block } of eachBlock(book)) {
      for (const m of block.text.matchAll(PAIR)) {
        const [, left, right] = m;
        const joined = left + right;
        if (count(joined) < 2 || (count(left) > 1 && count(right) > 1)) continue;
        findings.push(findingAt(file, block, m.index!, `${left} ${right}`, `“${left} ${right}”: one word split by a space? The book writes “${joined}” ${count(joined)}×`));
      }
    }
    return findings;
  },
};
