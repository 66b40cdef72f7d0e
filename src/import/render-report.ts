/**
 * import-report.md: doubts one per line with the raw line number (a person should look), confident fixes as
 * counts per rule, and a "Corrected by hand" section that people fill in and re-imports keep.
 */
import type { ImportProfile, ReviewItem } from './types.js';

export const HAND_SECTION = '## Corrected by hand';

export interface ReportInput {
  title: string;
  sourceFile: string;
  lineCount: number;
  profile: ImportProfile;
  profileReason?: string;
  review: ReviewItem[];
  /** the "Corrected by hand" section of an earlier report, kept on re-import */
  handCorrections?: string;
}

/** The body of the "Corrected by hand" section of an existing report, if any. */
export function readHandCorrections(report: string): string | undefined {
  const at = report.indexOf(HAND_SECTION);
  if (at < 0) return undefined;
  const body = report.slice(at + HAND_SECTION.length).replace(/\n## [\s\S]*$/, '').trim();
  return body && !body.startsWith('(none') ? body : undefined;
}

export function renderImportReport(input: ReportInput): string {
  const doubts = input.review.filter((r) => r.kind === 'doubt').sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const counts = new Map<string, number>();
  for (const r of input.review) if (r.kind === 'fixed') counts.set(r.rule, (counts.get(r.rule) ?? 0) + (r.count ?? 1));
  const out: string[] = [
    `# Import report: ${input.title}`,
    '',
    `Imported from \`${input.sourceFile}\` (${input.lineCount} lines, kept as \`source.txt\`) with the \`${input.profile}\` profile${input.profileReason ? ` (${input.profileReason})` : ''}.`,
    'Line numbers point into `source.txt`.',
    '',
    `## Doubts (${doubts.length})`,
    '',
    ...(doubts.length ? doubts.map((d) => `- ${d.line ? `line ${d.line}` : 'whole text'} [${d.rule}]: ${d.message.replace(/\s+/g, ' ')}`) : ['(none)']),
    '',
    '## Fixed with confidence (counts per rule)',
    '',
    '| rule | fixes |',
    '|---|---:|',
    ...[...counts.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([rule, n]) => `| ${rule} | ${n} |`),
    '',
    HAND_SECTION,
    '',
    input.handCorrections ?? '(none yet: list here what was corrected by hand after the import, with the line in source.txt)',
    '',
  ];
  return out.join('\n');
}
