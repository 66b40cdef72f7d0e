/**
 * A unit's PDF as Chromium printed it → what the join needs of it, made once when the unit is printed and
 * kept in the unit cache (unit-cache.ts), so that a rebuild never parses an unchanged unit's PDF again.
 *
 * Made here, in the unit's own document (pdf-lib, one parse of a unit of ~20 pages):
 * - its ligatures' text repaired (ligature-text.ts): every glyph is keyed by its font object, and each unit
 *   embeds fonts of its own, so repairing unit by unit decides what repairing the joined book would;
 * - its font subsets renamed after their own bytes (the same subset, the same name in every build);
 * - its links to named destinations (and the links written for another unit, split-book-html.ts) rewritten
 *   as `/Dest /name`, and its named destinations read (name → page and view);
 * - the objects its book pages use (nothing of its page tree, catalog or information dictionary), numbered
 *   1…n in the order met from the pages, each written out as PDF syntax with the places of its references
 *   noted, so that the join renumbers them by copying bytes (join-units.ts). A page's /Parent is reference 0:
 *   the book's page tree.
 *
 * The prepared unit is one file: a line `galley-unit 1 <header length>`, a JSON header, then the objects'
 * bytes. Pure: the same printed PDF gives the same bytes.
 */
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, PDFRef, PDFStream, PDFString, type PDFObject } from 'pdf-lib';
import { linksOf, linkTarget, pdfNameFor, readDests, renameFontSubsets } from './finish-pdf.js';
import { repairLigatureText } from './ligature-text.js';

export interface PreparedPage {
  /** the page's own object (local number) */
  obj: number;
  /** its MediaBox as written, and its size in points */
  box: string;
  width: number;
  height: number;
}

export interface PreparedObject {
  /** where its bytes stand in `bytes` (after the header) */
  at: number;
  length: number;
  /** a stream (written at the top level; the other objects go into object streams) */
  stream: boolean;
  /** its references: pairs of (offset within the object's bytes, local number; 0 is the book's page tree) */
  refs: number[];
}

export interface PreparedUnit {
  /** the first page of the unit's document that the book takes (units.ts unitRange); pages[0] is that page */
  from: number;
  pages: PreparedPage[];
  /** named destinations on the pages kept: name, page (index in `pages`), the rest of the view (/XYZ x y z) */
  dests: [string, number, string][];
  /** the names the kept pages' links go to (pdfNameFor not yet applied: the join's table needs the ids) */
  linked: string[];
  objects: PreparedObject[];
  bytes: Buffer;
}

const MAGIC = 'galley-unit 1 ';

/** A PDF object as PDF syntax, its indirect references replaced by local numbers through `number`. */
class ObjectWriter {
  text = '';
  refs: number[] = [];
  constructor(private readonly number: (ref: PDFRef) => number) {}

  write(obj: PDFObject | undefined, parentIsPageTree = false): void {
    if (obj instanceof PDFRef) {
      const n = parentIsPageTree ? 0 : this.number(obj);
      this.refs.push(this.text.length, n);
      this.text += `${n} 0 R`;
    } else if (obj instanceof PDFDict) {
      this.text += '<<';
      for (const [key, value] of obj.entries()) {
        this.text += `${key.toString()} `;
        this.write(value);
        this.text += ' ';
      }
      this.text += '>>';
    } else if (obj instanceof PDFArray) {
      this.text += '[';
      obj.asArray().forEach((value, i) => {
        if (i > 0) this.text += ' ';
        this.write(value);
      });
      this.text += ']';
    } else if (obj instanceof PDFName || obj instanceof PDFNumber || obj instanceof PDFString || obj instanceof PDFHexString || obj instanceof PDFBool || obj === PDFNull) {
      this.text += obj.toString();
    } else {
      throw new Error(`a unit's PDF holds an object galley cannot copy (${obj?.constructor?.name ?? String(obj)})`);
    }
  }
}

/**
 * The printed unit → its prepared form. `from`: the first page the book takes of it (the pages before it are
 * not the book's: a later unit's document opens with the head alone).
 */
