/**
 * A capital inside a lower-case word is where a line-end hyphen was lost: "antiLeninist", "semiMenshevik".
 * The message names the hyphenated form when the book writes it, or other compounds on the same stem.
 */
import { eachBlock, findingAt, type LintBook } from '../document.js';
import type { LintFinding, LintRule } from '../types.js';

// two lower-case letters or more, then a capital and a lower-case letter: not "McAdam", "iPhone" or "MacDonald"
const JOINED = /(?<![\p{L}\p{M}])(\p{Ll}{2,})(\p{Lu}[\p{L}\p{M}]*)/gu;

export const lostHyphen: LintRule = {
  code: 'lost-hyphen',
  description: 'a capital inside a lower-case word, where a line-end hyphen was lost',
  example: { found: 'its antiLeninist pronouncements', corrected: 'its anti-Leninist pronouncements' },
  severity: 'warning',
  check(book: LintBook): LintFinding[] {
    const findings: LintFinding[] = [];
    for (const { file, block } of eachBlock(book)) {
      for (const m of block.text.matchAll(JOINED)) {
        const hyphenated = `${m[1]}-${m[2]}`;
        const written = book.words.get(hyphenated);
        const stems = [...book.words.keys()].filter((w) => w.startsWith(`${m[1]}-`)).length;
        const evidence = written ? ` (the book writes “${hyphenated}” ${written}×)` : stems > 0 ? ` (the book writes ${stems} other compound(s) with “${m[1]}-”)` : '';
        findings.push(findingAt(file, block, m.index!, m[0], `“${m[0]}”: a hyphen lost at a line end? Expected “${hyphenated}”${evidence}`));
      }
    }
    return findings;
  },
};
