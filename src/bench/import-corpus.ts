/**
 * `npm run bench:import`: galley's importer scored on the import corpus (tests/corpus/, see its README): every
 * raw text is imported the way `galley import` does it (planImport, written to a scratch folder and read back),
 * and compared with its ground truth; beside it, an importer that does nothing (the raw text as it stands).
 * Prints a line per case and the totals of the tuning and the held-out sets apart. Asserts nothing.
 *
 *   node lib/bench/import-corpus.js [--json] [--set tuning|held-out] [--kind print|web] [filter…]
 *
 * A filter keeps the cases whose id contains it. Nothing is fetched; the corpus is read from tests/corpus/.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { planImport } from '../cli/import.js';
import { PACKAGE_ROOT } from '../package-root.js';
import {
  normalizePhrase,
  readMarkdownDoc,
  readRawDoc,
  samePhrase,
  scoreDoc,
  splitFrontMatter,
  totalScores,
  type CaseScore,
  type Furniture,
  type ScoredDoc,
} from './corpus-metrics.js';

export const CORPUS_DIR = join(PACKAGE_ROOT, 'tests', 'corpus');

export interface ManifestCase {
  id: string;
  set: 'tuning' | 'held-out';
  kind: 'print' | 'web';
  /** paths inside tests/corpus/ */
  raw: string;
  truth: string;
  layout?: string;
  typesetter?: string;
  extraction?: string;
  furniture?: Furniture;
  url?: string;
}

export interface TruthMeta {
  /** null: the text does not give it (the check is not made) */
  title?: string | null;
  author?: string | null;
  /** other forms the text's own evidence allows ("Lenin" for "V. I. Lenin" when only the signature names him) */
  title_also?: string[];
  author_also?: string[];
  translator?: string;
  date?: string | number;
  source?: string;
}

export interface CaseResult {
  id: string;
  set: ManifestCase['set'];
  kind: ManifestCase['kind'];
  /** print cases: pdftotext, layout or ocr */
  extraction?: string;
  error?: string;
  /** title, author: right or not; null where the truth has none to check */
  imported: CaseScore & { title: boolean | null; author: boolean | null; meta: { right: number; total: number } };
  baseline: CaseScore & { title: boolean | null; author: boolean | null };
  got: { title?: string; authors: string[]; profile?: string };
}

/** Several Markdown files read as one body, each file's note labels kept apart. */
function mergeDocs(docs: ScoredDoc[]): ScoredDoc {
  const out: ScoredDoc = { words: [], blockStarts: [], headings: [], calls: [], notes: new Map() };
  docs.forEach((d, i) => {
    const base = out.words.length;
    out.blockStarts.push(...d.blockStarts.map((s) => s + base));
    out.calls.push(...d.calls.map((c) => ({ label: `${i}:${c.label}`, after: c.after + base })));
    for (const [label, text] of d.notes) out.notes.set(`${i}:${label}`, text);
    out.headings.push(...d.headings);
    out.words.push(...d.words);
  });
  return out;
}

/** Author names of a credit line: "Karl Marx and Friedrich Engels" → two names. */
const names = (s: string) =>
  s
    .split(/\s+and\s+|\s*[,;&]\s*/)
    .map(normalizePhrase)
    .filter(Boolean)
    .sort();
const sameNames = (a: string[], b: string[]) => a.length === b.length && a.every((n, i) => n === b[i]);

interface ImportedFiles {
  meta: { title?: string; creators?: { name: string; role: string }[]; date?: string | number; sources?: Record<string, unknown>[] };
  markdown: string[];
  profile: string;
}

/** Imports a raw text as `galley import <file> --out <dir>` would, in a scratch folder, and reads the book back. */
function importIntoScratch(raw: string, scratch: string): ImportedFiles {
  const source = join(scratch, 'raw.txt');
  writeFileSync(source, raw);
  const out = join(scratch, 'book');
  const plan = planImport(source, { out, profile: 'auto', language: 'en' }, scratch);
  mkdirSync(plan.dir, { recursive: true });
  for (const [name, text] of plan.files) writeFileSync(join(plan.dir, name), name === 'source.txt' ? plan.sourceBytes : text);
  const meta = parseYaml(readFileSync(join(plan.dir, 'book.yaml'), 'utf8')) as ImportedFiles['meta'] & { files?: string[] };
  const markdown = (meta.files ?? []).map((f) => readFileSync(join(plan.dir, f), 'utf8'));
  return { meta, markdown, profile: plan.result.profile };
}

/** The title right (case and punctuation aside, or one of the other forms the truth allows); null: not checked. */
export function checkTitle(meta: TruthMeta, got: string | undefined): boolean | null {
  return meta.title ? [meta.title, ...(meta.title_also ?? [])].some((t) => samePhrase(got, t)) : null;
}

/** The authors right, as a set of names ("A and B" is two); null: not checked. */
export function checkAuthors(meta: TruthMeta, got: string[]): boolean | null {
  return meta.author ? [meta.author, ...(meta.author_also ?? [])].some((a) => sameNames(names(a), names(got.join(', ')))) : null;
}

