/**
 * The press files checked by independent readers: poppler's pdfinfo (page size, TrimBox, BleedBox, PDF/X
 * version), pdffonts (embedding), pdftotext -bbox (where every word stands), Ghostscript's inkcov device
 * (the ink each page uses), and the content streams (pdf-content.ts: RGB colour, rule weights). Codes:
 *   press-page-size        a page is not the trim size (interior) or the computed sheet (cover)
 *   press-box-missing      TrimBox or BleedBox missing or in the wrong place
 *   press-pdfx             not marked PDF/X, or no PDF/X output intent with a profile
 *   press-font-not-embedded a font is not embedded
 *   press-rgb              RGB colour in the content streams, images or shadings
 *   press-not-black        a page of the interior uses cyan, magenta or yellow ink (inkcov)
 *   press-rule-thin        a rule thinner than 0.75 pt
 *   press-safety           a word inside the printer's safety margin (or on a spine fold, or on the barcode)
 *   press-annotations      links or other annotations (PDF/X allows none on the page)
 *   press-bookmarks        bookmarks where the printer wants none
 *   press-page-count       a page count the printer refuses, or an odd one
 *   press-interior-missing the cover cannot be checked without the interior's page count
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream } from 'pdf-lib';
import type { Diagnostic } from '../diagnostics.js';
import type { CheckContext } from '../outputs/types.js';
import { computeCoverGeometry, type CoverGeometry } from '../press/cover-geometry.js';
import { refusePageCount, toInches, type PressSettings } from '../press/presets.js';
import { readContentFacts } from './pdf-content.js';
import { readPdfFonts } from './pdf.js';
import { runProcess } from './run-process.js';

const TIMEOUT_MS = 180_000;
const TOLERANCE = 0.15; // points: the sizes are set exactly (a spine 1 page too narrow is 0.18 pt on cream)

export interface PageBoxes {
  size: [number, number];
  media?: number[];
  trim?: number[];
  bleed?: number[];
}

/** Every page's boxes (`pdfinfo -box -f 1 -l N`) and the document's facts. */
export async function readPageBoxes(path: string): Promise<{ pages: PageBoxes[]; info: Record<string, string> }> {
  const first = await runProcess('pdfinfo', [path], { timeoutMs: TIMEOUT_MS, tool: 'pdfinfo' });
  const info: Record<string, string> = {};
  for (const line of first.stdout.split('\n')) {
    const m = /^([A-Za-z ]+):\s*(.*)$/.exec(line);
    if (m) info[m[1].trim()] = m[2].trim();
  }
  const count = Number(info.Pages ?? 0);
  const r = await runProcess('pdfinfo', ['-box', '-f', '1', '-l', String(Math.max(1, count)), path], { timeoutMs: TIMEOUT_MS, tool: 'pdfinfo' });
  const pages: PageBoxes[] = [];
  for (const line of r.stdout.split('\n')) {
    const size = /^Page\s+(\d+)\s+size:\s+([\d.]+) x ([\d.]+)/.exec(line);
    if (size) pages[Number(size[1]) - 1] = { ...pages[Number(size[1]) - 1], size: [Number(size[2]), Number(size[3])] };
    const box = /^Page\s+(\d+)\s+(MediaBox|TrimBox|BleedBox):\s+(.*)$/.exec(line);
    if (box) {
      const key = box[2] === 'MediaBox' ? 'media' : box[2] === 'TrimBox' ? 'trim' : 'bleed';
      const p = (pages[Number(box[1]) - 1] ??= { size: [0, 0] });
      p[key] = box[3].trim().split(/\s+/).map(Number);
    }
  }
  return { pages, info };
}

