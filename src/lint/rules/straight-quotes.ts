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
    // the strings of book.yaml that readers see (title page, store listing): the YAML's own quoting aside
    const lines = book.yamlText.split('\n');
    for (const key of ['title', 'subtitle', 'description']) {
      const value = book.meta[key];
      if (typeof value !== 'string') continue;
      for (const m of value.matchAll(/["']/g)) {
        const start = Math.max(0, m.index! - 10);
        const around = value.slice(start, m.index! + 10);
        // where the words around the mark stand in book.yaml (a folded value runs over several lines)
        const at = lines.findIndex((l) => l.includes(around));
        const line = at >= 0 ? at + 1 : lines.findIndex((l) => l.startsWith(`${key}:`)) + 1 || undefined;
        const column = at >= 0 ? lines[at].indexOf(around) + (m.index! - start) + 1 : undefined;
        findings.push({ file: 'book.yaml', line, column, found: around.trim(), message: `a straight ${m[0] === '"' ? 'quote' : 'apostrophe'} in the ${key}: “${around.trim()}”` });
      }
    }
    return findings;
  },
};
