/**
 * A heading that ends in "?" or "!" where the book names the same title elsewhere, always without the mark:
 * the mark is more likely a note mark read wrongly than the title's ("…the Russian Communists?").
 */
import { eachBlock, findingAt, type LintBook } from '../document.js';
import type { LintFinding, LintRule } from '../types.js';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const headingMark: LintRule = {
  code: 'heading-mark',
  description: 'a heading ends in “?” or “!” that the book’s other mentions of the title never have',
  example: { found: '# The October Revolution and the Tactics of the Russian Communists?', corrected: '# The October Revolution and the Tactics of the Russian Communists' },
  severity: 'warning',
  check(book: LintBook): LintFinding[] {
    const findings: LintFinding[] = [];
    const blocks = [...eachBlock(book)];
    for (const { file, block } of blocks) {
      if (block.kind !== 'heading') continue;
      const m = /^(.*\p{L}.*?)\s*([?!])$/u.exec(block.text.trim());
      if (!m || m[1].split(/\s+/).length < 3) continue;
      // the whole title, word for word (a number or a letter before it, "3. …", is no part of a mention)
      const words = m[1].replace(/^(?:[\dIVXLC]+|[a-z])[.)]\s+/u, '').split(/\s+/).map(escape).join('\\s+');
      const mention = new RegExp(`${words}(\\S?)`, 'giu');
      let withMark = 0;
      let without = 0;
      for (const other of blocks) {
        if (other.block === block) continue;
        for (const found of other.block.text.matchAll(mention)) {
          if (found[1] === m[2]) withMark++;
          else without++;
        }
      }
      if (without > 0 && withMark === 0) {
        findings.push(findingAt(file, block, block.text.trim().length - 1, block.text.trim(), `the heading ends in “${m[2]}”, but the book names this title ${without}× without it: a note mark read as “${m[2]}”?`));
      }
    }
    return findings;
  },
};
