/**
 * A hyphen where a dash belongs ("the methods of the working class-trade unions and co-operatives"): the
 * compound stands once, and each of its halves belongs with its outer neighbour, a phrase the book writes
 * often ("working class", "trade unions").
 */
import { eachBlock, findingAt, type LintBook } from '../document.js';
import type { LintFinding, LintRule } from '../types.js';

const TOKENS = /[\p{L}\p{M}’'-]+|[^\s\u00a0]/gu;
const HALF = /^\p{Ll}{3,}$/u;
const WORD = /^\p{L}/u;

export const hyphenForDash: LintRule = {
  code: 'hyphen-for-dash',
  description: 'a hyphen between two words that each belong with their outer neighbour: a dash read as a hyphen',
  example: { found: 'the working class-trade unions and co-operatives', corrected: 'the working class—trade unions and co-operatives' },
  severity: 'warning',
  check(book: LintBook): LintFinding[] {
    const pairs = new Map<string, number>();
    const compounds = new Map<string, number>();
    const texts = [...eachBlock(book)];
    for (const { block } of texts) {
      const tokens = block.text.toLowerCase().match(TOKENS) ?? [];
      for (let i = 0; i + 1 < tokens.length; i++) pairs.set(`${tokens[i]} ${tokens[i + 1]}`, (pairs.get(`${tokens[i]} ${tokens[i + 1]}`) ?? 0) + 1);
      for (const t of tokens) if (t.includes('-')) compounds.set(t, (compounds.get(t) ?? 0) + 1);
    }
    const findings: LintFinding[] = [];
    for (const { file, block } of texts) {
      const re = new RegExp(TOKENS.source, 'gu');
      const tokens = [...block.text.matchAll(re)];
      for (let i = 1; i + 1 < tokens.length; i++) {
        // lower-case halves between two words: "Socialist-Revolutionary" is a name, not two phrases
        const parts = tokens[i][0].split('-');
        if (parts.length !== 2 || !HALF.test(parts[0]) || !HALF.test(parts[1])) continue;
        if (!WORD.test(tokens[i - 1][0]) || !WORD.test(tokens[i + 1][0])) continue;
        const t = tokens[i][0];
        if ((compounds.get(t) ?? 0) > 1 || (pairs.get(`${parts[0]} ${parts[1]}`) ?? 0) > 0) continue;
        const before = `${tokens[i - 1][0].toLowerCase()} ${parts[0]}`;
        const after = `${parts[1]} ${tokens[i + 1][0].toLowerCase()}`;
        const nBefore = pairs.get(before) ?? 0;
        const nAfter = pairs.get(after) ?? 0;
        if (nBefore < 3 || nAfter < 3) continue;
        findings.push(
          findingAt(file, block, tokens[i].index!, tokens[i][0], `“${tokens[i - 1][0]} ${tokens[i][0]} ${tokens[i + 1][0]}”: the book writes “${before}” ${nBefore}× and “${after}” ${nAfter}×, “${t}” only here: a dash read as a hyphen?`),
        );
      }
    }
    return findings;
  },
};
