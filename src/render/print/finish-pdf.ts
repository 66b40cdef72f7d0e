/**
 * The printed PDF → the finished PDF, in one load and one save through pdf-lib: document information
 * (title, author, subject, keywords, dates fixed to the revision), the language (/Lang and XMP
 * dc:language), bookmarks from the book's headings, and page labels (roman front matter, arabic body)
 * so that a viewer's page box shows the printed folios. Ligatures whose text lost letters get them back
 * in each unit as it is printed (repairUnitPdf, before the unit is cached), not here over the whole book.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, type PDFPage, PDFName, PDFNumber, PDFString, PDFHexString, PDFArray, PDFDict, PDFNull, PDFRef, PDFRawStream, type PDFObject } from 'pdf-lib';
import { ELSEWHERE_LINK } from './split-book-html.js';
import { repairLigatureText } from './ligature-text.js';

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
  ref?: PDFRef;
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
function headingY(page: PDFPage, heading: OutlineHeading, pageHeightPx: number): number {
  const { height } = page.getSize();
  // CSS px → PDF points, measured from the top
  const scale = pageHeightPx > 0 ? height / pageHeightPx : 0.75;
  return Math.round(Math.min(height, Math.max(0, height - heading.top * scale + 6)));
}

function writeOutline(doc: PDFDocument, headings: OutlineHeading[], pageHeightPx: number): void {
  const tree = nestOutline(headings.filter((h) => h.page >= 0));
  if (tree.length === 0) return;
  const context = doc.context;
  const pages = doc.getPages();
  const outlinesRef = context.nextRef();
  const assignRefs = (nodes: OutlineNode[]) => nodes.forEach((n) => ((n.ref = context.nextRef()), assignRefs(n.children)));
  assignRefs(tree);
  const build = (nodes: OutlineNode[], parent: PDFRef) => {
    nodes.forEach((node, i) => {
      const page = pages[Math.min(node.heading.page, pages.length - 1)];
      const y = headingY(page, node.heading, pageHeightPx);
      const dict = new Map<PDFName, unknown>([
        [PDFName.of('Title'), PDFHexString.fromText(node.heading.text)],
        [PDFName.of('Parent'), parent],
        [PDFName.of('Dest'), context.obj([page.ref, PDFName.of('XYZ'), PDFNull, PDFNumber.of(y), PDFNull])],
      ]);
      if (i > 0) dict.set(PDFName.of('Prev'), nodes[i - 1].ref);
      if (i < nodes.length - 1) dict.set(PDFName.of('Next'), nodes[i + 1].ref);
      if (node.children.length > 0) {
        dict.set(PDFName.of('First'), node.children[0].ref);
        dict.set(PDFName.of('Last'), node.children[node.children.length - 1].ref);
        // negative: closed below the top level; the works (level 1) show their parts
        dict.set(PDFName.of('Count'), PDFNumber.of(countNodes(node.children)));
      }
      context.assign(node.ref as PDFRef, PDFDict.fromMapWithContext(dict as Map<PDFName, never>, context));
      build(node.children, node.ref as PDFRef);
    });
  };
  build(tree, outlinesRef);
  context.assign(
    outlinesRef,
    context.obj({ Type: 'Outlines', First: tree[0].ref as PDFRef, Last: tree[tree.length - 1].ref as PDFRef, Count: countNodes(tree) }),
  );
  doc.catalog.set(PDFName.of('Outlines'), outlinesRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** /PageLabels: i, ii, iii… for the front matter, then 1, 2, 3… from the first chapter. */
function writePageLabels(doc: PDFDocument, layout: LaidOutBook): void {
  const nums: unknown[] = [];
  let previous: string | undefined;
  layout.folios.forEach((folio, i) => {
    const style = layout.roman[i] ? 'r' : 'D';
    const key = `${style}`;
    const expected = i > 0 && layout.folios[i - 1] + 1 === folio && previous === key;
    if (!expected) {
      nums.push(PDFNumber.of(i), doc.context.obj({ S: PDFName.of(style), St: Math.max(1, folio) }));
    }
    previous = key;
  });
  if (nums.length > 0) doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: doc.context.obj(nums as never[]) as PDFArray }));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** XMP with the Dublin Core title, creator and language: what archival tools and `pdfinfo -meta` read. */
function writeXmp(doc: PDFDocument, meta: PdfMetadata, date: string): void {
  const xmp = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
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
  const stream = doc.context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}

