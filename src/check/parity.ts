/**
 * Parity: the words a reader finds in an output equal the book's own words, every word exactly once and in
 * order. The output's text comes from an independent extractor (pdftotext for the PDF, the EPUB's XHTML with
 * its markup stripped), the book's from the parsed Markdown model; the two are aligned word for word
 * (align-words.ts) and every difference is reported with where it stands. Stable codes:
 *   parity-duplicated   a passage of the book stands twice in the output
 *   parity-lost         words of the book are missing from the output
 *   parity-moved        a passage stands in the output, but not where the book has it
 *   parity-extra        words in the output that the book does not have
 *   parity-changed      a word reads differently (e.g. a ligature that extracts without one of its letters)
 *   parity-split        a word's letters are all there, cut differently ("COMR ADE": letter-spaced capitals)
 *   parity-heading      a heading of the book is not a heading of the output in its place (PDF: not on a line of its own)
 * Figures (counts of words duplicated, lost, moved, extra) come back with the diagnostics, for reports.
 */
import type { Diagnostic, Severity } from '../diagnostics.js';
import { alignWords, type EditRun } from './align-words.js';
import type { Book } from '../model/types.js';
import { bookText, type BookText, type BookWord, type Word } from './book-words.js';
import { readEpubText, type EpubWord } from './epub-words.js';
import { pdfText, readPdfLayout, type PdfWord } from './pdf-words.js';

export interface OutputWord extends Word {
  /** where the word stands in the output: "PDF p. 53", "EPUB 03-lenin.xhtml" */
  where: string;
}

export interface ParityFigures {
  words: number;
  outputWords: number;
  duplicated: number;
  lost: number;
  moved: number;
  extra: number;
  changed: number;
  /** words the extractor cuts or joins differently, letters all there */
  split: number;
  /** passages (runs) duplicated, lost, moved */
  duplicatedPassages: number;
  lostPassages: number;
  movedPassages: number;
}

export interface ParityResult {
  diagnostics: Diagnostic[];
  figures: ParityFigures;
}

/** Runs shorter than this are reported as single words (a lost word, a changed word), not passages. */
const PASSAGE = 3;
/** At most this many diagnostics of one kind per stream; the figures count them all. */
const MAX_REPORTS = 20;

function quote(words: Word[], max = 12): string {
  const raws = words.map((w) => w.raw.replace(/\u00ad/g, ''));
  if (raws.length <= max) return `"${raws.join(' ')}"`;
  return `"${raws.slice(0, max / 2).join(' ')} … ${raws.slice(-max / 2).join(' ')}"`;
}

function keyOf(words: Word[], from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += `${words[i].key} `;
  return s;
}

/** Letters a text layer drops from a ligature ("five" read as "fve", "flow" as "fow"). */
function sameButLigature(a: string, b: string): boolean {
  const squash = (s: string) => s.replace(/f[fil]+/g, 'f');
  return a !== b && squash(a) === squash(b);
}

function places(words: OutputWord[], from: number, to: number): string {
  const first = words[from]?.where;
  const last = words[Math.max(from, to - 1)]?.where;
  if (!first) return 'at the end';
  return first === last ? first : `${first} to ${last.replace(/^PDF p\. /, 'p. ')}`;
}

/** Search `needle` (keys) in `hay` (keys) from `from`; the word index of the match, or -1. */
function findRun(hayKey: string, offsets: Int32Array, needle: string, from = 0): number {
  const at = hayKey.indexOf(` ${needle}`, from);
  if (at < 0) return -1;
  return wordAt(offsets, at);
}

