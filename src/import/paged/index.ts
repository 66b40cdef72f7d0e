/**
 * The paged pipeline: text extracted from a typeset book page by page (pdftotext in either mode, tesseract),
 * its pages ended by form feeds. Every decision is taken from the document's own evidence, page by page:
 *
 *   readPages          form feeds                          → pages of lines, each with its raw line number
 *   findFurniture      `12      THE AUTHOR`, `THE TITLE`, `3` → running heads and folios taken off (folio kept)
 *   findPageNotes      `water.2` … `2 The note.`            → the page's notes, calls linked; a note run over
 *                                                             onto the next page's foot joined back
 *   readTitlePage      the first page's top                 → title, author
 *   buildParagraphs    lines                                → paragraphs (blank lines, indentation, line lengths;
 *                                                             hyphens by the vocabulary and the word list)
 *   isHeading          short blocks                         → chapter headings, one file each
 */
import { slugify } from '../structure/build-structure.js';
import { normalizeHeadingCase } from '../structure/heading-case.js';
import { buildVocabulary } from '../repair/vocabulary.js';
import { collapseLine } from '../repair/collapse-letter-spacing.js';
import { endsSentence } from '../repair/join-paragraphs.js';
import { fileName, renderBookFiles, type BookFilePlan, type Piece, type PlacedNote } from '../profiles/assemble-book.js';
import type { BookYamlData, ImportContext, ImportedBook, ImportProfile } from '../types.js';
import { buildParagraphs, type FlowItem } from './build-paragraphs.js';
import { findFurniture, readFolioLine, splitHeadAndFolio } from './find-furniture.js';
import { findPageNotes, fullLength, surelyBodyLines, joinNoteText, markCall, type PageNote } from './find-page-notes.js';
import { isHeading, LABEL_ONLY, plainText, type HeadingEvidence } from './find-headings.js';
import { findEndnotes } from './find-endnotes.js';
import { readPages, type Page, type PageLine } from './read-pages.js';
import { markFits } from './calls.js';
import { readTitlePage } from './read-title-page.js';

export { countPageBreaks } from './read-pages.js';

export interface PagedOptions {
  profile: ImportProfile;
  language?: string;
  identifier?: string;
}

interface NoteRecord {
  label: string;
  lines: PageLine[];
  /** an endnote's text, already joined */
  text?: string;
  line?: number;
  page: number;
  linked: boolean;
}

