/**
 * Quotes and brackets that open without closing (or close without opening) in a paragraph. A quotation that
 * runs over several paragraphs opens each of them and closes only the last, as English prints it: a paragraph
 * left open is fine when the next one opens with a quote.
 */
import { eachBlock, findingAt, type LintBook } from '../document.js';
import type { LintFinding, LintRule } from '../types.js';

const PAIRS: [string, string, string][] = [
  ['“', '”', 'quote'],
  ['«', '»', 'guillemet'],
  ['(', ')', 'parenthesis'],
  ['[', ']', 'bracket'],
];

/** Where the pairs fail to match: the index of an unmatched closing mark, or of the first unclosed opening one. */
function unmatched(text: string, open: string, close: string): { index: number; kind: 'open' | 'close' } | undefined {
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === open && !(open === close && stack.length > 0)) stack.push(i);
    else if (text[i] === close) {
      if (stack.length === 0) {
        // "1)" and "a)" number a list, as the text prints them
        if (close === ')' && /(?:^|[\s(“‘"'])(?:\d{1,2}|[a-z])$/.test(text.slice(0, i))) continue;
        return { index: i, kind: 'close' };
      }
      stack.pop();
    }
  }
  return stack.length > 0 ? { index: stack[0], kind: 'open' } : undefined;
}

export const unbalanced: LintRule = {
  code: 'unbalanced',
  description: 'a quote or bracket opened and not closed in its paragraph, or closed and not opened',
  example: { found: '“pure” democracy, and the like, is a “bourgeois disguise.', corrected: '“pure” democracy, and the like, is a “bourgeois disguise.”' },
  severity: 'warning',
  check(book: LintBook): LintFinding[] {
    const findings: LintFinding[] = [];
    for (const { file, block, index } of eachBlock(book)) {
      for (const [open, close, name] of PAIRS) {
        const u = unmatched(block.text, open, close);
        if (!u) continue;
        if (u.kind === 'open' && open === '“') {
          const next = file.blocks[index + 1];
          if (next && next.kind === block.kind && next.text.trimStart().startsWith('“')) continue;
        }
        const around = block.text.slice(Math.max(0, u.index - 15), u.index + 15).trim();
        findings.push(
          findingAt(file, block, u.index, around, u.kind === 'open' ? `a ${name} opened and not closed in its paragraph: “${around}”` : `a ${name} closed and not opened: “${around}”`),
        );
      }
    }
    return findings;
  },
};
