/**
 * checkPdf(pdf, book): the built PDF read back through poppler (pdffonts, pdfinfo, pdftotext per page),
 * compared with the book it was made from. Stable codes:
 *   pdf-font-not-embedded    a font is not embedded
 *   pdf-metadata             title, author or language missing or wrong
 *   pdf-contents-missing     a contents entry is not in the printed contents
 *   pdf-contents-page        a contents entry's page number is not the page where its heading stands
 *   pdf-note-missing         a footnote's text is nowhere in the PDF
 *   pdf-note-page            a footnote's text is not on the page of its reference
 *   pdf-running-head-missing a body page (not a chapter opening) has no running head with a folio
 *   pdf-page-marker-visible  `{{page N}}` text shows in print
 *   pdf-unreadable           poppler could not read the file
 */
import type { Token } from 'markdown-it';
import { GalleyError, type Diagnostic } from '../diagnostics.js';
import type { Book, Chapter, TocEntry } from '../model/types.js';
import { plainText } from '../render/shared/markdown.js';
import { PRINT_TOC_DEPTH, shortenRunningHead } from '../render/print/to-print-view.js';
import { runProcess } from './run-process.js';

const TIMEOUT_MS = 120_000;

/**
 * Letters only, lower case, accents split off: what survives justification, hyphenation and soft hyphens.
 * The letters of the f-ligatures (f, i, l) are left out: Chromium's text layer sometimes maps a ligature
 * to "f" alone ("figleaf" reads back as "fgleaf"), and a line break can fall inside "ff".
 */
export function letters(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '')
    .replace(/[fil]/g, '');
}

/** The PDF's pages as text (`pdftotext -layout`, pages split at form feeds). */
export async function readPdfPages(pdfPath: string): Promise<string[]> {
  const r = await runProcess('pdftotext', ['-layout', '-enc', 'UTF-8', pdfPath, '-'], { timeoutMs: TIMEOUT_MS, tool: 'pdftotext' });
  if (r.code !== 0) throw new GalleyError('pdf-unreadable', `pdftotext could not read ${pdfPath}: ${r.stderr.trim()}`);
  const pages = r.stdout.split('\f');
  if (pages.length > 0 && pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

export async function readPdfFonts(pdfPath: string): Promise<PdfFont[]> {
  const r = await runProcess('pdffonts', [pdfPath], { timeoutMs: TIMEOUT_MS, tool: 'pdffonts' });
  if (r.code !== 0) throw new GalleyError('pdf-unreadable', `pdffonts could not read ${pdfPath}: ${r.stderr.trim()}`);
  const lines = r.stdout.split('\n');
  const rule = lines.findIndex((l) => /^-{5,}/.test(l));
  if (rule < 0) return [];
  // columns: name type encoding emb sub uni object ID (the type may hold spaces: "CID TrueType")
  return lines
    .slice(rule + 1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l);
      return m ? { name: m[1], type: m[2], embedded: m[4] === 'yes' } : { name: l.trim(), type: '?', embedded: false };
    });
}

export async function readPdfInfo(pdfPath: string): Promise<{ info: Record<string, string>; xmp: string }> {
  const r = await runProcess('pdfinfo', ['-meta', pdfPath], { timeoutMs: TIMEOUT_MS, tool: 'pdfinfo' });
  if (r.code !== 0) throw new GalleyError('pdf-unreadable', `pdfinfo could not read ${pdfPath}: ${r.stderr.trim()}`);
  const plain = await runProcess('pdfinfo', [pdfPath], { timeoutMs: TIMEOUT_MS, tool: 'pdfinfo' });
  const info: Record<string, string> = {};
  for (const line of plain.stdout.split('\n')) {
    const m = /^([A-Za-z ]+):\s*(.*)$/.exec(line);
    if (m) info[m[1].trim()] = m[2].trim();
  }
  return { info, xmp: r.stdout };
}

/** Each page's printed folio (arabic or roman), read from the running-head line or the foot line. */
export function readFolios(pages: string[]): (string | undefined)[] {
  return pages.map((page) => {
    const lines = page.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) return undefined;
    const head = lines[0].trim();
    const foot = lines[lines.length - 1].trim();
    const single = /^(\d+|[ivxlcdm]+)$/;
    // front matter: a roman folio at the foot (the contents' own lines end in numbers too)
    if (/^[ivxlcdm]+$/.test(foot)) return foot;
    const left = /^(\d+)\s{2,}\S/.exec(head);
    if (left) return left[1];
    const right = /\S\s{2,}(\d+)$/.exec(head);
    if (right) return right[1];
    if (single.test(foot)) return foot;
    return undefined;
  });
}