/** The words of each page with their boxes, from the top-left (`pdftotext -bbox`). */
export async function readWordBoxes(path: string): Promise<{ width: number; height: number; words: { text: string; x0: number; y0: number; x1: number; y1: number }[] }[]> {
  const r = await runProcess('pdftotext', ['-bbox', path, '-'], { timeoutMs: TIMEOUT_MS, tool: 'pdftotext' });
  const pages: { width: number; height: number; words: { text: string; x0: number; y0: number; x1: number; y1: number }[] }[] = [];
  for (const line of r.stdout.split('\n')) {
    const page = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line);
    if (page) pages.push({ width: Number(page[1]), height: Number(page[2]), words: [] });
    const word = /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)<\/word>/.exec(line);
    if (word && pages.length > 0) pages[pages.length - 1].words.push({ x0: Number(word[1]), y0: Number(word[2]), x1: Number(word[3]), y1: Number(word[4]), text: word[5] });
  }
  return pages;
}

/** Ghostscript's inkcov: the share of each page covered by cyan, magenta, yellow and black. */
export async function readInkCoverage(path: string): Promise<[number, number, number, number][]> {
  const r = await runProcess('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=inkcov', '-r36', '-o', '-', path], { timeoutMs: TIMEOUT_MS, tool: 'Ghostscript' });
  return r.stdout
    .split('\n')
    .map((l) => /^\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+CMYK/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])]);
}

function pageList(pages: number[]): string {
  return `page${pages.length > 1 ? 's' : ''} #${pages.slice(0, 8).join(', #')}${pages.length > 8 ? '…' : ''}`;
}

function near(a: number | undefined, b: number): boolean {
  return a !== undefined && Math.abs(a - b) <= TOLERANCE;
}

function boxIs(box: number[] | undefined, want: number[]): boolean {
  return !!box && box.length === 4 && want.every((v, i) => near(box[i], v));
}

/** Document-level facts read with pdf-lib: the output intent, annotations, the outline. */
async function readStructure(path: string): Promise<{ outputIntent: boolean; annotated: number[]; outline: boolean }> {
  const doc = await PDFDocument.load(readFileSync(path), { updateMetadata: false });
  const intents = doc.catalog.lookup(PDFName.of('OutputIntents'));
  let outputIntent = false;
  if (intents instanceof PDFArray) {
    for (const x of intents.asArray()) {
      const d = doc.context.lookup(x);
      if (d instanceof PDFDict && d.lookup(PDFName.of('S')) === PDFName.of('GTS_PDFX') && d.lookup(PDFName.of('DestOutputProfile')) instanceof PDFStream) outputIntent = true;
    }
  }
  const annotated = doc
    .getPages()
    .map((p, i) => (p.node.lookup(PDFName.of('Annots')) instanceof PDFArray && (p.node.lookup(PDFName.of('Annots')) as PDFArray).size() > 0 ? i + 1 : 0))
    .filter((i) => i > 0);
  return { outputIntent, annotated, outline: doc.catalog.has(PDFName.of('Outlines')) };
}

/** What both press files must be: PDF/X with its output intent, fonts embedded, no RGB, no thin rules, no annotations. */
async function checkCommon(path: string, where: string, info: Record<string, string>): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const [fonts, structure, content] = await Promise.all([readPdfFonts(path), readStructure(path), readContentFacts(readFileSync(path))]);
  if (!/^PDF\/X-/.test(info['PDF subtype'] ?? '')) out.push({ severity: 'error', code: 'press-pdfx', message: `Not a PDF/X file (pdfinfo reads no PDF/X version)`, file: where });
  if (!structure.outputIntent) out.push({ severity: 'error', code: 'press-pdfx', message: 'No PDF/X output intent with an output profile', file: where });
  if (fonts.length === 0) out.push({ severity: 'error', code: 'press-font-not-embedded', message: 'The file uses no fonts (no text?)', file: where });
  for (const f of fonts.filter((x) => !x.embedded)) out.push({ severity: 'error', code: 'press-font-not-embedded', message: `Font ${f.name} (${f.type}) is not embedded`, file: where });
  if (content.rgb.length > 0) {
    const pages = [...new Set(content.rgb.map((x) => x.page))];
    out.push({ severity: 'error', code: 'press-rgb', message: `RGB colour on ${pageList(pages)} (${content.rgb[0].what})`, file: where });
  }
  if (content.thinRules.length > 0) {
    const pages = [...new Set(content.thinRules.map((x) => x.page))];
    const thinnest = Math.min(...content.thinRules.map((x) => x.weight));
    out.push({ severity: 'error', code: 'press-rule-thin', message: `Rules thinner than 0.75 pt on ${pageList(pages)} (thinnest ${thinnest.toFixed(2)} pt)`, file: where });
  }
  if (structure.annotated.length > 0) out.push({ severity: 'error', code: 'press-annotations', message: `Annotations (links) on ${pageList(structure.annotated)}`, file: where });
  return out;
}

