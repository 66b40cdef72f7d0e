/** Straight quotes or apostrophes in the text, where typography wants curly ones (“ ” ‘ ’). */
import { eachBlock, findingAt, type LintBook } from '../document.js';
import type { LintFinding, LintRule } from '../types.js';

export const straightQuotes: LintRule = {
  code: 'straight-quotes',
  description: 'a straight quote or apostrophe (" \') where a curly one belongs',
  example: { found: 'the "pacifist" speeches, Lenin\'s words', corrected: 'the “pacifist” speeches, Lenin’s words' },
  severity: 'warning',
  check(book: LintBook): LintFinding[] {
    const findings: LintFinding[] = [];
    for (const { file, block } of eachBlock(book)) {
      for (const m of block.text.matchAll(/["']/g)) {
        const around = block.text.slice(Math.max(0, m.index! - 10), m.index! + 10).trim();
        findings.push(findingAt(file, block, m.index!, around, `a straight ${m[0] === '"' ? 'quote' : 'apostrophe'} in “${around}”`));
      }
    }
    return findings;
  },
};
