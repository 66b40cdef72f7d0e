/**
 * The EPUB's words as a reading system has them: the package unzipped by `unzip` (an independent reader),
 * the spine followed, the documents of the body (`<body epub:type="bodymatter">`) read with their markup
 * stripped. The notes (`<aside epub:type="footnote">`, each opening with its number) are read apart from
 * the text; a note reference (`epub:type="noteref"`) is a call token, as in the PDF.
 */
import { GalleyError } from '../diagnostics.js';
import { callKey, splitWords, type Word } from './book-words.js';
import { runProcess } from './run-process.js';

const TIMEOUT_MS = 60_000;

export interface EpubWord extends Word {
  /** the document it stands in, e.g. `001-for-the-party.xhtml` */
  doc: string;
}

export interface EpubText {
  body: EpubWord[];
  notes: EpubWord[];
  headings: { key: string; text: string; doc: string }[];
  documents: string[];
}

async function unzip(epubPath: string, args: string[]): Promise<string> {
  const r = await runProcess('unzip', [...args], { timeoutMs: TIMEOUT_MS, tool: 'unzip' });
  if (r.code !== 0) throw new GalleyError('epub-unreadable', `unzip could not read ${epubPath}: ${r.stderr.trim()}`);
  return r.stdout;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad' };
function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

/** Elements whose edges separate words; inline ones (em, span, a…) do not. */
const BLOCK = /^(p|div|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|section|aside|nav|header|footer|br|hr|table|tr|td|th|figure|figcaption|pre)$/i;

/** XHTML → words: block edges are spaces, inline markup is nothing, note references are call tokens. */
export function xhtmlWords(xhtml: string, doc: string): EpubWord[] {
  const out: EpubWord[] = [];
  let pending = '';
  let calls: string[] = [];
  const flushText = () => {
    for (const w of splitWords(decode(pending))) out.push({ ...w, doc });
    pending = '';
  };
  const flushCalls = () => {
    if (calls.length > 0) out.push({ key: callKey(calls), raw: `[${calls.join(',')}]`, doc });
    calls = [];
  };
  const re = /<a\b[^>]*epub:type="noteref"[^>]*>([\s\S]*?)<\/a>|<(\/?)([A-Za-z][\w:-]*)[^>]*?>|([^<]+)/g;
  for (const m of xhtml.matchAll(re)) {
    if (m[1] !== undefined) {
      flushText();
      calls.push(decode(m[1].replace(/<[^>]*>/g, '')).trim());
    } else if (m[3] !== undefined) {
      if (BLOCK.test(m[3])) pending += ' ';
    } else if (m[4] !== undefined) {
      if (m[4].trim() !== '') flushCalls();
      pending += m[4];
    }
  }
  flushText();
  flushCalls();
  return out;
}

/** The end of the element that opens at `from` (same tag name, nesting counted). */
function elementEnd(xhtml: string, from: number, tag: string): number {
  const re = new RegExp(`<(/?)${tag}\\b[^>]*?(/?)>`, 'g');
  re.lastIndex = from;
  let depth = 0;
  for (let m = re.exec(xhtml); m; m = re.exec(xhtml)) {
    if (m[1]) depth--;
    else if (!m[2]) depth++;
    if (depth === 0) return m.index + m[0].length;
  }
  return xhtml.length;
}

/** One body document → its text words (notes cut out), its notes' words and its headings. */
export function readBodyDocument(xhtml: string, doc: string): { body: EpubWord[]; notes: EpubWord[]; headings: EpubText['headings'] } {
  const bodyAt = xhtml.search(/<body\b/);
  let text = bodyAt < 0 ? xhtml : xhtml.slice(bodyAt);
  const notes: EpubWord[] = [];
  // every note, in document order: its number (the label's first figure), then its text without the label
  for (let at = text.search(/<aside\b[^>]*epub:type="[^"]*footnote/); at >= 0; at = text.search(/<aside\b[^>]*epub:type="[^"]*footnote/)) {
    const end = elementEnd(text, at, 'aside');
    const aside = text.slice(at, end);
    const labelAt = aside.search(/<p\b[^>]*class="note-label"/);
    let inner = aside;
    if (labelAt >= 0) {
      const labelEnd = elementEnd(aside, labelAt, 'p');
      const number = /\d+/.exec(aside.slice(labelAt, labelEnd).replace(/<sup>[\s\S]*?<\/sup>|<[^>]*>/g, ' '))?.[0];
      if (number) notes.push({ key: number, raw: number, doc });
      inner = aside.slice(0, labelAt) + aside.slice(labelEnd);
    }
    notes.push(...xhtmlWords(inner, doc));
    text = text.slice(0, at) + text.slice(end);
  }
  const headings: EpubText['headings'] = [];
  for (const m of text.matchAll(/<h([1-6])\b([^>]*)>([\s\S]*?)<\/h\1>/g)) {
    // a subtitle set as a heading inside <hgroup> is the book's subtitle block, not one of its headings
    if (/\brole="doc-subtitle"/.test(m[2])) continue;
    const words = xhtmlWords(m[3], doc);
    headings.push({ key: words.map((w) => w.key).join(' '), text: words.map((w) => w.raw).join(' '), doc });
  }
  return { body: xhtmlWords(text, doc), notes, headings };
}

/** The EPUB's body documents in spine order, read. */
export async function readEpubText(epubPath: string): Promise<EpubText> {
  const container = await unzip(epubPath, ['-p', epubPath, 'META-INF/container.xml']);
  const opfPath = /full-path="([^"]+)"/.exec(container)?.[1];
  if (!opfPath) throw new GalleyError('epub-unreadable', `${epubPath}: META-INF/container.xml names no package document`);
  const opf = await unzip(epubPath, ['-p', epubPath, opfPath]);
  const base = opfPath.includes('/') ? opfPath.slice(0, opfPath.lastIndexOf('/') + 1) : '';
  const hrefs = new Map<string, string>();
  for (const m of opf.matchAll(/<item\b[^>]*>/g)) {
    const id = /\sid="([^"]+)"/.exec(m[0])?.[1];
    const href = /\shref="([^"]+)"/.exec(m[0])?.[1];
    if (id && href) hrefs.set(id, href);
  }
  const spine = [...opf.matchAll(/<itemref\b[^>]*idref="([^"]+)"/g)].map((m) => hrefs.get(m[1])).filter((h): h is string => h !== undefined);
  const text: EpubText = { body: [], notes: [], headings: [], documents: [] };
  for (const href of spine) {
    const xhtml = await unzip(epubPath, ['-p', epubPath, decodeURIComponent(base + href)]);
    if (!/<body\b[^>]*epub:type="[^"]*bodymatter/.test(xhtml)) continue;
    const doc = readBodyDocument(xhtml, href);
    text.body.push(...doc.body);
    text.notes.push(...doc.notes);
    text.headings.push(...doc.headings);
    text.documents.push(href);
  }
  return text;
}