function settingsOf(ctx: CheckContext, where: string): PressSettings | Diagnostic {
  try {
    return ctx.press();
  } catch (error) {
    return { severity: 'error', code: 'press-config', message: (error as Error).message, file: where };
  }
}

export async function checkPressInterior(path: string, ctx: CheckContext): Promise<Diagnostic[]> {
  const where = `dist/${ctx.book.slug}-interior.pdf`;
  const settings = settingsOf(ctx, where);
  if (!('printer' in settings)) return [settings];
  const { pages, info } = await readPageBoxes(path);
  const out = await checkCommon(path, where, info);
  const w = toInches(ctx.project.print.width) * 72;
  const h = toInches(ctx.project.print.height) * 72;
  const wrongSize = pages.map((p, i) => (near(p.size[0], w) && near(p.size[1], h) ? 0 : i + 1)).filter((i) => i > 0);
  if (wrongSize.length > 0) out.push({ severity: 'error', code: 'press-page-size', message: `${pageList(wrongSize)} not the trim size ${ctx.project.print.width} × ${ctx.project.print.height}`, file: where });
  const noTrim = pages.map((p, i) => (boxIs(p.trim, [0, 0, w, h]) ? 0 : i + 1)).filter((i) => i > 0);
  const noBleed = pages.map((p, i) => (p.bleed && p.bleed.length === 4 ? 0 : i + 1)).filter((i) => i > 0);
  if (noTrim.length > 0) out.push({ severity: 'error', code: 'press-box-missing', message: `TrimBox missing or not the trim on ${pageList(noTrim)}`, file: where });
  if (noBleed.length > 0) out.push({ severity: 'error', code: 'press-box-missing', message: `BleedBox missing on ${pageList(noBleed)}`, file: where });
  const refused = refusePageCount(settings, pages.length);
  if (refused) out.push({ severity: 'error', code: 'press-page-count', message: refused, file: where });
  if (pages.length % 2 === 1) out.push({ severity: 'error', code: 'press-page-count', message: `${pages.length} pages: a bound book has an even number`, file: where });
  const structure = await readStructure(path);
  if (structure.outline && !settings.bookmarks) out.push({ severity: 'error', code: 'press-bookmarks', message: `${settings.printerName} wants no bookmarks in the interior`, file: where });
  const ink = await readInkCoverage(path);
  const coloured = ink.map((c, i) => (c[0] + c[1] + c[2] > 0.00001 ? i + 1 : 0)).filter((i) => i > 0);
  if (coloured.length > 0) out.push({ severity: 'error', code: 'press-not-black', message: `Cyan, magenta or yellow ink on ${pageList(coloured)} (inkcov): text must be black only`, file: where });
  const safe = settings.safety * 72;
  const words = await readWordBoxes(path);
  const unsafe = words.map((p, i) => (p.words.some((x) => x.x0 < safe - 0.5 || x.y0 < safe - 0.5 || x.x1 > p.width - safe + 0.5 || x.y1 > p.height - safe + 0.5) ? i + 1 : 0)).filter((i) => i > 0);
  if (unsafe.length > 0) out.push({ severity: 'error', code: 'press-safety', message: `Text within ${settings.safety} in of the trim on ${pageList(unsafe)}`, file: where });
  return out;
}

/** The sheet the cover must be: from the interior's page count (pdfinfo of dist/<book>-interior.pdf). */
export async function expectedCover(ctx: CheckContext, settings: PressSettings): Promise<CoverGeometry | undefined> {
  const interior = join(ctx.outDir, `${ctx.book.slug}-interior.pdf`);
  if (!existsSync(interior)) return undefined;
  const { info } = await readPageBoxes(interior);
  return computeCoverGeometry(settings, toInches(ctx.project.print.width), toInches(ctx.project.print.height), Number(info.Pages));
}

