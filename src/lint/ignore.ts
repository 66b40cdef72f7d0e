/**
 * Accepted exceptions: `lint-ignore.yaml` in the book folder lists findings a person has looked at and kept,
 * each with its reason. An entry matches a finding by code, file and the text found (not the line, which moves
 * with every correction above it).
 *
 *   - code: doubled-word
 *     file: 03-theory.md
 *     found: had had
 *     reason: "had had" is the past perfect of "have"
 */
import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { LintFinding } from './types.js';

export const IGNORE_FILE = 'lint-ignore.yaml';

export interface IgnoreEntry {
  code: string;
  file?: string;
  found?: string;
  reason: string;
  line: number;
}

/** Read lint-ignore.yaml: its entries, and a diagnostic for each one that is malformed (no code, no reason). */
export function readIgnoreFile(text: string, displayPath: string): { entries: IgnoreEntry[]; problems: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const problems: Diagnostic[] = [];
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = lineCounter.linePos(e.pos[0]);
    return { entries: [], problems: [{ severity: 'error', code: 'lint-ignore-invalid', message: e.message.split('\n')[0], file: displayPath, line: pos.line, column: pos.col }] };
  }
  const entries: IgnoreEntry[] = [];
  const items = doc.contents && 'items' in doc.contents ? (doc.contents.items as unknown[]) : [];
  if (doc.contents && !Array.isArray(doc.toJS())) {
    return { entries, problems: [{ severity: 'error', code: 'lint-ignore-invalid', message: 'lint-ignore.yaml must be a list of exceptions (- code: …, reason: …)', file: displayPath, line: 1 }] };
  }
  for (const item of items) {
    const node = item as { range?: [number, number, number]; toJSON(): unknown };
    const line = node.range ? lineCounter.linePos(node.range[0]).line : 1;
    const value = node.toJSON() as Record<string, unknown> | null;
    if (!value || typeof value !== 'object' || typeof value.code !== 'string') {
      problems.push({ severity: 'error', code: 'lint-ignore-invalid', message: 'an exception needs a code', file: displayPath, line });
      continue;
    }
    if (typeof value.reason !== 'string' || value.reason.trim() === '') {
      problems.push({ severity: 'error', code: 'lint-ignore-invalid', message: `the exception for ${value.code} gives no reason: say why the finding is kept`, file: displayPath, line });
      continue;
    }
    entries.push({
      code: value.code,
      file: typeof value.file === 'string' ? value.file : undefined,
      found: value.found === undefined ? undefined : String(value.found),
      reason: value.reason,
      line,
    });
  }
  return { entries, problems };
}

export function isIgnored(entry: IgnoreEntry, code: string, finding: LintFinding): boolean {
  if (entry.code !== code) return false;
  if (entry.file !== undefined && entry.file !== finding.file) return false;
  if (entry.found !== undefined && entry.found.replace(/\u00a0/g, ' ') !== finding.found.replace(/\u00a0/g, ' ')) return false;
  return true;
}