function wordAt(offsets: Int32Array, charOffset: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= charOffset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The words' keys as one string " k1 k2 … " and where each word starts in it. */
function keyString(words: Word[], active: number[]): { key: string; offsets: Int32Array } {
  const offsets = new Int32Array(active.length);
  let key = ' ';
  active.forEach((w, i) => {
    offsets[i] = key.length - 1;
    key += `${words[w].key} `;
  });
  return { key, offsets };
}

/** Passages found whole elsewhere: moved (lost here, standing there) and printed twice. */
interface Finding {
  kind: 'moved' | 'duplicated';
  /** book word indexes of the passage (moved: where the book has it; duplicated: the words printed twice) */
  book: number[];
  /** output word indexes of the passage (moved: where it stands; duplicated: the second copy) */
  out: number[];
  /** output index where the other copy stands (duplicated), or where the book has the passage (moved) */
  other: number;
}

/**
 * Align the book's words with the output's and report every difference. `stream` names what is compared
 * ("text", "notes"), `output` the output ("PDF", "EPUB") and `file` where the output diagnostics point.
 * A passage of a few words or more that stands whole elsewhere is a move or a duplicate: it is set aside
 * and the rest aligned again, so what a move or a copy leaves around it is not counted twice.
 */
export function compareWords(book: BookWord[], out: OutputWord[], stream: string, output: string, file: string): ParityResult {
  const ids = new Map<string, number>();
  const intern = (w: Word) => {
    let id = ids.get(w.key);
    if (id === undefined) ids.set(w.key, (id = ids.size));
    return id;
  };
  const a = Int32Array.from(book, intern);
  const b = Int32Array.from(out, intern);
  let activeA = Array.from(book, (_, i) => i);
  let activeB = Array.from(out, (_, i) => i);
  const findings: Finding[] = [];
  let runs: EditRun[] = [];
  for (let round = 0; round < 20; round++) {
    runs = alignWords(
      activeA.map((i) => a[i]),
      activeB.map((j) => b[j]),
    );
    const equalB = new Uint8Array(activeB.length);
    const aToB = new Int32Array(activeA.length).fill(-1);
    for (const r of runs) {
      if (r.kind !== 'equal') continue;
      for (let j = r.bStart; j < r.bEnd; j++) equalB[j] = 1;
      for (let i = r.aStart; i < r.aEnd; i++) aToB[i] = r.bStart + (i - r.aStart);
    }
    const takenA = new Uint8Array(activeA.length);
    const takenB = new Uint8Array(activeB.length);
    const found: Finding[] = [];
    const outKeys = keyString(out, activeB);
    // moved: a lost passage that stands, whole, among words the alignment could not place
    for (const r of runs) {
      if (r.kind !== 'delete' || r.aEnd - r.aStart < PASSAGE) continue;
      const needle = activeA.slice(r.aStart, r.aEnd).map((i) => book[i].key).join(' ') + ' ';
      const len = r.aEnd - r.aStart;
      for (let at = findRun(outKeys.key, outKeys.offsets, needle); at >= 0; at = findRun(outKeys.key, outKeys.offsets, needle, outKeys.offsets[at] + 1)) {
        let placed = 0;
        let taken = false;
        for (let j = at; j < at + len; j++) {
          placed += equalB[j];
          if (takenB[j]) taken = true;
        }
        if (taken || placed > len * 0.2) continue;
        for (let i = r.aStart; i < r.aEnd; i++) takenA[i] = 1;
        for (let j = at; j < at + len; j++) takenB[j] = 1;
        const after = aToB.slice(r.aEnd).find((j) => j >= 0) ?? activeB.length;
        found.push({ kind: 'moved', book: activeA.slice(r.aStart, r.aEnd), out: activeB.slice(at, at + len), other: activeB[after] ?? out.length });
        break;
      }
    }
    // printed twice: inserted words that, but for a word or two at either edge, are a passage of the book
    const bookKeys = keyString(book, activeA);
    for (const r of runs) {
      if (r.kind !== 'insert' || r.bEnd - r.bStart < PASSAGE) continue;
      let done = false;
      for (let trim = 0; trim <= 4 && !done; trim++) {
        for (let head = 0; head <= trim && !done; head++) {
          const from = r.bStart + head;
          const to = r.bEnd - (trim - head);
          if (to - from < PASSAGE) continue;
          if ([...takenB.subarray(r.bStart, r.bEnd)].some((x) => x)) continue;
          const needle = activeB.slice(from, to).map((j) => out[j].key).join(' ') + ' ';
          const at = findRun(bookKeys.key, bookKeys.offsets, needle);
          if (at < 0) continue;
          for (let j = r.bStart; j < r.bEnd; j++) takenB[j] = 1;
          const copy = aToB[at];
          found.push({ kind: 'duplicated', book: activeA.slice(at, at + (to - from)), out: activeB.slice(r.bStart, r.bEnd), other: copy >= 0 ? activeB[copy] : -1 });
          done = true;
        }
      }
    }
    if (found.length === 0) break;
    findings.push(...found);
    activeA = activeA.filter((_, i) => !takenA[i]);
    activeB = activeB.filter((_, j) => !takenB[j]);
  }

  const figures: ParityFigures = {
    words: book.length,
    outputWords: out.length,
    duplicated: 0,
    lost: 0,
    moved: 0,
    extra: 0,
    changed: 0,
    split: 0,
    duplicatedPassages: 0,
    lostPassages: 0,
    movedPassages: 0,
  };
  const diagnostics: Diagnostic[] = [];
  const counts = new Map<string, number>();
  const report = (severity: Severity, code: string, message: string, at?: BookWord) => {
    const n = (counts.get(code) ?? 0) + 1;
    counts.set(code, n);
    if (n > MAX_REPORTS) return;
    diagnostics.push({ severity, code, message, file: at?.file ?? file, line: at?.line });
  };
  const outWords = (idx: number[]) => idx.map((j) => out[j]);
  const span = (idx: number[]) => places(out, idx[0], idx[idx.length - 1] + 1);
  findings.sort((x, y) => x.out[0] - y.out[0]);
  for (const f of findings) {
    const words = outWords(f.out);
    if (f.kind === 'moved') {
      figures.moved += words.length;
      figures.movedPassages++;
      report(
        'error',
        'parity-moved',
        `${output} ${stream}: ${words.length} word(s) stand out of order at ${span(f.out)}: ${quote(words)} (the book has them ${out[f.other] ? `before "${out[f.other].raw}" at ${out[f.other].where}` : 'at the end'})`,
        book[f.book[0]],
      );
    } else {
      figures.duplicated += words.length;
      figures.duplicatedPassages++;
      const also = f.other >= 0 ? ` (also at ${places(out, f.other, f.other + f.book.length)})` : '';
      report('error', 'parity-duplicated', `${output} ${stream}: ${words.length} word(s) printed twice, at ${span(f.out)}${also}: ${quote(words)}`, book[f.book[0]]);
    }
  }

  // what is left: words lost, words not in the book, words read differently
  const A = (i: number) => book[activeA[i]];
  const B = (j: number) => out[activeB[j]];
  const at = (j: number) => (j < activeB.length ? B(j) : undefined);
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k];
    if (r.kind === 'equal') continue;
    const next = runs[k + 1];
    const del = r.kind === 'delete' ? r : next?.kind === 'delete' ? next : undefined;
    const ins = r.kind === 'insert' ? r : next?.kind === 'insert' ? next : undefined;
    if (del && ins) k++;
    const lost = del ? Array.from({ length: del.aEnd - del.aStart }, (_, i) => A(del.aStart + i)) : [];
    const got = ins ? Array.from({ length: ins.bEnd - ins.bStart }, (_, j) => B(ins.bStart + j)) : [];
    const where = ins ? places(out, activeB[ins.bStart], activeB[ins.bEnd - 1] + 1) : at(r.bStart)?.where ?? 'the end';
    if (lost.length > 0 && got.length > 0 && lost.length < PASSAGE && got.length < PASSAGE) {
      if (lost.map((w) => w.key).join('') === got.map((w) => w.key).join('')) {
        // the same letters, cut or joined differently ("COMR ADE" from letter-spaced capitals)
        figures.split += lost.length;
        report('warning', 'parity-split', `${output} ${stream}: ${quote(lost)} extracts as ${quote(got)} at ${where}`, lost[0]);
        continue;
      }
      figures.changed += lost.length;
      const ligature = got.length === lost.length && lost.every((w, i) => sameButLigature(w.key, got[i].key));
      report(
        ligature ? 'warning' : 'error',
        'parity-changed',
        `${output} ${stream}: ${quote(lost)} reads as ${quote(got)} at ${where}${ligature ? ' (a ligature extracts without one of its letters)' : ''}`,
        lost[0],
      );
      continue;
    }
    if (lost.length > 0) {
      figures.lost += lost.length;
      if (lost.length >= PASSAGE) figures.lostPassages++;
      const before = ins ? at(ins.bEnd) : at(del!.bStart);
      report('error', 'parity-lost', `${output} ${stream}: ${lost.length} word(s) of the book missing ${before ? `before "${before.raw}" at ${before.where}` : 'at the end'}: ${quote(lost)}`, lost[0]);
    }
    if (got.length > 0) {
      figures.extra += got.length;
      const near = del ? A(del.aStart) : A(Math.min(ins!.aStart, activeA.length - 1));
      report('error', 'parity-extra', `${output} ${stream}: ${got.length} word(s) not in the book, at ${where}: ${quote(got)}`, near);
    }
  }
  for (const [code, n] of counts) {
    if (n > MAX_REPORTS) diagnostics.push({ severity: 'error', code, message: `${output} ${stream}: ${n - MAX_REPORTS} more [${code}] not shown`, file });
  }
  return { diagnostics, figures };
}

