/**
 * checkPdfLinks(pdf, book): the links and font names of the finished PDF, read as a viewer reads them.
 * The annotations and the name table are read with pdf-lib's parser (not galley's writer); where each
 * contents link lands is read with poppler (`pdftohtml -xml` resolves internal links to page numbers), and
 * the heading must stand on that page (`pdftotext`). Stable codes:
 *   pdf-link-dead           a link whose destination does not resolve (a name no table holds, a missing page)
 *   pdf-contents-link       a contents entry that is not a live link to the page of its heading
 *   pdf-font-subset-clash   one font name for two different embedded subsets (parts joined without renaming)
 *   pdf-note-link           a note whose call is not a live link to the note on the call's page, or whose number
 *                           does not link back to its call
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { GalleyError, type Diagnostic } from '../diagnostics.js';
import type { Book } from '../model/types.js';
import { printNoteId, printNoteRefId } from '../render/print/render-chapter-html.js';
import { flattenToc, letters, readPdfPages } from './pdf.js';
import { runProcess } from './run-process.js';

export interface PdfLinkFigures {
  links: number;
  dead: number;
  /** contents entries whose link goes to the page of the heading, of all entries */
  contentsLive: number;
  contentsTotal: number;
  /** font names that stand for more than one subset */
  fontClashes: number;
  /** notes whose call links to them on the call's page and whose number links back, of all notes */
  notesLinked: number;
  notesTotal: number;
}

/**
 * The notes whose (first) call is a live link to the note on the page of the call, and whose number is a live
 * link back to that page; the others by chapter file and number.
 */
export function checkNoteLinks(links: PdfLink[], book: Pick<Book, 'chapters'>): { linked: number; total: number; unlinked: { file: string; number: number }[] } {
  const byName = new Map<string, PdfLink[]>();
  for (const l of links) if (l.name !== undefined) byName.set(l.name, [...(byName.get(l.name) ?? []), l]);
  let linked = 0;
  let total = 0;
  const unlinked: { file: string; number: number }[] = [];
  for (const chapter of book.chapters) {
    for (const note of chapter.notes) {
      total++;
      const calls = (byName.get(printNoteId(chapter, note.number)) ?? []).filter((l) => l.live && l.target === l.page);
      const backs = (byName.get(printNoteRefId(chapter, note.number)) ?? []).filter((l) => l.live && calls.some((c) => c.page === l.target));
      if (calls.length > 0 && backs.length > 0) linked++;
      else unlinked.push({ file: chapter.file, number: note.number });
    }
  }
  return { linked, total, unlinked };
}

function text(o: PDFObject | undefined): string | undefined {
  if (o instanceof PDFName) return o.decodeText();
  if (o instanceof PDFString || o instanceof PDFHexString) return o.decodeText();
  return undefined;
}

/** Every named destination of the document: the old /Dests table and the /Names /Dests tree. */
function destinationNames(doc: PDFDocument): Map<string, number> {
  const names = new Map<string, number>();
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const add = (name: string, value: PDFObject | undefined) => {
    let d = value instanceof PDFRef ? doc.context.lookup(value) : value;
    if (d instanceof PDFDict) d = d.lookup(PDFName.of('D'));
    const page = d instanceof PDFArray && d.size() > 0 ? pageIndex.get(String(d.get(0))) : undefined;
    if (page !== undefined) names.set(name, page);
  };
  const dests = doc.catalog.lookup(PDFName.of('Dests'));
  if (dests instanceof PDFDict) for (const [k, v] of dests.entries()) add(k.decodeText(), v);
  const walk = (node: PDFObject | undefined) => {
    const dict = node instanceof PDFRef ? doc.context.lookup(node) : node;
    if (!(dict instanceof PDFDict)) return;
    const list = dict.lookup(PDFName.of('Names'));
    if (list instanceof PDFArray) for (let i = 0; i + 1 < list.size(); i += 2) add(text(list.lookup(i)) ?? '', list.get(i + 1));
    const kids = dict.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) walk(kids.get(i));
  };
  const tree = doc.catalog.lookup(PDFName.of('Names'));
  if (tree instanceof PDFDict) walk(tree.get(PDFName.of('Dests')));
  return names;
}

export interface PdfLink {
  /** 1-based page of the link */
  page: number;
  /** the name it goes to, if by name */
  name?: string;
  /** 1-based page it goes to, when it resolves */
  target?: number;
  live: boolean;
  uri?: string;
}