/** A part's named destinations: name → the page (index in the part) and the rest of the array (/XYZ x y z). */
function readDests(doc: PDFDocument): Map<string, { page: number; view: PDFObject[] }> {
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
function linksOf(doc: PDFDocument, page: PDFPage): PDFDict[] {
  const annots = page.node.Annots();
  if (!annots) return [];
  return annots
    .asArray()
    .map((a) => (a instanceof PDFRef ? doc.context.lookup(a) : a))
    .filter((a): a is PDFDict => a instanceof PDFDict && a.lookup(PDFName.of('Subtype')) === PDFName.of('Link'));
}

/** The name a link goes to: /Dest /name or (string), or a link to another part (split-book-html.ts). */
function linkTarget(link: PDFDict): string | undefined {
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
function pdfNameFor(id: string): string {
  if (Buffer.byteLength(id) <= 120) return id;
  return `${id.slice(0, 100)}-${createHash('sha256').update(id).digest('hex').slice(0, 12)}`;
}

/**
 * The parts printed by separate tabs, joined in the book's order with its blank pages. The first part's
 * document is the base; the other parts' pages are copied in. Every part's named destinations are carried
 * over to the page where they now stand, so that every link (contents entries, note calls, links written
 * for another part) goes to its target; names nothing links to (Paged.js's random note ids) are dropped,
 * which also keeps the bytes the same from build to build.
 */
async function joinParts(printed: Uint8Array[], layout: LaidOutBook): Promise<PDFDocument> {
  const order = layout.order;
  const doc = await PDFDocument.load(printed[0], { updateMetadata: false, parseSpeed: Infinity });
  const pages: PDFPage[][] = [doc.getPages()];
  const dests = [readDests(doc)];
  for (let i = 1; i < printed.length; i++) {
    const part = await PDFDocument.load(printed[i], { updateMetadata: false, parseSpeed: Infinity });
    dests.push(readDests(part));
    pages.push(await doc.copyPages(part, part.getPageIndices()));
  }
  if (printed.length > 1 || order) {
    const slots = order ?? pages.flatMap((partPages, part) => partPages.map((_, page) => ({ part, page })));
    const { width, height } = pages[0][0].getSize();
    for (let i = doc.getPageCount() - 1; i >= 0; i--) doc.removePage(i);
    for (const slot of slots) {
      const page = slot ? pages[slot.part]?.[slot.page] : undefined;
      if (slot && !page) throw new Error(`page ${slot.page + 1} of part ${slot.part + 1} was not printed`);
      if (page) doc.addPage(page);
      else doc.addPage([width, height]);
    }
  }
  // every name, where it stands in the joined book (the part that holds the element wins over none)
  const where = new Map<string, PDFObject>();
  dests.forEach((partDests, part) => {
    for (const [name, d] of partDests) {
      const page = pages[part][d.page];
      if (page && !where.has(name)) where.set(name, doc.context.obj([page.ref, ...d.view]));
    }
  });
  // a heading that nothing in its own part links to has no name there: its place is known from the layout
  const joined = doc.getPages();
  for (const h of layout.outline) {
    const page = joined[h.page];
    if (!h.id || where.has(h.id) || !page) continue;
    where.set(h.id, doc.context.obj([page.ref, PDFName.of('XYZ'), PDFNull, PDFNumber.of(headingY(page, h, layout.pageHeightPx)), PDFNull]));
  }
  const linked = new Set<string>();
  for (const page of doc.getPages()) {
    for (const link of linksOf(doc, page)) {
      const name = linkTarget(link);
      if (name === undefined) continue;
      link.delete(PDFName.of('A'));
      link.set(PDFName.of('Dest'), PDFName.of(pdfNameFor(name)));
      linked.add(name);
    }
  }
  const names = [...linked].filter((n) => where.has(n)).sort();
  const old = doc.catalog.get(PDFName.of('Dests'));
  if (old instanceof PDFRef) doc.context.delete(old);
  const table = doc.context.obj({});
  for (const name of names) table.set(PDFName.of(pdfNameFor(name)), where.get(name) as PDFObject);
  doc.catalog.set(PDFName.of('Dests'), doc.context.register(table));
  doc.catalog.delete(PDFName.of('Names'));
  renameFontSubsets(doc);
  return doc;
}

/**
 * Each part embeds its own subsets of the same fonts under the same names (Chromium tags them AAAAAA+,
 * BAAAAA+…): one name for two different subsets. The tag becomes one made from the subset's own bytes,
 * so a name stands for one subset, and the same subset gets the same name in every build.
 */
function renameFontSubsets(doc: PDFDocument): void {
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

/**
 * A unit's PDF as Chromium printed it → the same with its ligatures' text repaired (ligature-text.ts): done
 * once per unit when it is printed, before it is cached, so a rebuild repairs only the units it prints. The
 * repair keys every glyph by its font object, and each unit embeds fonts of its own, so repairing unit by
 * unit decides exactly what repairing the joined book did. A unit with nothing to repair keeps its bytes.
 */
export async function repairUnitPdf(printed: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(printed, { updateMetadata: false, parseSpeed: Infinity });
  if (repairLigatureText(doc) === 0) return printed;
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}

export async function finishPdf(printed: Uint8Array[], layout: LaidOutBook, meta: PdfMetadata): Promise<Uint8Array> {
  const doc = await joinParts(printed, layout);
  const date = new Date(`${meta.revision}T00:00:00Z`);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  if (meta.keywords?.length) doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator ?? 'galley');
  doc.setProducer('galley (Paged.js, Chromium, pdf-lib)');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage(meta.language);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(meta.language));
  writeXmp(doc, meta, `${meta.revision}T00:00:00Z`);
  writeOutline(doc, layout.outline, layout.pageHeightPx);
  if (layout.folios.length === doc.getPageCount()) writePageLabels(doc, layout);
  // in one go: the yields between objects let other work in, at the cost of a timer each
  return doc.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}
