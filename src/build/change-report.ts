/**
 * What a rebuild did to a book's outputs, for the proofreader (and a press's own tools): which PDF pages'
 * text changed, which pages after them moved and by how many, which files inside the EPUB changed. Made
 * from what each output tells about itself (OutputFacts: the PDF's page fingerprints and labels, the
 * EPUB's zip entries), the previous build's kept in dist/.galley/<book>.json; written by the build as
 * dist/<book>.changes.json (docs/changes.md gives its schema). Pure: no file is read or written here.
 *
 *   works-volume-6.pdf: pages 163–165 changed; 191 pages after them moved by +1
 *   works-volume-6.epub: EPUB/text/ch-05.xhtml changed
 */
import { diffArrays } from 'diff';
import type { OutputFacts } from '../outputs/types.js';
import { readZipDirectory } from '../render/shared/zip-directory.js';

/** A page of the PDF: its place (1-based, as a PDF viewer counts) and its printed label (folio, roman in the front matter). */
export interface PageRef {
  index: number;
  label: string;
}

export interface PageRange {
  from: PageRef;
  to: PageRef;
}

/** Pages whose text is unchanged, found `by` pages later (or earlier, negative) than before. */
export interface MovedRun extends PageRange {
  count: number;
  by: number;
}

export interface PdfChange {
  output: string;
  file: string;
  kind: 'pdf';
  /** new: no earlier build to compare with (or one from a galley that did not keep page fingerprints) */
  status: 'new' | 'changed' | 'unchanged';
  pages: { before?: number; after: number };
  /** runs of pages (of the new PDF) whose text is new or different */
  changed: PageRange[];
  /** runs of pages of the old PDF whose text is gone (in its numbering) */
  removed: PageRange[];
  moved: MovedRun[];
}

export interface EpubChange {
  output: string;
  file: string;
  kind: 'epub';
  status: 'new' | 'changed' | 'unchanged';
  /** the paths inside the EPUB (zip entries) */
  changed: string[];
  added: string[];
  removed: string[];
}

export type OutputChange = PdfChange | EpubChange;

export interface ChangeReport {
  /** the version of this file's shape (docs/changes.md) */
  schema: 1;
  book: string;
  outputs: OutputChange[];
}

/** The runs of consecutive numbers in a sorted list. */
function runs(indices: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const i of indices) {
    const last = out[out.length - 1];
    if (last && i === last[1] + 1) last[1] = i;
    else out.push([i, i]);
  }
  return out;
}

function ref(labels: string[] | undefined, i: number): PageRef {
  return { index: i + 1, label: labels?.[i] ?? String(i + 1) };
}

/**
 * Compare the page fingerprints of two builds (in-page.ts: each page's own text, without running head or
 * folio): a sequence diff, so pages that only moved are told apart from pages that changed.
 */
export function comparePdfPages(file: string, output: string, before: OutputFacts | undefined, after: OutputFacts): PdfChange {
  const now = after.pageTexts ?? [];
  const base: PdfChange = { output, file, kind: 'pdf', status: 'new', pages: { after: now.length }, changed: [], removed: [], moved: [] };
  const then = Array.isArray(before?.pageTexts) && before.pageTexts.every((t) => typeof t === 'string') ? before.pageTexts : undefined;
  if (!then) return base;
  base.pages.before = then.length;
  const changed: number[] = [];
  const gone: number[] = [];
  const moved: { old: number; now: number }[] = [];
  let i = 0; // in the old PDF
  let j = 0; // in the new one
  // a hunk's old pages replaced by its new ones are changes; only the old pages left over are gone
  let hunk = { removed: [] as number[], added: [] as number[] };
  const flush = () => {
    changed.push(...hunk.added);
    gone.push(...hunk.removed.slice(hunk.added.length));
    hunk = { removed: [], added: [] };
  };
  for (const part of diffArrays(then, now)) {
    const n = part.count ?? part.value.length;
    if (part.added) {
      for (let k = 0; k < n; k++) hunk.added.push(j + k);
      j += n;
    } else if (part.removed) {
      for (let k = 0; k < n; k++) hunk.removed.push(i + k);
      i += n;
    } else {
      flush();
      for (let k = 0; k < n; k++) if (i + k !== j + k) moved.push({ old: i + k, now: j + k });
      i += n;
      j += n;
    }
  }
  flush();
  base.changed = runs(changed).map(([a, b]) => ({ from: ref(after.pageLabels, a), to: ref(after.pageLabels, b) }));
  base.removed = runs(gone).map(([a, b]) => ({ from: ref(before?.pageLabels, a), to: ref(before?.pageLabels, b) }));
  // moved pages grouped in runs of one shift
  const groups: MovedRun[] = [];
  for (const m of moved) {
    const by = m.now - m.old;
    const last = groups[groups.length - 1];
    if (last && last.by === by && last.to.index === m.now) {
      last.to = ref(after.pageLabels, m.now);
      last.count++;
    } else groups.push({ from: ref(after.pageLabels, m.now), to: ref(after.pageLabels, m.now), count: 1, by });
  }
  base.moved = groups;
  base.status = changed.length + gone.length + moved.length > 0 ? 'changed' : 'unchanged';
  return base;
}