export function readPdfLinks(doc: PDFDocument): PdfLink[] {
  const names = destinationNames(doc);
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const resolves = (dest: PDFObject | undefined): { name?: string; target?: number; live: boolean } => {
    const name = text(dest);
    if (name !== undefined) return { name, target: names.get(name), live: names.has(name) };
    const array = dest instanceof PDFRef ? doc.context.lookup(dest) : dest;
    const target = array instanceof PDFArray && array.size() > 0 ? pageIndex.get(String(array.get(0))) : undefined;
    return { target, live: target !== undefined };
  };
  const links: PdfLink[] = [];
  doc.getPages().forEach((page, i) => {
    for (const ref of page.node.Annots()?.asArray() ?? []) {
      const annot = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
      if (!(annot instanceof PDFDict) || annot.lookup(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
      const action = annot.lookup(PDFName.of('A'));
      if (annot.has(PDFName.of('Dest'))) links.push({ page: i + 1, ...resolves(annot.lookup(PDFName.of('Dest'))) });
      else if (action instanceof PDFDict && action.lookup(PDFName.of('S')) === PDFName.of('GoTo')) links.push({ page: i + 1, ...resolves(action.lookup(PDFName.of('D'))) });
      else if (action instanceof PDFDict && action.lookup(PDFName.of('S')) === PDFName.of('URI')) {
        const uri = text(action.lookup(PDFName.of('URI'))) ?? '';
        // an address of the reserved .invalid domain is a link that was never made into a destination
        links.push({ page: i + 1, uri, live: !/^https?:\/\/[^/]*\.invalid(\/|$)/.test(uri) });
      } else links.push({ page: i + 1, live: false });
    }
  });
  return links;
}

/** Font names standing for more than one embedded font program. */
export function fontSubsetClashes(doc: PDFDocument): { name: string; subsets: number }[] {
  const programs = new Map<string, Set<string>>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.lookup(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const name = text(object.lookup(PDFName.of('FontName')));
    const file = ['FontFile2', 'FontFile3', 'FontFile'].map((k) => object.lookup(PDFName.of(k))).find((s) => s instanceof PDFRawStream) as PDFRawStream | undefined;
    if (!name || !file) continue;
    const set = programs.get(name) ?? new Set<string>();
    set.add(createHash('sha256').update(file.contents).digest('hex'));
    programs.set(name, set);
  }
  return [...programs].filter(([, s]) => s.size > 1).map(([name, s]) => ({ name, subsets: s.size }));
}

/** Internal links as poppler resolves them: the page each link on a page goes to. */
async function popplerLinks(pdfPath: string): Promise<Map<number, number[]>> {
  const r = await runProcess('pdftohtml', ['-xml', '-i', '-q', '-stdout', pdfPath], { timeoutMs: 180_000, tool: 'pdftohtml' });
  if (r.code !== 0) throw new GalleyError('pdf-unreadable', `pdftohtml could not read ${pdfPath}: ${r.stderr.trim()}`);
  const out = new Map<number, number[]>();
  for (const page of r.stdout.split(/<page number="/).slice(1)) {
    const n = Number(/^(\d+)/.exec(page)?.[1]);
    const targets = [...page.matchAll(/<a href="[^"#]*#(\d+)"/g)].map((m) => Number(m[1]));
    if (targets.length) out.set(n, targets);
  }
  return out;
}

export async function checkPdfLinks(pdfPath: string, book: Book, where = `dist/${book.slug}.pdf`): Promise<{ diagnostics: Diagnostic[]; figures: PdfLinkFigures }> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(readFileSync(pdfPath), { updateMetadata: false });
  } catch (error) {
    throw new GalleyError('pdf-unreadable', `${pdfPath} is not a PDF pdf-lib can read: ${(error as Error).message}`, { cause: error });
  }
  const diagnostics: Diagnostic[] = [];
  const links = readPdfLinks(doc);
  const dead = links.filter((l) => !l.live);
  for (const l of dead.slice(0, 20)) {
    diagnostics.push({ severity: 'error', code: 'pdf-link-dead', message: `A link on PDF p. ${l.page} goes nowhere (${l.name ? `no destination "${l.name}"` : l.uri ? `address ${l.uri}` : 'no destination'})`, file: where });
  }
  if (dead.length > 20) diagnostics.push({ severity: 'error', code: 'pdf-link-dead', message: `${dead.length - 20} more dead link(s)`, file: where });
  const clashes = fontSubsetClashes(doc);
  for (const c of clashes) diagnostics.push({ severity: 'error', code: 'pdf-font-subset-clash', message: `Font name ${c.name} stands for ${c.subsets} different embedded subsets`, file: where });

  // contents: each entry a live link (from a page before the body) to its heading's name, landing on a page
  // where pdftotext reads the heading; poppler must resolve as many links to pages as there are
  const entries = flattenToc(book.toc);
  const [pages, resolved] = await Promise.all([readPdfPages(pdfPath), popplerLinks(pdfPath)]);
  const pageLetters = pages.map(letters);
  let live = 0;
  for (const entry of entries) {
    const want = letters(entry.text);
    const chapterId = `chapter-${book.chapters[entry.chapter].slug}`;
    // an id longer than a PDF name allows keeps its first 100 characters there (finish-pdf.ts)
    const named = (name = '') => [entry.id, chapterId].some((id) => name === id || (id.length > 100 && name.startsWith(id.slice(0, 100))));
    const link = links.find((l) => l.live && named(l.name) && l.target !== undefined && l.page < l.target && (pageLetters[l.target - 1] ?? '').includes(want));
    if (link && (resolved.get(link.page) ?? []).includes(link.target!)) live++;
    else diagnostics.push({ severity: 'error', code: 'pdf-contents-link', message: `Contents entry "${entry.text}" is not a live link to the page of its heading`, file: `content/${book.slug}/${book.chapters[entry.chapter].file}` });
  }
  const notes = checkNoteLinks(links, book);
  for (const n of notes.unlinked.slice(0, 20)) {
    diagnostics.push({ severity: 'error', code: 'pdf-note-link', message: `Note ${n.number}: its call is not a live link to the note on the call's page, or the note does not link back`, file: `content/${book.slug}/${n.file}` });
  }
  if (notes.unlinked.length > 20) diagnostics.push({ severity: 'error', code: 'pdf-note-link', message: `${notes.unlinked.length - 20} more note(s) without working links`, file: where });
  return { diagnostics, figures: { links: links.length, dead: dead.length, contentsLive: live, contentsTotal: entries.length, fontClashes: clashes.length, notesLinked: notes.linked, notesTotal: notes.total } };
}
