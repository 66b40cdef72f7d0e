/**
 * The same abbreviation or initials spaced two ways in one book ("R. C. P." beside "R.C.P."): the book's most
 * frequent form is the one to keep. Letters with full stops are compared without their spaces.
 */
import { eachBlock, findingAt, type LintBook } from '../document.js';
import type { LintFinding, LintRule } from '../types.js';

// two letters or more, each with its full stop, spaced or not: "R.C.P.", "R. C. P.", "J.\u00a0V."
const DOTTED = /(?<![\p{L}.])(?:\p{Lu}\.[\s\u00a0]?){1,}\p{Lu}\./gu;

export const abbreviationSpacing: LintRule = {
  code: 'abbreviation-spacing',
  description: 'the same abbreviation spaced two ways in one book (“R. C. P.” beside “R.C.P.”)',
  example: { found: 'the Thirteenth Conference of the R. C. P. (B.) … the R.C.P. (B.)', corrected: 'the Thirteenth Conference of the R.C.P. (B.) … the R.C.P. (B.)' },
  severity: 'warning',
  check(book: LintBook): LintFinding[] {
    const forms = new Map<string, Map<string, number>>();
    const seen: { key: string; form: string; at: () => LintFinding }[] = [];
    for (const { file, block } of eachBlock(book)) {
      for (const m of block.text.matchAll(DOTTED)) {
        const form = m[0].replace(/\u00a0/g, ' ');
        const key = form.replace(/\s/g, '');
        const counts = forms.get(key) ?? new Map<string, number>();
        counts.set(form, (counts.get(form) ?? 0) + 1);
        forms.set(key, counts);
        seen.push({ key, form, at: () => findingAt(file, block, m.index!, form, '') });
      }
    }
    const findings: LintFinding[] = [];
    for (const s of seen) {
      const counts = forms.get(s.key)!;
      if (counts.size < 2) continue;
      const [usual, times] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
      if (s.form === usual) continue;
      const f = s.at();
      findings.push({ ...f, message: `“${s.form}” where the book writes “${usual}” ${times}× (spaced ${counts.size} ways)` });
    }
    return findings;
  },
};
