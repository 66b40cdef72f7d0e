/**
 * Content lint: rules with stable codes that read a book's Markdown and book.yaml and report what a careful
 * producer would correct (OCR residue, inconsistent spellings, typography), like Standard Ebooks' `se lint`.
 * Each rule is one file in rules/ with its code, a one-line description and an example; the registry
 * (registry.ts) lists them in order. Rules never name a book's words: they decide from the book's own evidence.
 */
import type { Severity } from '../diagnostics.js';
import type { LintBook } from './document.js';

export interface LintFinding {
  /** the Markdown file (or book.yaml) it concerns, relative to the book folder */
  file: string;
  line?: number;
  column?: number;
  message: string;
  /** the text found, used to match an accepted exception in lint-ignore.yaml */
  found: string;
}

export interface LintRule {
  /** stable code, printed in brackets and used in lint-ignore.yaml */
  code: string;
  /** one line: what the rule finds */
  description: string;
  /** what it finds and what the corrected text is */
  example: { found: string; corrected: string };
  severity: Severity;
  check(book: LintBook): LintFinding[];
}
