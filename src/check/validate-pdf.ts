/**
 * validatePdf(bytes, asked): the fast structural validation `galley build` runs on every PDF it writes, in
 * process with pdf-lib: the file parses, has pages, every font is embedded, and every font is one the book
 * asked for (its faces' PostScript names, read from the font files themselves). A font Chromium could not
 * load is replaced by a system one (LiberationSerif, DejaVuSerif) without a word: that is an error naming the
 * font and the pages it is on. Stable codes:
 *   pdf-unreadable      the file does not parse, or is cut short (no %%EOF at its end)
 *   pdf-no-pages        it parses but has no page
 *   pdf-font-not-embedded  a font's program is not in the file
 *   pdf-font-fallback   a font the book did not ask for (a fallback for a face that failed to load)
 *   font-invalid        (up front, fontPostScriptName) a font file that is not a font (cut short, a table missing,
 *                       a damaged head or loca): refused before typesetting
 */
import { readFileSync } from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject } from 'pdf-lib';
import { relative } from 'node:path';
import type { ProjectConfig } from '../config/load-project.js';
import { GalleyError, type Diagnostic } from '../diagnostics.js';

/** A font file's PostScript name (name table, id 6), checking on the way that the file is a whole sfnt font. */
export function fontPostScriptName(file: string, display = file): string {
  const bytes = readFileSync(file);
  const bad = (why: string) => new GalleyError('font-invalid', `Font file ${display} is not a usable font: ${why}`, { file: display });
  if (bytes.length < 12) throw bad('it is too short');
  const tag = bytes.toString('latin1', 0, 4);
  if (tag === 'wOFF' || tag === 'wOF2') return '';
  if (!['\0\x01\0\0', 'OTTO', 'true'].includes(tag)) throw bad(`it does not start as a TrueType or OpenType font (reads ${JSON.stringify(tag)})`);
  const count = bytes.readUInt16BE(4);
  if (12 + count * 16 > bytes.length) throw bad('its table directory runs past its end (the file is cut short)');
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const name = bytes.toString('latin1', at, at + 4);
    const offset = bytes.readUInt32BE(at + 8);
    const length = bytes.readUInt32BE(at + 12);
    if (offset + length > bytes.length) throw bad(`its ${name} table runs past the end of the file (the file is cut short)`);
    tables.set(name, { offset, length });
  }
  for (const need of ['head', 'name', 'cmap', 'maxp', 'hhea', 'hmtx']) if (!tables.has(need)) throw bad(`it has no ${need} table`);
  if (!tables.has('glyf') && !tables.has('CFF ') && !tables.has('CFF2')) throw bad('it has no glyphs (no glyf or CFF table)');
  const head = tables.get('head')!;
  if (head.length < 16 || bytes.readUInt32BE(head.offset + 12) !== 0x5f0f3cf5) throw bad('its head table is damaged (wrong magic number)');
  const loca = locaProblem(bytes, tables);
  if (loca) throw bad(loca);
  const name = tables.get('name')!;
  const records = bytes.readUInt16BE(name.offset + 2);
  const strings = name.offset + bytes.readUInt16BE(name.offset + 4);
  for (let i = 0; i < records; i++) {
    const at = name.offset + 6 + i * 12;
    const [platform, , , nameId, length, offset] = [0, 2, 4, 6, 8, 10].map((k) => bytes.readUInt16BE(at + k));
    if (nameId !== 6) continue;
    const raw = bytes.subarray(strings + offset, strings + offset + length);
    if (platform === 1) return raw.toString('latin1');
    let text = '';
    for (let k = 0; k + 1 < raw.length; k += 2) text += String.fromCharCode(raw.readUInt16BE(k));
    return text;
  }
  throw bad('its name table gives no PostScript name');
}

/**
 * A TrueType font's glyph index (loca) as Chromium's font sanitizer reads it: one offset per glyph and one
 * more, each no smaller than the one before, the last within the glyf table. A damaged loca makes the browser
 * refuse the whole face (and fall back to a system font), so it is refused here first, by name.
 */
