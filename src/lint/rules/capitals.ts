/**
 * Words set in capitals in running text: a screen reader may spell them out ("US"), and they are the scan's
 * typography rather than the text's. Abbreviations (with full stops or of up to four letters alone) and roman
 * numerals are not runs; three capitalised words or more together are.
 */
import { eachBlock, findingAt, type LintBook } from '../document.js';
import type { LintFinding, LintRule } from '../types.js';

// three words of two capitals or more in a row (letters only, so "R.C.P.(B.)" and "XXI," do not count alone)
const RUN = /(?<![\p{L}.])\p{Lu}{2,}(?:[\s\u00a0,;:—–-]+\p{Lu}{2,}){2,}(?![\p{L}.])/gu;
const ROMAN = /^[IVXLCDM]+$/;

/** Is the text (mostly) in capitals: at least three words, and four of five letters capitals? */
export function isCapitalsRun(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  const words = text.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w));
  if (words.length < 3 || letters.length < 12) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length >= 0.8;
}

export const capitals: LintRule = {
  code: 'capitals',
  description: 'words set in capitals in running text (a screen reader may spell them out)',
  example: { found: 'WE VOW TO THEE, COMRADE LENIN', corrected: 'We vow to thee, Comrade Lenin (or <em> where the capitals are emphasis)' },
  severity: 'warning',
  check(book: LintBook): LintFinding[] {
    const findings: LintFinding[] = [];
    for (const { file, block, index } of eachBlock(book)) {
      if (block.kind === 'heading') continue;
      // after a heading, heading-then-capitals reports the whole paragraph
      if (index > 0 && file.blocks[index - 1].kind === 'heading' && isCapitalsRun(block.text)) continue;
      for (const m of block.text.matchAll(RUN)) {
        const words = m[0].split(/[\s\u00a0,;:—–-]+/);
        if (words.every((w) => ROMAN.test(w))) continue;
        findings.push(findingAt(file, block, m.index!, m[0], `“${m[0].slice(0, 50)}” in capitals: set it in the text’s own case (a screen reader may spell it out)`));
      }
    }
    return findings;
  },
};