interface NoteFact {
  chapter: Chapter;
  number: number;
  /** as printed: the number, or book.yaml's mark */
  mark: string;
  label: string;
  /** letters of the start of the note's text */
  start: string;
  /** letters just before the (first) reference, in the same block */
  before: string;
  /** letters just after it */
  after: string;
  /** letters of the word the reference follows */
  lastWord: string;
}

/** Where each note is first referenced: the text around the reference, as letters. */
function collectNoteFacts(chapter: Chapter): NoteFact[] {
  const facts: NoteFact[] = [];
  const visit = (tokens: Token[]) => {
    for (const block of tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      const children = block.children;
      children.forEach((t, i) => {
        if (t.type !== 'footnote_ref' || ((t.meta as { subId?: number }).subId ?? 0) > 0) return;
        const n = (t.meta as { id: number }).id + 1;
        const note = chapter.notes.find((x) => x.number === n);
        if (!note) return;
        const textBefore = plainText(children.slice(0, i));
        const before = letters(textBefore);
        const lastWord = letters(textBefore.split(/\s+/).pop() ?? '');
        const after = letters(plainText(children.slice(i + 1)));
        const body = letters(note.tokens.filter((x) => x.type === 'inline').map((x) => plainText(x.children ?? [])).join(' '));
        facts.push({ chapter, number: n, mark: note.mark, label: note.label, start: body.slice(0, 40), before: before.slice(-24), after: after.slice(0, 24), lastWord });
      });
    }
  };
  visit(chapter.tokens);
  return facts;
}

/** The contents entries the print contents lists (to PRINT_TOC_DEPTH), in reading order. */
export function flattenToc(entries: TocEntry[], out: TocEntry[] = []): TocEntry[] {
  for (const e of entries) {
    if (e.level > PRINT_TOC_DEPTH) continue;
    out.push(e);
    flattenToc(e.children, out);
  }
  return out;
}

function fileOf(book: Book, chapter: Chapter): string {
  return `content/${book.slug}/${chapter.file}`;
}

export function checkFonts(fonts: PdfFont[], where: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (fonts.length === 0) out.push({ severity: 'error', code: 'pdf-font-not-embedded', message: 'The PDF uses no fonts at all (no text?)', file: where });
  for (const f of fonts.filter((x) => !x.embedded)) {
    out.push({ severity: 'error', code: 'pdf-font-not-embedded', message: `Font ${f.name} (${f.type}) is not embedded`, file: where });
  }
  return out;
}

export function checkMetadata(info: Record<string, string>, xmp: string, book: Book, where: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (info.Title !== book.meta.title) out.push({ severity: 'error', code: 'pdf-metadata', message: `PDF title is "${info.Title ?? ''}", expected "${book.meta.title}"`, file: where });
  if (!info.Author) out.push({ severity: 'error', code: 'pdf-metadata', message: 'PDF has no author', file: where });
  const lang = /<dc:language>\s*<rdf:Bag>\s*<rdf:li>([^<]*)<\/rdf:li>/.exec(xmp)?.[1];
  if (lang !== book.meta.language) out.push({ severity: 'error', code: 'pdf-metadata', message: `PDF language is "${lang ?? ''}", expected "${book.meta.language}"`, file: where });
  return out;
}

/** A heading stands on the page: whole consecutive lines read as its text (a long subheading takes four or more). */
export function hasHeading(page: string, heading: string): boolean {
  const want = letters(heading);
  const lines = page.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  for (let i = 0; i < lines.length; i++) {
    for (let j = i; j < lines.length; j++) {
      const got = letters(lines.slice(i, j + 1).join(' '));
      if (got === want) return true;
      if (!want.startsWith(got)) break;
    }
  }
  return false;
}