function locaProblem(bytes: Buffer, tables: Map<string, { offset: number; length: number }>): string | undefined {
  const glyf = tables.get('glyf');
  if (!glyf) return undefined; // CFF outlines: no loca
  const loca = tables.get('loca');
  if (!loca) return 'it has glyf outlines but no loca table';
  const head = tables.get('head')!;
  const maxp = tables.get('maxp')!;
  if (head.length < 54 || maxp.length < 6) return 'its head or maxp table is too short';
  const format = bytes.readInt16BE(head.offset + 50);
  if (format !== 0 && format !== 1) return `its head table gives an unknown loca format (${format})`;
  const glyphs = bytes.readUInt16BE(maxp.offset + 4);
  const size = format === 0 ? 2 : 4;
  if (loca.length < (glyphs + 1) * size) return `its loca table is too short for its ${glyphs} glyphs (the table is damaged)`;
  let previous = 0;
  for (let i = 0; i <= glyphs; i++) {
    const at = loca.offset + i * size;
    const offset = format === 0 ? bytes.readUInt16BE(at) * 2 : bytes.readUInt32BE(at);
    if (offset < previous) return `its loca table is damaged (glyph ${i} starts before glyph ${i - 1})`;
    if (offset > glyf.length) return `its loca table is damaged (glyph ${Math.max(0, i - 1)} runs past the glyf table)`;
    previous = offset;
  }
  return undefined;
}

/** The fonts a book asks for: its family and its faces' PostScript names. */
export function askedFonts(project: ProjectConfig): { family: string; names: string[] } {
  const body = project.fonts.body;
  return { family: body.family, names: body.faces.map((f) => fontPostScriptName(f.file, relative(project.root, f.file) || f.file)) };
}

/** A PDF font name without its subset tag (ABCDEF+EBGaramond-Regular → EBGaramond-Regular). */
export function baseFontName(name: string): string {
  return name.replace(/^[A-Z]{6}\+/, '');
}

/** The fonts the book did not ask for; none when it asked for none that could be read (a woff face). */
export function unaskedFonts(names: string[], asked: string[]): string[] {
  const want = new Set(asked.filter(Boolean).map((n) => n.toLowerCase()));
  if (want.size === 0) return [];
  return [...new Set(names.map(baseFontName))].filter((n) => !want.has(n.toLowerCase()));
}

interface FontUse {
  name: string;
  embedded: boolean;
  pages: Set<number>;
}

function lookup(doc: PDFDocument, obj: PDFObject | undefined): PDFObject | undefined {
  return obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
}

/** Every font of the PDF, with whether its program is embedded and the pages (1-based) that use it. */
export function pdfFontUses(doc: PDFDocument): FontUse[] {
  const fonts = new Map<string, FontUse>();
  const seenForms = new Set<PDFObject>();
  const visitResources = (resources: PDFObject | undefined, page: number) => {
    const res = lookup(doc, resources);
    if (!(res instanceof PDFDict)) return;
    const fontDict = lookup(doc, res.get(PDFName.of('Font')));
    if (fontDict instanceof PDFDict) {
      for (const [, value] of fontDict.entries()) {
        const font = lookup(doc, value);
        if (!(font instanceof PDFDict)) continue;
        const name = (lookup(doc, font.get(PDFName.of('BaseFont'))) as PDFName | undefined)?.decodeText?.() ?? '?';
        let descriptorOwner: PDFDict = font;
        const descendants = lookup(doc, font.get(PDFName.of('DescendantFonts')));
        if (descendants instanceof PDFArray) {
          const d = lookup(doc, descendants.get(0));
          if (d instanceof PDFDict) descriptorOwner = d;
        }
        const descriptor = lookup(doc, descriptorOwner.get(PDFName.of('FontDescriptor')));
        const subtype = (lookup(doc, font.get(PDFName.of('Subtype'))) as PDFName | undefined)?.decodeText?.();
        const embedded =
          subtype === 'Type3' ||
          (descriptor instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.get(PDFName.of(k)) !== undefined));
        const key = `${name}\0${embedded}`;
        const use = fonts.get(key) ?? { name, embedded, pages: new Set<number>() };
        use.pages.add(page);
        fonts.set(key, use);
      }
    }
    const xobjects = lookup(doc, res.get(PDFName.of('XObject')));
    if (xobjects instanceof PDFDict) {
      for (const [, value] of xobjects.entries()) {
        const form = lookup(doc, value) as { dict?: PDFDict } | undefined;
        if (!form?.dict || seenForms.has(form.dict)) continue;
        seenForms.add(form.dict);
        visitResources(form.dict.get(PDFName.of('Resources')), page);
        seenForms.delete(form.dict);
      }
    }
  };
  doc.getPages().forEach((p, i) => visitResources(p.node.get(PDFName.of('Resources')), i + 1));
  return [...fonts.values()];
}