export interface OutputParity {
  diagnostics: Diagnostic[];
  text: ParityFigures;
  notes: ParityFigures;
  /** headings of the book found as they should stand (on lines of their own in the PDF; in order in the EPUB) */
  headings: { found: number; total: number };
}

/** Each heading of the book, in order, on a line (or lines) of its own in the PDF's text. */
export function checkPdfHeadings(headings: BookText['headings'], body: PdfWord[], file: string): { diagnostics: Diagnostic[]; found: number } {
  const diagnostics: Diagnostic[] = [];
  const { key, offsets } = keyString(body, Array.from(body, (_, i) => i));
  let from = 0;
  let found = 0;
  for (const h of headings) {
    if (h.key === '') continue;
    const len = h.key.split(' ').length;
    let hit = -1;
    let partial = -1;
    for (let at = findRun(key, offsets, `${h.key} `, from); at >= 0; at = findRun(key, offsets, `${h.key} `, offsets[at] + 1)) {
      if (partial < 0) partial = at;
      const alone = (at === 0 || body[at - 1].line !== body[at].line) && (at + len >= body.length || body[at + len].line !== body[at + len - 1].line);
      if (alone) {
        hit = at;
        break;
      }
    }
    if (hit >= 0) {
      found++;
      from = offsets[hit + len - 1] + 1;
      continue;
    }
    diagnostics.push({
      severity: 'error',
      code: 'parity-heading',
      message:
        partial >= 0
          ? `PDF: heading "${h.text}" does not stand on a line of its own (PDF p. ${body[partial].page})`
          : `PDF: heading "${h.text}" is not in the PDF's text after the heading before it (${file})`,
      file: h.file,
      line: h.line,
    });
  }
  return { diagnostics, found };
}