/** The contents: each entry's printed number must be the folio of the page where its heading stands. */
export function checkContents(pages: string[], folios: (string | undefined)[], book: Book, where: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const contentsStart = pages.findIndex((p) => /^\s*Contents\s*$/m.test(p));
  const entries = flattenToc(book.toc);
  if (entries.length === 0) return out;
  if (contentsStart < 0) {
    out.push({ severity: 'error', code: 'pdf-contents-missing', message: 'The PDF has no contents page', file: where });
    return out;
  }
  // the contents run until the first arabic folio
  let contentsEnd = contentsStart;
  while (contentsEnd + 1 < pages.length && /^[ivxlcdm]+$/.test(folios[contentsEnd + 1] ?? '')) contentsEnd++;
  const contents = pages
    .slice(contentsStart, contentsEnd + 1)
    .join('\n')
    .replace(/\u00ad/g, '');
  const pageOfFolio = new Map<string, number>();
  folios.forEach((f, i) => {
    if (f && /^\d+$/.test(f) && !pageOfFolio.has(f)) pageOfFolio.set(f, i);
  });
  // walk the contents in order: each entry's text, then the first number after it
  const flat = contents.replace(/\s+/g, ' ');
  let cursor = 0;
  for (const entry of entries) {
    const chapter = book.chapters[entry.chapter];
    // a title may break over lines, after a space or after a hyphen of its own ("Pre-" / "Condition")
    const words = entry.text.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/-/g, '-\\s*'));
    const pattern = new RegExp(`${words.join('\\s+')}\\s+(\\d+)(?:\\s|$)`, 'g');
    pattern.lastIndex = cursor;
    const m = pattern.exec(flat);
    if (!m) {
      out.push({ severity: 'error', code: 'pdf-contents-missing', message: `Contents entry "${entry.text}" not found in the printed contents`, file: fileOf(book, chapter) });
      continue;
    }
    cursor = m.index + m[0].length - 1;
    const folio = m[1];
    const page = pageOfFolio.get(folio);
    if (page === undefined || !hasHeading(pages[page], entry.text)) {
      const actual = pages.findIndex((p, i) => i > contentsEnd && hasHeading(p, entry.text));
      out.push({
        severity: 'error',
        code: 'pdf-contents-page',
        message: `Contents give page ${folio} for "${entry.text}", but it stands on page ${actual >= 0 ? (folios[actual] ?? `#${actual + 1}`) : '(not found)'}`,
        file: fileOf(book, chapter),
      });
    }
  }
  return out;
}