/** raw: the text as read (form feeds in it); text: after the text rules (same lines). */
export function importPagedText(raw: string, text: string, ctx: ImportContext, options: PagedOptions): ImportedBook {
  const pages = readPages(raw, text);
  const furniture = findFurniture(pages, ctx);
  const stripped: Page[] = pages.map((p, i) => ({ ...p, lines: p.lines.filter((l) => !furniture[i]!.removed.includes(l)) }));
  const vocabulary = buildVocabulary(stripped.flatMap((p) => p.lines.map((l) => l.text)));
  // letter-spaced emphasis (`t h e y a r e`) made words of the text again, before notes and paragraphs are read
  for (const page of stripped) {
    page.lines = page.lines.map((l) => {
      if (!/(?:^|\s)\p{L} \p{L} \p{L}/u.test(l.text)) return l;
      const lead = /^ */.exec(l.text)![0];
      const { text, unknown } = collapseLine(l.text.slice(lead.length).replace(/ {2,}/g, ' '), vocabulary, { minRun: 4 });
      if (text === l.text.slice(lead.length).replace(/ {2,}/g, ' ')) return l;
      ctx.review({ rule: 'collapse-letter-spacing', kind: unknown > 0 ? 'doubt' : 'fixed', line: l.line, message: `letter-spaced "${l.text.trim().slice(0, 60)}" → "${text.slice(0, 60)}"${unknown ? ` (${unknown} letters not placed in a known word)` : ''}` });
      return { ...l, text: lead + text };
    });
  }

  // the notes, page by page: a first pass measures the notes' lines, the second finds their continuations
  // the body's measure from the lines that are not in a block of notes (width unchecked on this pass)
  const firstPass = stripped.map((p) => findPageNotes(p.lines, { open: false, bodyWidth: 0, noteWidth: 0, nextLabel: 1 }));
  const bodyWidth = fullLength(firstPass.flatMap((r) => surelyBodyLines(r.body)));
  const noteWidth = fullLength(firstPass.flatMap((r) => r.notes.flatMap((n) => n.lines.slice(1))));
  const notes: NoteRecord[] = [];
  const bodies: PageLine[][] = [];
  let open = false;
  stripped.forEach((page, p) => {
    const nextLabel = notes.length ? Number(notes[notes.length - 1]!.label) + 1 || 1 : 1;
    const nextFirst = stripped[p + 1]?.lines.find((l) => l.text.trim() !== '')?.text.trim() ?? '';
    const found = findPageNotes(page.lines, { open, bodyWidth, noteWidth, nextLabel, nextPageGoesOn: /^\p{Ll}/u.test(nextFirst) });
    if (found.continuation.length && notes.length) {
      const last = notes[notes.length - 1]!;
      last.lines.push(...found.continuation);
      ctx.review({ rule: 'page-notes', kind: 'fixed', line: found.continuation[0]!.line, message: `note ${last.label} goes on at the foot of the next page: joined` });
    } else if (open && notes.length) {
      const last = notes[notes.length - 1]!;
      ctx.review({ rule: 'page-notes', kind: 'doubt', line: last.lines[last.lines.length - 1]?.line, message: `note ${last.label} seems to go on overleaf, but no continuation was found at the next page's foot` });
    }
    bodies.push(linkPageCalls(found.body, found.notes, notes, p, ctx));
    const last = notes[notes.length - 1];
    open = found.notes.length > 0 ? !endsNote(found.notes[found.notes.length - 1]!) : found.continuation.length > 0 && last ? !endsSentence(last.lines[last.lines.length - 1]!.text.trim()) : false;
  });

  // the title page
  const firstContent = bodies.findIndex((b) => b.some((l) => l.text.trim() !== ''));
  const allHeads = furniture.flatMap((f) => f.heads);
  // the first page's lines that repeat as running heads are the title page's own (a head repeats the title)
  if (firstContent >= 0) {
    const restored = furniture[firstContent]!.removed.filter((l) => !readFolioLine(l.text) && !splitHeadAndFolio(l.text) && pages[firstContent]!.lines.indexOf(l) < 4);
    if (restored.length) bodies[firstContent] = [...restored, ...bodies[firstContent]!].sort((a, b) => a.line - b.line);
  }
  const titlePage = firstContent >= 0 ? readTitlePage(bodies[firstContent]!, bodyWidth, allHeads, vocabulary, ctx) : { used: [] as PageLine[], credits: [] };
  if (firstContent >= 0) bodies[firstContent] = bodies[firstContent]!.filter((l) => !titlePage.used.includes(l));

  // the flow of lines, page after page
  const flow: FlowItem[] = [];
  bodies.forEach((lines, p) => {
    flow.push({ kind: 'page', number: furniture[p]!.folio, page: p });
    for (const l of lines) flow.push(l.text.trim() === '' ? { kind: 'blank' } : { kind: 'text', text: l.text, line: l.line, indent: l.indent, page: p });
  });
  const footLines = notes.flatMap((n) => n.lines.map((l) => l.line));
  const ends = findEndnotes(buildParagraphs(flow, vocabulary, ctx), notes.length, ctx, footLines.length ? { lastFootNoteLine: Math.max(...footLines) } : {});
  const paragraphs = ends.paragraphs;
  for (const n of ends.notes) notes.push({ label: n.label, lines: [], text: n.text, line: n.line, page: -1, linked: n.linked });

  // headings and files
  const evidence: HeadingEvidence = {
    pageHeads: furniture.map((f) => f.heads),
    headedShare: furniture.filter((f) => f.heads.length > 0).length / Math.max(1, pages.length),
    full: bodyWidth,
  };
  const title = titlePage.title ?? fallbackTitle(allHeads, titlePage.author);
  const firstLine = firstContent >= 0 ? pages[firstContent]!.lines.find((l) => l.text.trim() !== '')?.line : undefined;
  if (!titlePage.title) ctx.review({ rule: 'title-page', kind: 'doubt', line: firstLine ?? 1, message: `no title page found: the title "${title}" is a guess` });
  const plans: BookFilePlan[] = [];
  let current: BookFilePlan | undefined;
  let pendingPage: string | undefined;
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    const next = paragraphs[i + 1];
    if (isHeading(p, next, evidence)) {
      let text = p.text;
      // a label (`Chapter IV`) and the title after it are one heading
      if (LABEL_ONLY.test(plainText(p.text)) && next && isHeading(next, paragraphs[i + 2], evidence) && !LABEL_ONLY.test(plainText(next.text))) {
        text = `${p.text.replace(/\.?\s*$/, '')}. ${next.text}`;
        i++;
      }
      // page marks stay out of the heading: the last one (the heading's own page) opens the file's text
      const pagesBefore = text.match(/\{\{page [^}]*\}\}/g) ?? [];
      const heading = normalizeHeadingCase(plainTextKeepingRefs(text));
      pendingPage = pagesBefore[pagesBefore.length - 1];
      current = { name: fileName(plans.length + 1, plainText(heading), slugify), pieces: [{ role: 'heading', level: 1, text: heading, line: p.line }] };
      plans.push(current);
      ctx.review({ rule: 'headings', kind: 'fixed', line: p.line, message: `heading "${plainText(heading)}"` });
      continue;
    }
    if (!current) {
      current = { name: fileName(1, title, slugify), pieces: [{ role: 'heading', level: 1, text: title, line: p.line }] };
      plans.push(current);
    }
    // of several page marks in a row (pages without text), the last one stands
    const own = collapsePageMarks(p.text);
    current.pieces.push({ role: 'paragraph', text: pendingPage && !/^\{\{page /.test(own) ? `${pendingPage} ${own}` : own, line: p.line });
    pendingPage = undefined;
  }
  if (plans.length === 0) plans.push({ name: fileName(1, title, slugify), pieces: [{ role: 'heading', level: 1, text: title, line: 1 }] });

  // notes: linked ones to the files, unlinked ones kept visible where they were printed
  const unique = new Set(notes.map((n) => n.label)).size === notes.length;
  const placed: PlacedNote[] = notes.map((n, id) => ({
    id,
    label: unique ? n.label : String(id + 1),
    text: n.text ?? joinNoteText(n.lines.map((l, k) => (k === 0 ? stripLabel(l.text, n.label) : l.text)), vocabulary),
    line: n.line ?? n.lines[0]?.line ?? 0,
    origin: n.text !== undefined ? 'endnotes' : 'page-bottom',
  }));
  for (const [id, n] of notes.entries()) {
    if (n.linked) continue;
    const piece: Piece = { role: 'paragraph', text: `[${n.label}] ${placed[id]!.text}`, line: placed[id]!.line };
    const plan = [...plans].reverse().find((pl) => pl.pieces.some((x) => x.line <= piece.line)) ?? plans[plans.length - 1]!;
    const at = plan.pieces.findIndex((x) => x.line > piece.line);
    plan.pieces.splice(at < 0 ? plan.pieces.length : at, 0, piece);
  }
  const files = renderBookFiles(plans, placed.filter((_, id) => notes[id]!.linked), ctx);

  const author = titlePage.author ?? 'Unknown';
  if (!titlePage.author) ctx.review({ rule: 'title-page', kind: 'doubt', line: firstLine ?? 1, message: 'no author found on the first page nor in the running heads: the author is "Unknown"' });
  const authors = author.split(/,\s+(?:and\s+)?|\s+(?:and|&)\s+/);
  const fileAs = (name: string) => {
    const parts = name.split(' ');
    return parts.length > 1 ? `${parts[parts.length - 1]}, ${parts.slice(0, -1).join(' ')}` : name;
  };
  const meta: BookYamlData = {
    ...(options.identifier ? { identifier: options.identifier } : {}),
    title,
    ...(titlePage.subtitle ? { subtitle: titlePage.subtitle } : {}),
    language: options.language ?? 'en',
    creators: [
      ...authors.map((name) => ({ name, 'file-as': fileAs(name), role: 'author' as const })),
      ...(titlePage.credits ?? []).map((c) => ({ name: c.name, 'file-as': fileAs(c.name), role: c.role })),
    ],
    description: `${title}, by ${author}${plans.length > 1 ? `, in ${plans.length} parts` : ''}.`,
    rights: 'This edition is in the public domain: the text and its notes may be copied, changed and published by anyone.',
    sources: [{ title: `${title} (text extracted from a typeset edition, ${pages.length} pages)` }],
  };
  return { profile: options.profile, meta, files, review: [] };
}

