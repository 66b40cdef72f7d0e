/**
 * A heading followed by a paragraph in capitals: the rest of a heading cut by a page turn, or a subtitle the
 * scan set in capitals ("## 3. Strengthening" + "OF THE REVOLUTIONARY ELEMENTS…"). The contents entry is cut short.
 */
import { eachBlock, findingAt, type LintBook } from '../document.js';
import type { LintFinding, LintRule } from '../types.js';
import { isCapitalsRun } from './capitals.js';

export const headingThenCapitals: LintRule = {
  code: 'heading-then-capitals',
  description: 'a heading followed by a paragraph in capitals: a heading cut in two, or a subtitle left in capitals',
  example: { found: '## 3. Strengthening\n\nOF THE REVOLUTIONARY ELEMENTS IN THE LABOUR MOVEMENT', corrected: '## 3. Strengthening of the Revolutionary Elements in the Labour Movement' },
  severity: 'warning',
  check(book: LintBook): LintFinding[] {
    const findings: LintFinding[] = [];
    for (const { file, block, index } of eachBlock(book)) {
      if (block.kind !== 'heading') continue;
      const next = file.blocks[index + 1];
      if (!next || next.kind !== 'paragraph' || !isCapitalsRun(next.text)) continue;
      findings.push(findingAt(file, next, 0, next.text.slice(0, 60), `a paragraph in capitals right after the heading “${block.text}”: the rest of the heading, or a subtitle?`));
    }
    return findings;
  },
};
