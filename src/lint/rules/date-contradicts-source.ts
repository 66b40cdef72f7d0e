/**
 * book.yaml's `date` (the date the apparatus gives as the work's first publication) against the dates the
 * sources give for it: the `published` credit of each source ("Printed on April 12, 1912 in …") and, in a
 * book of one work, its `::: source` line. A date before all of them, or after all of them, contradicts them.
 */
import { eachBlock, type LintBook } from '../document.js';
import type { LintFinding, LintRule } from '../types.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DATE = new RegExp(`(?:(${MONTHS.join('|')})\\s+(?:(\\d{1,2}),?\\s+)?)?(1[5-9]\\d\\d|20\\d\\d)`, 'giu');

/** A date as [year, month?, day?], comparable at the precision both have. */
type Parts = [number, number?, number?];

export function datesIn(text: string): Parts[] {
  return [...text.matchAll(DATE)].map((m) => {
    const month = m[1] ? MONTHS.indexOf(m[1].toLowerCase()) + 1 : undefined;
    return [Number(m[3]), month, m[2] ? Number(m[2]) : undefined] as Parts;
  });
}

/** -1, 0 or 1: earlier, the same at the shared precision, later */
function compare(a: Parts, b: Parts): number {
  for (let i = 0; i < 3; i++) {
    if (a[i] === undefined || b[i] === undefined) return 0;
    if (a[i]! !== b[i]!) return a[i]! < b[i]! ? -1 : 1;
  }
  return 0;
}

function lineOf(yaml: string, key: string): number | undefined {
  const i = yaml.split('\n').findIndex((l) => l.startsWith(`${key}:`));
  return i < 0 ? undefined : i + 1;
}

export const dateContradictsSource: LintRule = {
  code: 'date-contradicts-source',
  description: 'book.yaml’s date of first publication is not a date the sources give for the publication',
  example: { found: 'date: 1912-03 with a source “published: Printed on April 12, 1912”', corrected: 'date: 1912-04-12' },
  severity: 'warning',
  check(book: LintBook): LintFinding[] {
    const raw = book.meta.date;
    if (raw === undefined || raw === null) return [];
    const date = String(raw).split('-').map(Number) as Parts;
    if (!date[0]) return [];
    const evidence: { text: string; dates: Parts[] }[] = [];
    const sources = Array.isArray(book.meta.sources) ? (book.meta.sources as Record<string, unknown>[]) : [];
    for (const s of sources) if (typeof s?.published === 'string') evidence.push({ text: s.published, dates: datesIn(s.published) });
    if (book.files.length === 1) {
      for (const { block } of eachBlock(book)) if (block.container === 'source') evidence.push({ text: block.text, dates: datesIn(block.text) });
    }
    const dated = evidence.filter((e) => e.dates.length > 0);
    if (dated.length === 0) return [];
    // the date agrees with a source if it is one of the dates the source names (at the precision both give)
    if (dated.some((e) => e.dates.some((d) => compare(date, d) === 0))) return [];
    return [
      {
        file: 'book.yaml',
        line: lineOf(book.yamlText, 'date'),
        column: 7,
        found: String(raw),
        message: `date ${String(raw)} (given as the first publication) is no date the sources give: ${dated.map((e) => `“${e.text.slice(0, 60)}”`).join('; ')}`,
      },
    ];
  },
};
