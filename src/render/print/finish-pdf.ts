/**
 * The book's printed units → the finished PDF, written here without parsing any unit again: each unit comes
 * prepared (prepare-unit.ts: ligatures repaired, fonts renamed, links and named destinations read, its
 * objects written out with the places of their references), so the join renumbers each unit's objects by
 * copying their bytes and adds what belongs to the whole book: the page tree in the book's order with its
 * blank pages, the named destinations every link goes to, document information (title, author, subject,
 * keywords, dates fixed to the revision), the language (/Lang and XMP dc:language), bookmarks from the book's
 * headings, and page labels (roman front matter, arabic body) so that a viewer's page box shows the printed
 * folios. The objects that are not streams go into object streams, deflated with Node's zlib, and a
 * cross-reference stream ends the file. The same units and layout give the same bytes.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFDocument, type PDFPage, PDFName, PDFNumber, PDFString, PDFHexString, PDFArray, PDFDict, PDFRef, PDFRawStream, type PDFObject } from 'pdf-lib';
import { ELSEWHERE_LINK } from './split-book-html.js';
import type { PreparedUnit } from './prepare-unit.js';

export interface OutlineHeading {
  id: string;
  text: string;
  level: number;
  /** 0-based page index */
  page: number;
  /** CSS px from the top of the page */
  top: number;
}

/** What the layout tells the PDF (measured inside the browser after Paged.js). */
export interface LaidOutBook {
  /** the printed folio of each page */
  folios: number[];
  /** true for front-matter pages (roman folios) */
  roman: boolean[];
  outline: OutlineHeading[];
  pageHeightPx: number;
  /**
   * The book's pages: page `page` of printed part `part`, or null for a blank page (so that a chapter opens
   * on a right-hand page). Without it, the parts follow one another.
   */
  order?: ({ part: number; page: number } | null)[];
}

export interface PdfMetadata {
  title: string;
  author: string;
  language: string;
  revision: string;
  subject?: string;
  keywords?: string[];
  creator?: string;
}

interface OutlineNode {
  heading: OutlineHeading;
  children: OutlineNode[];
  ref?: number;
}

function nestOutline(headings: OutlineHeading[]): OutlineNode[] {
  const root: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  for (const heading of headings) {
    const node: OutlineNode = { heading, children: [] };
    while (stack.length > 0 && stack[stack.length - 1].heading.level >= heading.level) stack.pop();
    (stack.length > 0 ? stack[stack.length - 1].children : root).push(node);
    stack.push(node);
  }
  return root;
}

function countNodes(nodes: OutlineNode[]): number {
  return nodes.reduce((n, x) => n + 1 + countNodes(x.children), 0);
}