export async function checkPressCover(path: string, ctx: CheckContext): Promise<Diagnostic[]> {
  const where = `dist/${ctx.book.slug}-cover.pdf`;
  const settings = settingsOf(ctx, where);
  if (!('printer' in settings)) return [settings];
  const { pages, info } = await readPageBoxes(path);
  const out = await checkCommon(path, where, info);
  const g = await expectedCover(ctx, settings);
  if (!g) return [...out, { severity: 'error', code: 'press-interior-missing', message: `No dist/${ctx.book.slug}-interior.pdf: the cover's size depends on its page count`, file: where }];
  if (pages.length !== 1) out.push({ severity: 'error', code: 'press-page-size', message: `The cover has ${pages.length} pages, not one`, file: where });
  const page = pages[0];
  const W = g.sheetWidth * 72;
  const H = g.sheetHeight * 72;
  const b = g.bleed * 72;
  if (!page || !near(page.size[0], W) || !near(page.size[1], H)) {
    out.push({ severity: 'error', code: 'press-page-size', message: `The sheet is ${page ? `${(page.size[0] / 72).toFixed(4)} × ${(page.size[1] / 72).toFixed(4)}` : '?'} in; ${g.pages} pages on ${settings.paper} paper make ${g.sheetWidth} × ${g.sheetHeight} in (spine ${g.spine} in)`, file: where });
  }
  if (!boxIs(page?.trim, [b, b, W - b, H - b])) out.push({ severity: 'error', code: 'press-box-missing', message: `TrimBox missing or not ${g.bleed} in inside the sheet`, file: where });
  if (!boxIs(page?.bleed, [0, 0, W, H])) out.push({ severity: 'error', code: 'press-box-missing', message: 'BleedBox missing or not the whole sheet', file: where });
  // live text: inside each board's safety margin, or on the spine clear of its folds; nothing on the barcode
  const [words] = await readWordBoxes(path);
  const safe = settings.coverSafety * 72;
  const backX1 = b + g.trimWidth * 72;
  const frontX0 = backX1 + g.spine * 72;
  const fold = settings.spineFoldMargin * 72;
  const bc = settings.barcode;
  const barcode = { x0: backX1 - (bc.fromSpine + bc.width) * 72, x1: backX1 - bc.fromSpine * 72, y1: H - b - bc.fromBottom * 72, y0: H - b - (bc.fromBottom + bc.height) * 72 };
  const bad: string[] = [];
  for (const w of words?.words ?? []) {
    const inY = w.y0 >= b + safe - 0.5 && w.y1 <= H - b - safe + 0.5;
    const onBack = w.x0 >= b + safe - 0.5 && w.x1 <= backX1 - safe + 0.5;
    const onFront = w.x0 >= frontX0 + safe - 0.5 && w.x1 <= W - b - safe + 0.5;
    const onSpine = w.x0 >= backX1 + fold - 0.5 && w.x1 <= frontX0 - fold + 0.5;
    const onBarcode = w.x1 > barcode.x0 && w.x0 < barcode.x1 && w.y1 > barcode.y0 && w.y0 < barcode.y1;
    if (!inY || !(onBack || onFront || onSpine) || onBarcode) bad.push(w.text);
  }
  if (bad.length > 0) out.push({ severity: 'error', code: 'press-safety', message: `${bad.length} word(s) outside the live area, on a fold or on the barcode: ${bad.slice(0, 6).join(' ')}`, file: where });
  if (!g.spineText && (words?.words ?? []).some((w) => w.x0 >= backX1 - 0.5 && w.x1 <= frontX0 + 0.5)) {
    out.push({ severity: 'error', code: 'press-safety', message: `Text on a spine of ${g.pages} pages (${settings.printerName}: spine text from ${settings.spineTextMinPages} pages)`, file: where });
  }
  return out;
}
