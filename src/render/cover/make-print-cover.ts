/**
 * The press cover: the view → HTML → one page printed by the books' browser → TrimBox (the two boards and
 * the spine, inside the bleed) and BleedBox (the sheet) → PDF/X in CMYK through Ghostscript.
 */
import { PDFDocument } from 'pdf-lib';
import type { ProjectConfig } from '../../config/load-project.js';
import { GalleyError } from '../../diagnostics.js';
import type { CoverGeometry } from '../../press/cover-geometry.js';
import type { PressSettings } from '../../press/presets.js';
import type { Apparatus } from '../../transform/build-apparatus.js';
import { toPdfx } from '../press/to-pdfx.js';
import { renderPrintCoverHtml } from './render-print-cover.js';
import { toPrintCoverView } from './to-cover-view.js';

export async function setCoverBoxes(pdf: Uint8Array, geometry: CoverGeometry): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  if (doc.getPageCount() !== 1) throw new GalleyError('cover-failed', `The cover printed as ${doc.getPageCount()} pages instead of one: its text runs over the sheet`);
  const page = doc.getPage(0);
  const w = geometry.sheetWidth * 72;
  const h = geometry.sheetHeight * 72;
  const { width, height } = page.getSize();
  if (Math.abs(width - w) > 0.5 || Math.abs(height - h) > 0.5) {
    throw new GalleyError('cover-failed', `The cover printed at ${(width / 72).toFixed(3)} × ${(height / 72).toFixed(3)} in instead of ${geometry.sheetWidth} × ${geometry.sheetHeight} in`);
  }
  // the size asked for, exactly (Chromium rounds the page to whole CSS pixels)
  page.setMediaBox(0, 0, w, h);
  page.setCropBox(0, 0, w, h);
  page.setBleedBox(0, 0, w, h);
  const b = geometry.bleed * 72;
  page.setTrimBox(b, b, w - 2 * b, h - 2 * b);
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

export interface PrintCoverOptions {
  baseDir: string;
  revision: string;
  timeoutMs: number;
}

export async function makePrintCover(apparatus: Apparatus, project: ProjectConfig, settings: PressSettings, geometry: CoverGeometry, options: PrintCoverOptions): Promise<Uint8Array> {
  const html = renderPrintCoverHtml(toPrintCoverView(apparatus, project, settings, geometry), project.look);
  const { printHtml } = await import('../print/typeset-pdf.js');
  const printed = await printHtml(html, { baseDir: options.baseDir, timeoutMs: options.timeoutMs });
  const boxed = await setCoverBoxes(printed, geometry);
  return toPdfx(boxed, { colour: 'cmyk', pdfx: settings.pdfx, title: `${apparatus.title} (cover)`, revision: options.revision, timeoutMs: options.timeoutMs });
}
