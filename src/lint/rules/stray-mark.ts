/**
 * A mark no prose uses, left by a scan or an extraction: an asterisk that is no note reference ("(for* the"),
 * a bar, a caret, a box or bullet inside a paragraph. A line of asterisks alone (a section break) is allowed.
 */
import { eachBlock, findingAt, type LintBook } from '../document.js';
import type { LintFinding, LintRule } from '../types.js';

const STRAY = /[*|^~¬■□▪●•\\{}<>¦]/gu;
const BREAK = /^[\s*·•⁂]+$/u;

export const strayMark: LintRule = {
  code: 'stray-mark',
  description: 'a mark left by the scan inside the text: an asterisk that is no note reference, a bar, a box',
  example: { found: 'a new way (for* the proletarians', corrected: 'a new way (for[^a5] the proletarians' },
  severity: 'warning',
  check(book: LintBook): LintFinding[] {
    const findings: LintFinding[] = [];
    for (const { file, block } of eachBlock(book)) {
      if (BREAK.test(block.text)) continue;
      for (const m of block.text.matchAll(STRAY)) {
        const around = block.text.slice(Math.max(0, m.index! - 12), m.index! + 13).trim();
        const what = m[0] === '*' ? 'an asterisk that is no note reference (a note mark left in the text?)' : `a stray “${m[0]}”`;
        findings.push(findingAt(file, block, m.index!, around, `${what}: “${around}”`));
      }
    }
    return findings;
  },
};