/** "page 3" / "pages 3, 4, 9…" */
function pagesText(pages: Set<number>): string {
  const list = [...pages].sort((a, b) => a - b);
  return `${list.length === 1 ? 'page' : 'pages'} ${list.slice(0, 8).join(', ')}${list.length > 8 ? '…' : ''}`;
}

/** The fonts found beside the ones asked for: one error each, naming the font and its pages. */
export function fallbackFontErrors(uses: FontUse[], asked: string[], family: string, where: string): Diagnostic[] {
  const strange = new Set(unaskedFonts(uses.map((u) => u.name), asked));
  const byName = new Map<string, Set<number>>();
  for (const u of uses) {
    const name = baseFontName(u.name);
    if (!strange.has(name)) continue;
    const pages = byName.get(name) ?? new Set<number>();
    u.pages.forEach((p) => pages.add(p));
    byName.set(name, pages);
  }
  return [...byName].map(([name, pages]) => ({
    severity: 'error' as const,
    code: 'pdf-font-fallback',
    message: `The PDF uses ${name} on ${pagesText(pages)}, a font the book did not ask for (it asked for ${family}: ${asked.filter(Boolean).join(', ')}): a face failed to load and the browser fell back to a system font`,
    file: where,
  }));
}

/** A PDF cut short: its last kilobyte has no %%EOF (poppler would rebuild what it can and read on). */
export function isCutShort(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  return !tail.includes('%%EOF');
}

export async function validatePdf(bytes: Uint8Array, asked: { family: string; names: string[] }, where: string): Promise<Diagnostic[]> {
  const error = (code: string, message: string): Diagnostic => ({ severity: 'error', code, message, file: where });
  if (isCutShort(bytes)) return [error('pdf-unreadable', `The PDF is cut short (${bytes.length} bytes, no %%EOF at its end)`)];
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true, parseSpeed: Infinity });
  } catch (e) {
    return [error('pdf-unreadable', `The PDF does not parse: ${(e as Error).message.split('\n')[0]}`)];
  }
  // a file that parses may still lack its trailer or page tree (cut short, an %%EOF put back): pdf-lib then throws
  let uses: FontUse[];
  try {
    if (doc.getPageCount() === 0) return [error('pdf-no-pages', 'The PDF has no pages')];
    uses = pdfFontUses(doc);
  } catch (e) {
    return [error('pdf-unreadable', `The PDF's page tree cannot be read: ${(e as Error).message.split('\n')[0]}`)];
  }
  const out: Diagnostic[] = [];
  if (uses.length === 0) out.push(error('pdf-font-not-embedded', 'The PDF uses no fonts at all (no text?)'));
  for (const u of uses.filter((x) => !x.embedded)) out.push(error('pdf-font-not-embedded', `Font ${baseFontName(u.name)} is not embedded (${pagesText(u.pages)})`));
  out.push(...fallbackFontErrors(uses, asked.names, asked.family, where));
  return out;
}
