/**
 * The printed PDF → the finished PDF, in one load and one save through pdf-lib: document information
 * (title, author, subject, keywords, dates fixed to the revision), the language (/Lang and XMP
 * dc:language), bookmarks from the book's headings, and page labels (roman front matter, arabic body)
 * so that a viewer's page box shows the printed folios.
 */
import { PDFDocument, type PDFPage, PDFName, PDFNumber, PDFString, PDFHexString, PDFArray, PDFDict, PDFNull, type PDFRef } from 'pdf-lib';

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
      const { height } = page.getSize();
      // CSS px → PDF points, measured from the top; a little above the heading
      const scale = pageHeightPx > 0 ? height / pageHeightPx : 0.75;
      const y = Math.min(height, Math.max(0, height - node.heading.top * scale + 6));
      const dict = new Map<PDFName, unknown>([
        [PDFName.of('Title'), PDFHexString.fromText(node.heading.text)],
        [PDFName.of('Parent'), parent],
        [PDFName.of('Dest'), context.obj([page.ref, PDFName.of('XYZ'), PDFNull, PDFNumber.of(Math.round(y)), PDFNull])],
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

/**
 * The parts printed by separate tabs, joined in the book's order with its blank pages. The first part's
 * document is the base (its pages keep their links); the other parts' pages are copied in.
 */
async function joinParts(printed: Uint8Array[], order?: LaidOutBook['order']): Promise<PDFDocument> {
  const doc = await PDFDocument.load(printed[0], { updateMetadata: false });
  if (printed.length === 1 && !order) return doc;
  const pages: PDFPage[][] = [doc.getPages()];
  for (let i = 1; i < printed.length; i++) {
    const part = await PDFDocument.load(printed[i], { updateMetadata: false });
    pages.push(await doc.copyPages(part, part.getPageIndices()));
  }
  const slots = order ?? pages.flatMap((partPages, part) => partPages.map((_, page) => ({ part, page })));
  const { width, height } = pages[0][0].getSize();
  for (let i = doc.getPageCount() - 1; i >= 0; i--) doc.removePage(i);
  for (const slot of slots) {
    const page = slot ? pages[slot.part]?.[slot.page] : undefined;
    if (slot && !page) throw new Error(`page ${slot.page + 1} of part ${slot.part + 1} was not printed`);
    if (page) doc.addPage(page);
    else doc.addPage([width, height]);
  }
  return doc;
}

export async function finishPdf(printed: Uint8Array[], layout: LaidOutBook, meta: PdfMetadata): Promise<Uint8Array> {
  const doc = await joinParts(printed, layout.order);
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
  return doc.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false });
}