/** Every note's text on the page of its first reference. */
export function checkNotes(pages: string[], book: Book): Diagnostic[] {
  const out: Diagnostic[] = [];
  const pageLetters = pages.map(letters);
  // lines that open a note at the foot of a page: its number, then its text (with the lines after it)
  const noteStarts = pages.map((p) => {
    const lines = p.split('\n');
    return lines.flatMap((line, i) => {
      const m = /^\s{0,3}(\d+|[*†‡§¶‖#]+)\s+(\S.*)$/.exec(line);
      return m ? [{ mark: m[1], text: letters([m[2], ...lines.slice(i + 1, i + 4)].join(' ')) }] : [];
    });
  });
  // the page without its running head
  const bodyLetters = pages.map((p) => letters(p.replace(/^\s*\n*[^\n]*\n/, '')));
  let from = 0;
  const claimed = new Set<(typeof noteStarts)[number][number]>();
  for (const chapter of book.chapters) {
    for (const fact of collectNoteFacts(chapter)) {
      if (fact.start.length < 4) continue;
      // notes follow the reading order: search onwards from the previous note's page
      const want = fact.start.slice(0, 30);
      // a note start is one note's: two starred notes that both read "My italics" are two starts, not one twice
      const isHere = (i: number) => noteStarts[i].some((x) => !claimed.has(x) && x.mark === fact.mark && x.text.startsWith(want));
      let page = -1;
      for (let i = from; i < pages.length && page < 0; i++) if (isHere(i)) page = i;
      for (let i = 0; i < from && page < 0; i++) if (isHere(i)) page = i;
      if (page >= 0) claimed.add(noteStarts[page].find((x) => !claimed.has(x) && x.mark === fact.mark && x.text.startsWith(want))!);
      if (page < 0) {
        out.push({ severity: 'error', code: 'pdf-note-missing', message: `Footnote ${fact.mark} ([^${fact.label}]) is not in the PDF`, file: fileOf(book, chapter) });
        continue;
      }
      from = page;
      const text = pageLetters[page];
      const body = bodyLetters[page];
      const near = (ctx: string): boolean | undefined => {
        if (ctx.length < 8) return undefined;
        if (text.includes(ctx)) return true;
        // the words before the reference may start on the page before: then the rest of them opens this page
        for (let k = ctx.length - 1; k >= 3; k--) if (body.startsWith(ctx.slice(-k))) return true;
        return false;
      };
      const ok = near(fact.before) ?? near(fact.after) ?? true;
      if (!ok) {
        out.push({ severity: 'error', code: 'pdf-note-page', message: `Footnote ${fact.mark} ([^${fact.label}]) is not on the page of its reference (it is on page #${page + 1})`, file: fileOf(book, chapter) });
      }
    }
  }
  return out;
}

/** Body pages that are not chapter openings and not blank carry a running head with the folio. */
export function checkRunningHeads(pages: string[], folios: (string | undefined)[], book: Book, where: string): Diagnostic[] {
  const firstBody = folios.findIndex((f) => f === '1');
  if (firstBody < 0) return [{ severity: 'error', code: 'pdf-running-head-missing', message: 'No page carries the folio 1: body pages are not numbered', file: where }];
  const heads = [book.meta.title, ...book.chapters.map((c) => c.title)].map((t) => letters(shortenRunningHead(t).replace(/…$/, '')));
  const missing: number[] = [];
  for (let i = firstBody; i < pages.length; i++) {
    const lines = pages[i].split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue; // a blank page
    const head = lines[0];
    const opening = book.chapters.some((c) => letters(head).startsWith(letters(c.title).slice(0, 12)));
    if (opening && /^\s*\d+\s*$/.test(lines[lines.length - 1])) continue;
    const folio = /^\s*\d+\s{2,}\S|\S\s{2,}\d+\s*$/.test(head);
    const text = letters(head);
    if (!folio || !heads.some((h) => h.length > 0 && text.includes(h.slice(0, 16)))) missing.push(i + 1);
  }
  if (missing.length === 0) return [];
  return [
    {
      severity: 'error',
      code: 'pdf-running-head-missing',
      message: `${missing.length} body page(s) without a running head and folio (page #${missing.slice(0, 8).join(', #')}${missing.length > 8 ? '…' : ''})`,
      file: where,
    },
  ];
}

/**
 * Body pages that carry a running head and no text: a break gone wrong in the layout (a marker taken for a
 * named page once left 53 of them in Works, Vol. 6). Blank pages have no running head and are not counted.
 */
export function checkEmptyPages(pages: string[], folios: (string | undefined)[], where: string): Diagnostic[] {
  const firstBody = Math.max(0, folios.findIndex((f) => f === '1'));
  const empty: number[] = [];
  for (let i = firstBody; i < pages.length; i++) {
    if (pages[i].split('\n').filter((l) => l.trim() !== '').length === 1) empty.push(i + 1);
  }
  if (empty.length === 0) return [];
  return [
    {
      severity: 'error',
      code: 'pdf-page-empty',
      message: `${empty.length} body page(s) with a running head and no text (page #${empty.slice(0, 8).join(', #')}${empty.length > 8 ? '…' : ''})`,
      file: where,
    },
  ];
}

export async function checkPdf(pdfPath: string, book: Book): Promise<Diagnostic[]> {
  const where = `dist/${book.slug}.pdf`;
  const [pages, fonts, { info, xmp }] = await Promise.all([readPdfPages(pdfPath), readPdfFonts(pdfPath), readPdfInfo(pdfPath)]);
  const folios = readFolios(pages);
  const out: Diagnostic[] = [...checkFonts(fonts, where), ...checkMetadata(info, xmp, book, where)];
  out.push(...checkContents(pages, folios, book, where));
  out.push(...checkNotes(pages, book));
  out.push(...checkRunningHeads(pages, folios, book, where));
  out.push(...checkEmptyPages(pages, folios, where));
  const leaked = pages.map((p, i) => (/\{\{\s*page\b/.test(p) ? i + 1 : 0)).filter((i) => i > 0);
  if (leaked.length > 0) {
    out.push({ severity: 'error', code: 'pdf-page-marker-visible', message: `Page markers {{page N}} show in print on page #${leaked.join(', #')}`, file: where });
  }
  return out;
}