/** Where a heading stands on its page, in PDF points from the foot: a little above its top. */
function headingY(height: number, heading: OutlineHeading, pageHeightPx: number): number {
  // CSS px → PDF points, measured from the top
  const scale = pageHeightPx > 0 ? height / pageHeightPx : 0.75;
  return Math.round(Math.min(height, Math.max(0, height - heading.top * scale + 6)));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** XMP with the Dublin Core title, creator and language: what archival tools and `pdfinfo -meta` read. */
function xmpText(meta: PdfMetadata, date: string): string {
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(meta.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>${escapeXml(meta.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>${escapeXml(meta.language)}</rdf:li></rdf:Bag></dc:language>
${meta.subject ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(meta.subject)}</rdf:li></rdf:Alt></dc:description>\n` : ''}<xmp:CreateDate>${date}</xmp:CreateDate>
<xmp:ModifyDate>${date}</xmp:ModifyDate>
${meta.creator ? `<xmp:CreatorTool>${escapeXml(meta.creator)}</xmp:CreatorTool>\n` : ''}${meta.keywords?.length ? `<pdf:Keywords>${escapeXml(meta.keywords.join(', '))}</pdf:Keywords>\n` : ''}</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/** A part's named destinations: name → the page (index in the part) and the rest of the array (/XYZ x y z). */
export function readDests(doc: PDFDocument): Map<string, { page: number; view: PDFObject[] }> {
  const out = new Map<string, { page: number; view: PDFObject[] }>();
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  const add = (name: string, value: PDFObject | undefined) => {
    let array = value instanceof PDFRef ? doc.context.lookup(value) : value;
    if (array instanceof PDFDict) array = array.lookup(PDFName.of('D'));
    if (!(array instanceof PDFArray) || array.size() === 0) return;
    const page = pageIndex.get(String(array.get(0)));
    if (page === undefined) return;
    out.set(name, { page, view: array.asArray().slice(1) });
  };
  const dests = doc.catalog.lookup(PDFName.of('Dests'));
  if (dests instanceof PDFDict) for (const [key, value] of dests.entries()) add(key.decodeText(), value);
  // the newer form: a name tree under /Names /Dests
  const walk = (node: PDFObject | undefined) => {
    const dict = node instanceof PDFRef ? doc.context.lookup(node) : node;
    if (!(dict instanceof PDFDict)) return;
    const names = dict.lookup(PDFName.of('Names'));
    if (names instanceof PDFArray) {
      for (let i = 0; i + 1 < names.size(); i += 2) {
        const key = names.lookup(i);
        if (key instanceof PDFString || key instanceof PDFHexString) add(key.decodeText(), names.get(i + 1));
      }
    }
    const kids = dict.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) walk(kids.get(i));
  };
  const tree = doc.catalog.lookup(PDFName.of('Names'));
  if (tree instanceof PDFDict) walk(tree.get(PDFName.of('Dests')));
  return out;
}

/** The link annotations of a page. */
export function linksOf(doc: PDFDocument, page: PDFPage): PDFDict[] {
  const annots = page.node.Annots();
  if (!annots) return [];
  return annots
    .asArray()
    .map((a) => (a instanceof PDFRef ? doc.context.lookup(a) : a))
    .filter((a): a is PDFDict => a instanceof PDFDict && a.lookup(PDFName.of('Subtype')) === PDFName.of('Link'));
}

/** The name a link goes to: /Dest /name or (string), or a link to another part (split-book-html.ts). */
export function linkTarget(link: PDFDict): string | undefined {
  const dest = link.lookup(PDFName.of('Dest'));
  if (dest instanceof PDFName) return dest.decodeText();
  if (dest instanceof PDFString || dest instanceof PDFHexString) return dest.decodeText();
  const action = link.lookup(PDFName.of('A'));
  if (action instanceof PDFDict && action.lookup(PDFName.of('S')) === PDFName.of('URI')) {
    const uri = action.lookup(PDFName.of('URI'));
    const text = uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : '';
    if (text.startsWith(ELSEWHERE_LINK)) return decodeURIComponent(text.slice(ELSEWHERE_LINK.length));
  }
  return undefined;
}

/**
 * A destination name a reader accepts: PDF names stop at 127 bytes (an implementation limit of the spec that
 * poppler warns about), so a longer id keeps its start and gets a hash of the whole, the same every build.
 */
export function pdfNameFor(id: string): string {
  if (Buffer.byteLength(id) <= 120) return id;
  return `${id.slice(0, 100)}-${createHash('sha256').update(id).digest('hex').slice(0, 12)}`;
}

/**
 * Each part embeds its own subsets of the same fonts under the same names (Chromium tags them AAAAAA+,
 * BAAAAA+…): one name for two different subsets. The tag becomes one made from the subset's own bytes,
 * so a name stands for one subset, and the same subset gets the same name in every build.
 */
export function renameFontSubsets(doc: PDFDocument): void {
  const fontFile = (descriptor: PDFDict | undefined): Uint8Array | undefined => {
    for (const key of ['FontFile2', 'FontFile3', 'FontFile']) {
      const stream = descriptor?.lookup(PDFName.of(key));
      if (stream instanceof PDFRawStream) return stream.contents;
    }
    return undefined;
  };
  const retag = (name: PDFName, bytes: Uint8Array) => {
    const m = /^[A-Z]{6}\+(.*)$/.exec(name.decodeText());
    if (!m) return name;
    const digest = createHash('sha256').update(bytes).digest();
    const tag = Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
    return PDFName.of(`${tag}+${m[1]}`);
  };
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.lookup(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const descendants = object.lookup(PDFName.of('DescendantFonts'));
    const descendant = descendants instanceof PDFArray ? descendants.lookup(0) : undefined;
    const cid = descendant instanceof PDFDict ? descendant : undefined;
    const descriptor = (cid ?? object).lookup(PDFName.of('FontDescriptor'));
    if (!(descriptor instanceof PDFDict)) continue;
    const bytes = fontFile(descriptor);
    if (!bytes) continue;
    for (const [dict, key] of [
      [object, 'BaseFont'],
      [cid, 'BaseFont'],
      [descriptor, 'FontName'],
    ] as const) {
      const name = dict?.lookup(PDFName.of(key));
      if (dict && name instanceof PDFName) dict.set(PDFName.of(key), retag(name, bytes));
    }
  }
}


/** The finished file: objects by number, the streams written as they come, the others into object streams. */
class PdfFileWriter {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  /** number → [type, field 2, field 3] of its cross-reference entry */
  private readonly entries = new Map<number, [number, number, number]>();
  private readonly packed: { number: number; bytes: Buffer }[] = [];

  constructor() {
    this.push(Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1'));
  }

  private push(bytes: Buffer): void {
    this.chunks.push(bytes);
    this.size += bytes.length;
  }

  /** A stream object (its dictionary and data, `… stream … endstream`), written now. */
  stream(number: number, body: Buffer | Buffer[]): void {
    this.entries.set(number, [1, this.size, 0]);
    this.push(Buffer.from(`${number} 0 obj\n`, 'latin1'));
    for (const b of Array.isArray(body) ? body : [body]) this.push(b);
    this.push(Buffer.from('\nendobj\n', 'latin1'));
  }

  /** Any other object: into an object stream. */
  object(number: number, body: Buffer | string): void {
    this.packed.push({ number, bytes: typeof body === 'string' ? Buffer.from(body, 'latin1') : body });
  }

  /** Object streams of up to 100 objects in the order given, then the cross-reference stream; the file. */
  finish(next: number, root: number, info: number): Buffer {
    const PER_STREAM = 100;
    for (let start = 0; start < this.packed.length; start += PER_STREAM) {
      const group = this.packed.slice(start, start + PER_STREAM);
      const number = next++;
      let offset = 0;
      const index: string[] = [];
      group.forEach((o, i) => {
        index.push(`${o.number} ${offset}`);
        offset += o.bytes.length + 1;
        this.entries.set(o.number, [2, number, i]);
      });
      const head = Buffer.from(`${index.join(' ')}\n`, 'latin1');
      const data = deflateSync(Buffer.concat([head, ...group.flatMap((o) => [o.bytes, NEWLINE])]));
      this.stream(number, [Buffer.from(`<</Type /ObjStm /N ${group.length} /First ${head.length} /Filter /FlateDecode /Length ${data.length}>>\nstream\n`, 'latin1'), data, ENDSTREAM]);
    }
    const xref = next++;
    this.entries.set(xref, [1, this.size, 0]);
    const table = Buffer.alloc(next * 7);
    table.writeUInt8(0, 0);
    table.writeUInt32BE(0, 1);
    table.writeUInt16BE(0xffff, 5);
    for (let n = 1; n < next; n++) {
      const [type, a, b] = this.entries.get(n) ?? [0, 0, 0];
      table.writeUInt8(type, n * 7);
      table.writeUInt32BE(a, n * 7 + 1);
      table.writeUInt16BE(b, n * 7 + 5);
    }
    const data = deflateSync(table);
    const at = this.size;
    this.push(Buffer.from(`${xref} 0 obj\n<</Type /XRef /Size ${next} /W [1 4 2] /Root ${root} 0 R /Info ${info} 0 R /Filter /FlateDecode /Length ${data.length}>>\nstream\n`, 'latin1'));
    this.push(data);
    this.push(Buffer.from(`\nendstream\nendobj\nstartxref\n${at}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(this.chunks, this.size);
  }
}
const NEWLINE = Buffer.from('\n', 'latin1');
const ENDSTREAM = Buffer.from('\nendstream', 'latin1');

/** A unit's object with its references renumbered: local k → base + k, 0 → the book's page tree. */
function relocate(unit: PreparedUnit, index: number, base: number, tree: number): Buffer {
  const obj = unit.objects[index];
  const src = unit.bytes.subarray(obj.at, obj.at + obj.length);
  if (obj.refs.length === 0) return src;
  const pieces: Buffer[] = [];
  let pos = 0;
  for (let i = 0; i < obj.refs.length; i += 2) {
    const at = obj.refs[i];
    const local = obj.refs[i + 1];
    pieces.push(src.subarray(pos, at), Buffer.from(`${local === 0 ? tree : base + local} 0 R`, 'latin1'));
    pos = at + `${local} 0 R`.length;
  }
  pieces.push(src.subarray(pos));
  return Buffer.concat(pieces);
}

/** Text as a PDF text string (UTF-16BE, hex), as pdf-lib writes the document information. */
const textString = (text: string) => PDFHexString.fromText(text).toString();
/** A PDF date of a day at midnight UTC, as pdf-lib writes it. */
const pdfDate = (revision: string) => `(D:${revision.replace(/-/g, '')}000000Z)`;
const nameOf = (name: string) => PDFName.of(name).toString();

export function finishPdf(units: PreparedUnit[], layout: LaidOutBook, meta: PdfMetadata): Uint8Array {
  const CATALOG = 1;
  const TREE = 2;
  const INFO = 3;
  let next = 4;
  const bases = units.map((unit) => {
    const base = next - 1;
    next += unit.objects.length;
    return base;
  });
  const slots = layout.order ?? units.flatMap((unit, part) => unit.pages.map((_, page) => ({ part, page: unit.from + page })));
  const first = units[0]?.pages[0];
  if (!first) throw new Error('the first unit has no page');
  /** each page of the book: its object number and height */
  const pages = slots.map((slot) => {
    if (!slot) return { number: next++, height: first.height, blank: true };
    const unit = units[slot.part];
    const page = unit?.pages[slot.page - unit.from];
    if (!page) throw new Error(`page ${slot.page + 1} of part ${slot.part + 1} was not printed`);
    return { number: bases[slot.part] + page.obj, height: page.height, blank: false };
  });
  const out = new PdfFileWriter();
  units.forEach((unit, part) => {
    unit.objects.forEach((obj, i) => {
      const body = relocate(unit, i, bases[part], TREE);
      if (obj.stream) out.stream(bases[part] + i + 1, body);
      else out.object(bases[part] + i + 1, body);
    });
  });
  for (const page of pages) if (page.blank) out.object(page.number, `<</Type /Page /Parent ${TREE} 0 R /MediaBox ${first.box} /Resources <<>>>>`);
  out.object(TREE, `<</Type /Pages /Kids [${pages.map((p) => `${p.number} 0 R`).join(' ')}] /Count ${pages.length}>>`);

  // every name, where it stands in the book (the first unit that holds it wins); a heading that nothing in its
  // own unit links to has no name there: its place is known from the layout
  const pageOf = new Map<string, number>();
  slots.forEach((slot, i) => slot && pageOf.set(`${slot.part}:${slot.page}`, i));
  const where = new Map<string, string>();
  units.forEach((unit, part) => {
    for (const [name, page, view] of unit.dests) {
      const at = pageOf.get(`${part}:${unit.from + page}`);
      if (at !== undefined && !where.has(name)) where.set(name, `[${pages[at].number} 0 R ${view}]`);
    }
  });
  for (const h of layout.outline) {
    const page = pages[h.page];
    if (!h.id || where.has(h.id) || !page) continue;
    where.set(h.id, `[${page.number} 0 R /XYZ null ${headingY(page.height, h, layout.pageHeightPx)} null]`);
  }
  const linked = new Set(units.flatMap((u) => u.linked));
  const names = [...linked].filter((n) => where.has(n)).sort();
  const DESTS = next++;
  out.object(DESTS, `<<${names.map((n) => `${nameOf(pdfNameFor(n))} ${where.get(n)}`).join(' ')}>>`);

  const catalog = [`/Type /Catalog /Pages ${TREE} 0 R /ViewerPreferences <</DisplayDocTitle true>> /Dests ${DESTS} 0 R`];
  // bookmarks: the works (level 1) show their parts, closed below
  const tree = nestOutline(layout.outline.filter((h) => h.page >= 0));
  if (tree.length > 0) {
    const OUTLINES = next++;
    const assign = (nodes: OutlineNode[]) => nodes.forEach((n) => ((n.ref = next++), assign(n.children)));
    assign(tree);
    const write = (nodes: OutlineNode[], parent: number) => {
      nodes.forEach((node, i) => {
        const page = pages[Math.min(node.heading.page, pages.length - 1)];
        const y = headingY(page.height, node.heading, layout.pageHeightPx);
        let dict = `/Title ${textString(node.heading.text)} /Parent ${parent} 0 R /Dest [${page.number} 0 R /XYZ null ${y} null]`;
        if (i > 0) dict += ` /Prev ${nodes[i - 1].ref} 0 R`;
        if (i < nodes.length - 1) dict += ` /Next ${nodes[i + 1].ref} 0 R`;
        if (node.children.length > 0) dict += ` /First ${node.children[0].ref} 0 R /Last ${node.children[node.children.length - 1].ref} 0 R /Count ${countNodes(node.children)}`;
        out.object(node.ref as number, `<<${dict}>>`);
        write(node.children, node.ref as number);
      });
    };
    write(tree, OUTLINES);
    out.object(OUTLINES, `<</Type /Outlines /First ${tree[0].ref} 0 R /Last ${tree[tree.length - 1].ref} 0 R /Count ${countNodes(tree)}>>`);
    catalog.push(`/Outlines ${OUTLINES} 0 R /PageMode /UseOutlines`);
  }
  // page labels: i, ii, iii… for the front matter, then 1, 2, 3… from the first chapter
  if (layout.folios.length === pages.length) {
    const nums: string[] = [];
    layout.folios.forEach((folio, i) => {
      const style = layout.roman[i] ? 'r' : 'D';
      if (!(i > 0 && layout.folios[i - 1] + 1 === folio && layout.roman[i - 1] === layout.roman[i])) nums.push(`${i} <</S /${style} /St ${Math.max(1, folio)}>>`);
    });
    if (nums.length > 0) catalog.push(`/PageLabels <</Nums [${nums.join(' ')}]>>`);
  }
  const METADATA = next++;
  const xmp = Buffer.from(xmpText(meta, `${meta.revision}T00:00:00Z`), 'utf8');
  out.stream(METADATA, [Buffer.from(`<</Type /Metadata /Subtype /XML /Length ${xmp.length}>>\nstream\n`, 'latin1'), xmp, ENDSTREAM]);
  catalog.push(`/Lang ${PDFString.of(meta.language).toString()} /Metadata ${METADATA} 0 R`);
  out.object(CATALOG, `<<${catalog.join(' ')}>>`);

  const date = pdfDate(meta.revision);
  const info = [`/Title ${textString(meta.title)}`, `/Author ${textString(meta.author)}`];
  if (meta.subject) info.push(`/Subject ${textString(meta.subject)}`);
  if (meta.keywords?.length) info.push(`/Keywords ${textString(meta.keywords.join(' '))}`);
  info.push(`/Creator ${textString(meta.creator ?? 'galley')}`, `/Producer ${textString('galley (Paged.js, Chromium, pdf-lib)')}`, `/CreationDate ${date} /ModDate ${date}`);
  out.object(INFO, `<<${info.join(' ')}>>`);
  return out.finish(next, CATALOG, INFO);
}