/** Compare the zip entries of two EPUBs (name → CRC-32 and size, read from the zip's central directory). */
export function compareEpubFiles(file: string, output: string, before: OutputFacts | undefined, after: OutputFacts): EpubChange {
  const now = after.files ?? {};
  const base: EpubChange = { output, file, kind: 'epub', status: 'new', changed: [], added: [], removed: [] };
  const then = before?.files && typeof before.files === 'object' && !Array.isArray(before.files) ? before.files : undefined;
  if (!then) return base;
  for (const name of Object.keys(now).sort()) {
    if (!(name in then)) base.added.push(name);
    else if (then[name] !== now[name]) base.changed.push(name);
  }
  base.removed = Object.keys(then).filter((name) => !(name in now)).sort();
  base.status = base.changed.length + base.added.length + base.removed.length > 0 ? 'changed' : 'unchanged';
  return base;
}

/**
 * A zip's entries as name → "crc32:size" (hex CRC-32 and uncompressed size), from its central directory:
 * nothing is decompressed. An entry whose bytes change changes its CRC.
 */
export function zipEntries(bytes: Uint8Array): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const e of readZipDirectory(bytes, { lenient: true }) ?? []) entries[e.name] = `${e.crc.toString(16).padStart(8, '0')}:${e.size}`;
  return entries;
}

const range = (r: PageRange) => (r.from.index === r.to.index ? r.from.label : `${r.from.label}–${r.to.label}`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** One line per output, as the proofreader reads it. */
export function describeChange(change: OutputChange): string {
  if (change.kind === 'epub') {
    if (change.status === 'new') return `${change.file}: new (no earlier build to compare with)`;
    if (change.status === 'unchanged') return `${change.file}: no file changed`;
    const parts = [
      change.changed.length > 0 ? `${change.changed.join(', ')} changed` : '',
      change.added.length > 0 ? `${change.added.join(', ')} added` : '',
      change.removed.length > 0 ? `${change.removed.join(', ')} removed` : '',
    ].filter(Boolean);
    return `${change.file}: ${parts.join('; ')}`;
  }
  if (change.status === 'new') return `${change.file}: new, ${plural(change.pages.after, 'page')} (no earlier build to compare with)`;
  if (change.status === 'unchanged') return `${change.file}: no page's text changed`;
  const parts: string[] = [];
  if (change.changed.length > 0) {
    const pages = change.changed.reduce((n, r) => n + r.to.index - r.from.index + 1, 0);
    parts.push(`${pages === 1 ? 'page' : 'pages'} ${change.changed.map(range).join(', ')} changed`);
  }
  if (change.removed.length > 0) parts.push(`${change.removed.length === 1 && change.removed[0].from.index === change.removed[0].to.index ? 'page' : 'pages'} ${change.removed.map(range).join(', ')} of the last build gone`);
  for (const m of change.moved) {
    parts.push(`${plural(m.count, 'page')} ${parts.length > 0 ? 'after them ' : ''}moved by ${signed(m.by)} (now ${range(m)})`);
  }
  const count = change.pages.before !== undefined && change.pages.before !== change.pages.after ? ` (${change.pages.before} → ${change.pages.after} pages)` : '';
  return `${change.file}: ${parts.join('; ')}${count}`;
}

/** The change of one output, from its facts before and after (undefined: an output the report does not follow, such as the press files). */
export function compareOutput(output: string, file: string, before: OutputFacts | undefined, after: OutputFacts | undefined): OutputChange | undefined {
  if (after?.pageTexts) return comparePdfPages(file, output, before, after);
  if (after?.files) return compareEpubFiles(file, output, before, after);
  return undefined;
}

/** The file beside the book's outputs: dist/<book>.changes.json. */
export function changesFile(slug: string): string {
  return `${slug}.changes.json`;
}