function firstLine(raw: string): string {
  return raw.split(/\n/).find((l) => l.trim())?.trim() ?? '';
}

export function scoreCase(c: ManifestCase, scratchRoot: string): CaseResult {
  const raw = readFileSync(join(CORPUS_DIR, c.raw), 'utf8');
  const truthText = readFileSync(join(CORPUS_DIR, c.truth), 'utf8');
  const meta = (parseYaml(splitFrontMatter(truthText).front) ?? {}) as TruthMeta;
  const truth = readMarkdownDoc(truthText);
  const titleRight = (got: string | undefined) => checkTitle(meta, got);
  const authorRight = (got: string[]) => checkAuthors(meta, got);
  const baselineDoc = readRawDoc(raw);
  const baseline = { ...scoreDoc(truth, baselineDoc, c.furniture), title: titleRight(firstLine(raw)), author: meta.author ? false : null };
  const scratch = mkdtempSync(join(scratchRoot, 'case-'));
  try {
    const book = importIntoScratch(raw, scratch);
    const gotTitle = book.meta.title;
    const gotAuthors = (book.meta.creators ?? []).filter((p) => p.role === 'author').map((p) => p.name);
    const gotTranslators = (book.meta.creators ?? []).filter((p) => p.role === 'translator').map((p) => p.name);
    // a heading that only repeats the book's title is not body (unless the truth has it as a heading)
    const dropHeadings = [gotTitle ?? '', meta.title ?? ''].filter((t) => t && !truth.headings.includes(normalizePhrase(t)));
    const doc = mergeDocs(book.markdown.map((m) => readMarkdownDoc(m, { dropHeadings })));
    const score = scoreDoc(truth, doc, c.furniture);
    const checks: boolean[] = [];
    if (meta.translator) checks.push(sameNames(names(meta.translator), names(gotTranslators.join(', '))));
    if (meta.date !== undefined) checks.push(String(book.meta.date ?? '').startsWith(String(meta.date)));
    if (meta.source) checks.push(normalizePhrase(JSON.stringify(book.meta.sources ?? [])).includes(normalizePhrase(meta.source)));
    return {
      id: c.id,
      set: c.set,
      kind: c.kind,
      extraction: c.extraction,
      imported: {
        ...score,
        title: titleRight(gotTitle),
        author: authorRight(gotAuthors),
        meta: { right: checks.filter(Boolean).length, total: checks.length },
      },
      baseline,
      got: { title: gotTitle, authors: gotAuthors, profile: book.profile },
    };
  } catch (err) {
    const zero = scoreDoc(truth, { words: [], blockStarts: [], headings: [], calls: [], notes: new Map() });
    return {
      id: c.id,
      set: c.set,
      kind: c.kind,
      extraction: c.extraction,
      error: (err as Error).message.split('\n')[0],
      imported: { ...zero, title: meta.title ? false : null, author: meta.author ? false : null, meta: { right: 0, total: 0 } },
      baseline,
      got: { authors: [] },
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function readManifest(): ManifestCase[] {
  return (JSON.parse(readFileSync(join(CORPUS_DIR, 'manifest.json'), 'utf8')) as { cases: ManifestCase[] }).cases;
}

export interface SetTotals {
  cases: number;
  errors: number;
  /** titles, authors: right / checked */
  imported: CaseScore & { titles: { right: number; total: number }; authors: { right: number; total: number }; meta: { right: number; total: number } };
  baseline: CaseScore & { titles: { right: number; total: number } };
}

const rightOf = (checks: (boolean | null)[]) => ({ right: checks.filter((c) => c === true).length, total: checks.filter((c) => c !== null).length });

export function totals(results: CaseResult[]): SetTotals {
  return {
    cases: results.length,
    errors: results.filter((r) => r.error).length,
    imported: {
      ...totalScores(results.map((r) => r.imported)),
      titles: rightOf(results.map((r) => r.imported.title)),
      authors: rightOf(results.map((r) => r.imported.author)),
      meta: { right: results.reduce((n, r) => n + r.imported.meta.right, 0), total: results.reduce((n, r) => n + r.imported.meta.total, 0) },
    },
    baseline: { ...totalScores(results.map((r) => r.baseline)), titles: rightOf(results.map((r) => r.baseline.title)) },
  };
}

// ---------------------------------------------------------------- printing

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const f3 = (x: number) => x.toFixed(3);
const COLUMNS = ['case', 'words', '(none)', '¶F1', '(none)', 'notes', 'wrong', 'title', 'author', 'headings', 'furn.', '(none)', 'noteW', '(none)'];
const WIDTHS = [44, 6, 7, 6, 7, 9, 6, 6, 7, 10, 6, 7, 6, 7];

function row(cells: string[]): string {
  return cells.map((c, i) => (i === 0 ? pad(c, WIDTHS[i]!) : lpad(c, WIDTHS[i]!))).join(' ');
}

function caseRow(r: CaseResult): string {
  const i = r.imported;
  const b = r.baseline;
  return row([
    r.error ? `${r.id} (error)` : r.id,
    f3(i.wordAccuracy),
    f3(b.wordAccuracy),
    f3(i.paragraphF1),
    f3(b.paragraphF1),
    `${i.notes.linked}/${i.notes.truth}`,
    String(i.notes.wrong),
    i.title === null ? '–' : i.title ? 'yes' : 'no',
    i.author === null ? '–' : i.author ? 'yes' : 'no',
    `${i.headings.right}/${i.headings.truth}+${i.headings.spurious}`,
    String(i.furnitureLeft),
    String(b.furnitureLeft),
    String(i.noteWordsLeft),
    String(b.noteWordsLeft),
  ]);
}

function totalRow(label: string, t: SetTotals): string {
  const i = t.imported;
  const b = t.baseline;
  return row([
    `${label} (${t.cases} cases${t.errors ? `, ${t.errors} errors` : ''})`,
    f3(i.wordAccuracy),
    f3(b.wordAccuracy),
    f3(i.paragraphF1),
    f3(b.paragraphF1),
    `${i.notes.linked}/${i.notes.truth}`,
    String(i.notes.wrong),
    `${i.titles.right}/${i.titles.total}`,
    `${i.authors.right}/${i.authors.total}`,
    `${i.headings.right}/${i.headings.truth}+${i.headings.spurious}`,
    String(i.furnitureLeft),
    String(b.furnitureLeft),
    String(i.noteWordsLeft),
    String(b.noteWordsLeft),
  ]);
}

export function formatReport(results: CaseResult[]): string {
  const lines: string[] = [];
  const rule = '-'.repeat(WIDTHS.reduce((n, w) => n + w + 1, 0));
  lines.push(row(COLUMNS), rule);
  for (const set of ['tuning', 'held-out'] as const) {
    const inSet = results.filter((r) => r.set === set);
    if (!inSet.length) continue;
    lines.push(set === 'held-out' ? '[held-out] (scored, never tuned on: read the totals, not these cases)' : `[${set}]`);
    for (const r of inSet) lines.push(caseRow(r));
    lines.push(rule);
  }
  lines.push('summary');
  for (const set of ['tuning', 'held-out'] as const) {
    for (const kind of ['print', 'web'] as const) {
      const rs = results.filter((r) => r.set === set && r.kind === kind);
      if (rs.length) lines.push(totalRow(`${set} ${kind}`, totals(rs)));
    }
    for (const how of ['pdftotext', 'layout', 'ocr']) {
      const byHow = results.filter((r) => r.set === set && r.kind === 'print' && r.extraction === how);
      if (byHow.length) lines.push(totalRow(`  ${set} print, ${how}`, totals(byHow)));
    }
    const rs = results.filter((r) => r.set === set);
    if (rs.length) lines.push(totalRow(`${set} all`, totals(rs)));
  }
  const web = results.filter((r) => r.kind === 'web');
  const meta = web.reduce((a, r) => ({ right: a.right + r.imported.meta.right, total: a.total + r.imported.meta.total }), { right: 0, total: 0 });
  lines.push(rule);
  lines.push(
    'words: 1 − word edit distance / truth words; ¶F1: paragraph-break F1; notes: linked at the right call with the right text / notes in the truth;',
    'wrong: calls linked to another note or to none; headings: truth headings found in order / truth headings + headings not in the truth;',
    'furn.: running heads and folios left in the body; noteW: note words left in the body; (none): an importer that does nothing (the raw text).',
  );
  if (meta.total) lines.push(`web metadata (translator, date, source) right: ${meta.right}/${meta.total}`);
  for (const r of results.filter((x) => x.error)) lines.push(`error in ${r.id}: ${r.error}`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const valueOf = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const set = valueOf('--set');
  const kind = valueOf('--kind');
  const filters = argv.filter((a, i) => !a.startsWith('--') && !['--set', '--kind'].includes(argv[i - 1] ?? ''));
  const cases = readManifest().filter((c) => (!set || c.set === set) && (!kind || c.kind === kind) && (filters.length === 0 || filters.some((f) => c.id.includes(f))));
  const scratch = mkdtempSync(join(tmpdir(), 'galley-bench-import-'));
  const start = performance.now();
  try {
    const results = cases.map((c) => scoreCase(c, scratch));
    const seconds = (performance.now() - start) / 1000;
    if (json) {
      const sets = Object.fromEntries(
        (['tuning', 'held-out'] as const).map((s) => [s, { all: totals(results.filter((r) => r.set === s)), print: totals(results.filter((r) => r.set === s && r.kind === 'print')), web: totals(results.filter((r) => r.set === s && r.kind === 'web')) }]),
      );
      process.stdout.write(`${JSON.stringify({ seconds, totals: sets, cases: results }, null, 1)}\n`);
    } else {
      process.stdout.write(`${formatReport(results)}\n${cases.length} cases in ${seconds.toFixed(1)} s\n`);
    }
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && /import-corpus\.js$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`bench:import: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