/** The EPUB's headings, in order, are the book's. */
export function checkEpubHeadings(headings: BookText['headings'], epub: { key: string; text: string; doc: string }[], file: string): { diagnostics: Diagnostic[]; found: number } {
  const ids = new Map<string, number>();
  const id = (k: string) => {
    let v = ids.get(k);
    if (v === undefined) ids.set(k, (v = ids.size));
    return v;
  };
  const runs = alignWords(
    headings.map((h) => id(h.key)),
    epub.map((h) => id(h.key)),
  );
  const diagnostics: Diagnostic[] = [];
  let found = 0;
  for (const r of runs) {
    if (r.kind === 'equal') found += r.aEnd - r.aStart;
    if (r.kind === 'delete') for (let i = r.aStart; i < r.aEnd; i++) diagnostics.push({ severity: 'error', code: 'parity-heading', message: `EPUB: heading "${headings[i].text}" is not among the EPUB's headings in its place`, file: headings[i].file, line: headings[i].line });
    if (r.kind === 'insert') for (let j = r.bStart; j < r.bEnd; j++) diagnostics.push({ severity: 'error', code: 'parity-heading', message: `EPUB: heading "${epub[j].text}" in ${epub[j].doc} is not a heading of the book there`, file });
  }
  return { diagnostics, found };
}

/** The PDF against the book: body text and notes, each word for word, and the headings. */
export async function checkPdfParity(pdfPath: string, book: Book, where = `dist/${book.slug}.pdf`): Promise<OutputParity> {
  const pdf = pdfText(await readPdfLayout(pdfPath));
  const expected = bookText(book);
  const label = (w: PdfWord): OutputWord => ({ key: w.key, raw: w.raw, where: `PDF p. ${w.page}` });
  const text = compareWords(expected.body, pdf.body.map(label), 'text', 'PDF', where);
  const notes = compareWords(expected.notes, pdf.notes.map(label), 'notes', 'PDF', where);
  const headings = checkPdfHeadings(expected.headings, pdf.body, where);
  return {
    diagnostics: [...text.diagnostics, ...notes.diagnostics, ...headings.diagnostics],
    text: text.figures,
    notes: notes.figures,
    headings: { found: headings.found, total: expected.headings.length },
  };
}

/** The EPUB against the book: the body documents' text and notes, word for word, and the headings. */
export async function checkEpubParity(epubPath: string, book: Book, where = `dist/${book.slug}.epub`): Promise<OutputParity> {
  const epub = await readEpubText(epubPath);
  const expected = bookText(book);
  const label = (w: EpubWord): OutputWord => ({ key: w.key, raw: w.raw, where: `EPUB ${w.doc}` });
  const text = compareWords(expected.body, epub.body.map(label), 'text', 'EPUB', where);
  const notes = compareWords(expected.notes, epub.notes.map(label), 'notes', 'EPUB', where);
  const headings = checkEpubHeadings(expected.headings, epub.headings, where);
  return {
    diagnostics: [...text.diagnostics, ...notes.diagnostics, ...headings.diagnostics],
    text: text.figures,
    notes: notes.figures,
    headings: { found: headings.found, total: expected.headings.length },
  };
}
