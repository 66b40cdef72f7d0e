/**
 * import-report.md, written beside the book: an editor's notes on the import. First what to check — each doubt on
 * one line with its line in source.txt (the same doubt at several lines said once, with the lines), the doubts
 * about the text as a whole apart — then what was done with confidence, one line per code, and a "Corrected by
 * hand" section that people fill in and re-imports keep. Codes are those of docs/diagnostics.md.
 */
import { IMPORT_CODES, reviewToDiagnostic, type ImportDiagnostic } from './codes.js';
import type { ImportProfile, ReviewItem } from './types.js';

export const HAND_SECTION = '## Corrected by hand';

export interface ReportInput {
  title: string;
  sourceFile: string;
  lineCount: number;
  profile: ImportProfile;
  profileReason?: string;
  /** the import's diagnostics (or its review items, turned into them) */
  diagnostics?: ImportDiagnostic[];
  review?: ReviewItem[];
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

function oneLine(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

function lineList(lines: number[]): string {
  return lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(', ')}`;
}

export function renderImportReport(input: ReportInput): string {
  const all = input.diagnostics ?? (input.review ?? []).map((r) => reviewToDiagnostic(r));
  const doubts = all.filter((d) => d.severity === 'warning' || d.severity === 'error');
  const whole = doubts.filter((d) => !d.line);
  // the same doubt at several lines: said once
  const byText = new Map<string, { code: string; message: string; lines: number[] }>();
  for (const d of doubts.filter((x) => x.line).sort((a, b) => a.line! - b.line!)) {
    const key = `${d.code}\u0000${d.message}`;
    const seen = byText.get(key);
    if (seen) seen.lines.push(d.line!);
    else byText.set(key, { code: d.code, message: d.message, lines: [d.line!] });
  }
  const counts = new Map<string, number>();
  for (const d of all) if (d.severity === 'info') counts.set(d.code, (counts.get(d.code) ?? 0) + (d.count ?? 1));
  const fixes = [...counts.values()].reduce((a, b) => a + b, 0);

  const out: string[] = [
    `# Import notes: ${input.title}`,
    '',
    `From \`${input.sourceFile}\`, ${input.lineCount} lines, kept here as \`source.txt\`: every line number below is one of its lines.`,
    `Read as a ${input.profile} text${input.profileReason ? `: ${input.profileReason}` : ''}.`,
    '',
    `## To check (${doubts.length})`,
    '',
  ];
  if (doubts.length === 0) out.push('Nothing: no repair was a guess.', '');
  if (whole.length) {
    out.push('The text as a whole:', '', ...whole.map((d) => `- ${oneLine(d.message)} (\`${d.code}\`)`), '');
  }
  if (byText.size) {
    if (whole.length) out.push('Line by line:', '');
    out.push(...[...byText.values()].map((d) => `- ${lineList(d.lines)}: ${oneLine(d.message)} (\`${d.code}\`)`), '');
  }
  out.push(`## Done with confidence (${fixes})`, '');
  if (counts.size === 0) out.push('Nothing needed repair.', '');
  else {
    out.push(
      ...[...counts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([code, n]) => `- ${n} × ${IMPORT_CODES[code]?.meaning.replace(/;.*$/, '') ?? code} (\`${code}\`)`),
      '',
    );
  }
  out.push(
    HAND_SECTION,
    '',
    input.handCorrections ?? '(none yet: list here what was corrected by hand after the import, with the line in source.txt)',
    '',
  );
  return out.join('\n');
}
