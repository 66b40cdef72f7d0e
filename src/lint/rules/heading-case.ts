/**
 * Headings in title case, as Standard Ebooks sets them: every word capitalised but the small words of the
 * language (English only; other languages keep sentence case in titles), and none in capitals.
 */
import { eachBlock, findingAt, type LintBook } from '../document.js';
import type { LintFinding, LintRule } from '../types.js';
import { primaryLanguage, TITLE_CASE_SMALL_WORDS } from '../data/language-words.js';

const ROMAN = /^[IVXLCDM]+\.?$/;

export const headingCase: LintRule = {
  code: 'heading-case',
  description: 'a heading not in title case (a word in lower case, or the heading in capitals)',
  example: { found: '# Biographical chronicle', corrected: '# Biographical Chronicle' },
  severity: 'warning',
  check(book: LintBook): LintFinding[] {
    const small = TITLE_CASE_SMALL_WORDS[primaryLanguage(book.language)];
    const findings: LintFinding[] = [];
    for (const { file, block } of eachBlock(book)) {
      if (block.kind !== 'heading') continue;
      const text = block.text.trim();
      const words = [...text.matchAll(/[\p{L}][\p{L}\p{M}’'.]*/gu)];
      const letters = words.filter((w) => w[0].replace(/[^\p{L}]/gu, '').length >= 2 && !ROMAN.test(w[0]) && !/\./.test(w[0]));
      if (letters.length >= 2 && letters.every((w) => w[0] === w[0].toUpperCase())) {
        findings.push(findingAt(file, block, 0, text, `the heading “${text}” is in capitals: set it in title case`));
        continue;
      }
      if (!small) continue;
      words.forEach((w, i) => {
        const word = w[0];
        if (!/^\p{Ll}/u.test(word)) return;
        // after a hyphen or an apostrophe the word is part of a compound ("non-Party", "Party’s")
        const before = text[w.index! - 1];
        if (before === '-' || before === '’' || before === "'") return;
        const afterColon = i > 0 && /[:.?!]\s*$/.test(text.slice(0, w.index));
        if (i > 0 && !afterColon && small.has(word.toLowerCase().replace(/[.’']+$/, ''))) return;
        findings.push(findingAt(file, block, w.index!, text, `“${word}” in lower case in the heading “${text}”: title case capitalises it`));
      });
    }
    return findings;
  },
};