export async function prepareUnit(printed: Uint8Array, from: number): Promise<Uint8Array> {
  const doc = await PDFDocument.load(printed, { updateMetadata: false, parseSpeed: Infinity });
  repairLigatureText(doc);
  renameFontSubsets(doc);
  const allPages = doc.getPages();
  const kept = allPages.slice(from);
  const keptIndex = new Map(kept.map((p, i) => [p.ref.toString(), i]));
  const linked = new Set<string>();
  for (const page of kept) {
    for (const link of linksOf(doc, page)) {
      const name = linkTarget(link);
      if (name === undefined) continue;
      link.delete(PDFName.of('A'));
      link.set(PDFName.of('Dest'), PDFName.of(pdfNameFor(name)));
      linked.add(name);
    }
  }
  const dests: [string, number, string][] = [];
  for (const [name, d] of readDests(doc)) {
    const page = keptIndex.get(allPages[d.page].ref.toString());
    if (page === undefined) continue;
    const view = new ObjectWriter(() => 0);
    d.view.forEach((value, i) => (i > 0 && (view.text += ' '), view.write(value)));
    dests.push([name, page, view.text]);
  }

  // the objects the kept pages use, numbered as met
  const numbers = new Map<string, number>();
  const queue: PDFRef[] = [];
  const number = (ref: PDFRef): number => {
    const key = ref.toString();
    let n = numbers.get(key);
    if (n === undefined) {
      n = numbers.size + 1;
      numbers.set(key, n);
      queue.push(ref);
    }
    return n;
  };
  const pageByRef = new Map(kept.map((p) => [p.ref.toString(), p]));
  kept.forEach((p) => number(p.ref));
  const chunks: Buffer[] = [];
  const objects: PreparedObject[] = [];
  let at = 0;
  for (let i = 0; i < queue.length; i++) {
    const ref = queue[i];
    const obj = doc.context.lookup(ref);
    const w = new ObjectWriter(number);
    let tail: Buffer | undefined;
    const page = pageByRef.get(ref.toString());
    if (page) {
      // a page: its inherited entries its own (as pdf-lib's copyPages does), its parent the book's page tree
      const node = page.node;
      const entries = node.entries().filter(([key]) => key !== PDFName.of('Parent'));
      for (const key of ['Resources', 'MediaBox', 'CropBox', 'Rotate']) {
        const name = PDFName.of(key);
        const value = node.getInheritableAttribute(name);
        if (!node.has(name) && value) entries.push([name, value]);
      }
      w.text += '<<';
      for (const [key, value] of entries) {
        w.text += `${key.toString()} `;
        w.write(value);
        w.text += ' ';
      }
      w.text += '/Parent ';
      w.write(page.ref, true);
      w.text += '>>';
    } else if (obj instanceof PDFStream) {
      const contents = obj.getContents();
      w.text += '<<';
      for (const [key, value] of obj.dict.entries()) {
        if (key === PDFName.of('Length')) continue;
        w.text += `${key.toString()} `;
        w.write(value);
        w.text += ' ';
      }
      w.text += `/Length ${contents.length}>>\nstream\n`;
      tail = Buffer.concat([Buffer.from(contents), Buffer.from('\nendstream', 'latin1')]);
    } else {
      w.write(obj);
    }
    const head = Buffer.from(w.text, 'latin1');
    const length = head.length + (tail?.length ?? 0);
    objects.push({ at, length, stream: tail !== undefined, refs: w.refs });
    chunks.push(head);
    if (tail) chunks.push(tail);
    at += length;
  }
  const pages: PreparedPage[] = kept.map((p) => {
    const box = new ObjectWriter(() => 0);
    box.write(p.node.MediaBox());
    const { width, height } = p.getSize();
    return { obj: number(p.ref), box: box.text, width, height };
  });
  const header = JSON.stringify({ from, pages, dests, linked: [...linked].sort(), objects, length: at });
  const headerBytes = Buffer.from(header, 'utf8');
  return Buffer.concat([Buffer.from(`${MAGIC}${headerBytes.length}\n`, 'latin1'), headerBytes, ...chunks]);
}

/** A prepared unit read back; undefined when the bytes are not one whole (cut short, another format). */
export function readPreparedUnit(bytes: Uint8Array): PreparedUnit | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buffer.indexOf(10);
  const first = end > 0 ? buffer.toString('latin1', 0, end) : '';
  if (!first.startsWith(MAGIC)) return undefined;
  const headerLength = Number(first.slice(MAGIC.length));
  if (!Number.isInteger(headerLength) || end + 1 + headerLength > buffer.length) return undefined;
  try {
    const header = JSON.parse(buffer.toString('utf8', end + 1, end + 1 + headerLength)) as Omit<PreparedUnit, 'bytes'> & { length: number };
    const body = buffer.subarray(end + 1 + headerLength);
    if (body.length !== header.length || !Array.isArray(header.pages) || !Array.isArray(header.objects)) return undefined;
    return { from: header.from, pages: header.pages, dests: header.dests, linked: header.linked, objects: header.objects, bytes: body };
  } catch {
    return undefined;
  }
}