/** A heading's text without page marks (note marks kept). */
function plainTextKeepingRefs(text: string): string {
  return text.replace(/\{\{page [^}]*\}\}/g, '').replace(/\s+/g, ' ').trim();
}

/** `{{page ii}} {{page 1}} Text` → `{{page 1}} Text`. */
function collapsePageMarks(text: string): string {
  return text.replace(/(?:\{\{page [^}]*\}\}\s*){2,}/g, (run) => `${run.trim().split(/\s+(?=\{\{)/).pop()} `).replace(/\s+$/, '');
}

/** The label off a note's first line: `1 Text` → `Text`. */
function stripLabel(text: string, label?: string): string {
  const t = text.trim();
  // `272.78 modern…`: the label (27) glued to a number opening the note
  if (label && t.startsWith(label) && /^\d[.,]\d/.test(t.slice(label.length))) return t.slice(label.length);
  // `21] follow…`: the label glued to an I read as a stroke
  if (/^\d{1,3}[\]|]\s+\p{Ll}/u.test(t)) return t.replace(/^\d{1,3}[\]|]/u, 'I');
  return t.replace(/^(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|[!?”’"'*®°™])(?:[.)]\s*|\s+|(?=\S)|$)/u, '');
}

function endsNote(n: PageNote): boolean {
  const last = n.lines[n.lines.length - 1]?.text.trim() ?? '';
  return n.lines.length === 0 || /^\d{1,3}$/.test(last) ? false : endsSentence(last);
}

/** With no title page, the running head that is not the author's name. */
function fallbackTitle(heads: string[], author?: string): string {
  const counts = new Map<string, number>();
  for (const h of heads) if (!author || h.toLowerCase() !== author.toLowerCase()) counts.set(h, (counts.get(h) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return best ? normalizeHeadingCase(best) : 'Untitled';
}

/**
 * Records the page's notes and puts their marks in place of their calls: calls read right first, then a call OCR
 * misread, found between its neighbours. Returns the page's body lines with the marks.
 */
function linkPageCalls(body: PageLine[], pageNotes: PageNote[], notes: NoteRecord[], page: number, ctx: ImportContext): PageLine[] {
  const content = body.filter((l) => l.text.trim() !== '');
  const marks = new Map<PageLine, { index: number; length: number; id: number }[]>();
  const add = (at: number, c: { index: number; length: number }, id: number) => {
    const line = content[at]!;
    if (!marks.has(line)) marks.set(line, []);
    marks.get(line)!.push({ ...c, id });
  };
  pageNotes.forEach((n) => {
    const id = notes.length;
    if (n.relabelled === '') ctx.review({ rule: 'page-notes', kind: 'doubt', line: n.lines[0]?.line, message: `a note with no label read (OCR lost it) taken as ${n.label}: it starts a line after a note's last line, between the labels around it` });
    else if (n.relabelled !== undefined) ctx.review({ rule: 'page-notes', kind: 'doubt', line: n.lines[0]?.line, message: `note label read as "${n.relabelled}" taken as ${n.label} (the notes' sequence on the page says so)` });
    const linked = n.call !== undefined && content[n.call.at] !== undefined;
    if (linked) {
      add(n.call!.at, n.call!, id);
      if (n.call!.misread) {
        const l = content[n.call!.at]!;
        const read = l.text.slice(n.call!.index, n.call!.index + n.call!.length);
        const fits = markFits(read, n.label);
        ctx.review({ rule: 'page-notes', kind: fits ? 'fixed' : 'doubt', line: l.line, message: `"${read}" taken as the call of note ${n.label} (OCR misread it; ${fits ? 'its glyphs and its place in the notes\' sequence say so' : 'only its place between the calls around it says so'})` });
      }
    } else {
      const why = n.mayHoldLost ? 'its text may hold another note whose label OCR lost' : 'no call for it on its page (or more than one mark that could be it)';
      ctx.review({ rule: 'page-notes', kind: 'doubt', line: n.lines[0]?.line, message: `note ${n.label}: ${why}; kept unlinked where it was printed` });
    }
    notes.push({ label: n.label, lines: n.lines, page, linked });
  });
  return body.map((l) => {
    const ms = marks.get(l);
    if (!ms) return l;
    return ms.sort((a, b) => b.index - a.index).reduce((acc, m) => markCall(acc, m, m.id), l);
  });
}
