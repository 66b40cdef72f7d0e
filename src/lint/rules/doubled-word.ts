/** The same word twice in a row ("the the"), a slip of the typist or the scan; doubles the language allows pass. */
import { eachBlock, findingAt, type LintBook } from '../document.js';
import type { LintFinding, LintRule } from '../types.js';
import { ALLOWED_DOUBLES, primaryLanguage } from '../data/language-words.js';

const DOUBLE = /(?<![\p{L}\p{M}’'-])(\p{L}[\p{L}\p{M}]*)[\s\u00a0]+(\p{L}[\p{L}\p{M}]*)(?![\p{L}\p{M}’'-])/gu;

export const doubledWord: LintRule = {
  code: 'doubled-word',
  description: 'the same word twice in a row',
  example: { found: 'the the Party', corrected: 'the Party' },
  severity: 'warning',
  check(book: LintBook): LintFinding[] {
    const allowed = ALLOWED_DOUBLES[primaryLanguage(book.language)] ?? new Set<string>();
    const findings: LintFinding[] = [];
    for (const { file, block } of eachBlock(book)) {
      DOUBLE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = DOUBLE.exec(block.text))) {
        // step back to the second word, so that "a b b" finds "b b"
        DOUBLE.lastIndex = m.index + m[1].length + 1;
        if (m[1].toLowerCase() !== m[2].toLowerCase() || m[1].length < 2 && !/\p{L}/u.test(m[1])) continue;
        const pair = `${m[1]} ${m[2]}`.toLowerCase();
        if (allowed.has(pair)) continue;
        findings.push(findingAt(file, block, m.index, `${m[1]} ${m[2]}`, `“${m[1]} ${m[2]}”: a word doubled`));
      }
    }
    return findings;
  },
};
