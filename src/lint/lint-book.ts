/**
 * Lint one book: run every rule over it, drop the findings lint-ignore.yaml accepts, and report entries of
 * lint-ignore.yaml that no longer match anything (a stale exception hides nothing and should go).
 * Pure: the command layer reads the files.
 */
import type { Diagnostic } from '../diagnostics.js';
import { readLintBook } from './document.js';
import { IGNORE_FILE, isIgnored, readIgnoreFile } from './ignore.js';
import { LINT_RULES } from './registry.js';
import type { LintRule } from './types.js';

export interface LintInput {
  /** `content/<slug>`, the prefix of every position */
  displayDir: string;
  bookYaml: string;
  markdown: Map<string, string>;
  /** the text of lint-ignore.yaml, if the book has one */
  ignore?: string;
}

export interface LintResult {
  diagnostics: Diagnostic[];
  /** findings per rule code, before the exceptions */
  counts: Map<string, number>;
  ignored: number;
}

export function lintBook(input: LintInput, rules: readonly LintRule[] = LINT_RULES): LintResult {
  const book = readLintBook(input.bookYaml, input.markdown);
  const ignorePath = `${input.displayDir}/${IGNORE_FILE}`;
  const { entries, problems } = input.ignore === undefined ? { entries: [], problems: [] } : readIgnoreFile(input.ignore, ignorePath);
  const used = new Set<number>();
  const diagnostics: Diagnostic[] = [...problems];
  const counts = new Map<string, number>();
  let ignored = 0;
  for (const rule of rules) {
    const findings = rule.check(book);
    counts.set(rule.code, findings.length);
    for (const f of findings) {
      const entry = entries.findIndex((e) => isIgnored(e, rule.code, f));
      if (entry >= 0) {
        used.add(entry);
        ignored++;
        continue;
      }
      diagnostics.push({ severity: rule.severity, code: rule.code, message: f.message, file: `${input.displayDir}/${f.file}`, line: f.line, column: f.column });
    }
  }
  entries.forEach((e, i) => {
    if (!used.has(i) && rules.some((r) => r.code === e.code)) {
      diagnostics.push({ severity: 'warning', code: 'lint-ignore-stale', message: `the exception for ${e.code}${e.found ? ` “${e.found}”` : ''} matches no finding: remove it`, file: ignorePath, line: e.line });
    }
    if (!LINT_RULES.some((r) => r.code === e.code)) {
      diagnostics.push({ severity: 'warning', code: 'lint-ignore-stale', message: `no lint rule has the code ${e.code}`, file: ignorePath, line: e.line });
    }
  });
  return { diagnostics, counts, ignored };
}
