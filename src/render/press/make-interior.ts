/**
 * The press interior: the book typeset again with the preset's margins and styles/press/interior.css, then
 * made a printer's file: no links (PDF/X allows no annotations on the page), bookmarks only if the preset
 * keeps them, blank pages to an even count (and a blank last page if the printer wants one), TrimBox and
 * BleedBox equal to the page (a text interior is set without bleed), then PDF/X in DeviceGray through
 * Ghostscript. The reading PDF is not touched.
 */
import { printFiles } from '../print/browser/no-network.js';
import { PDFDocument, PDFName } from 'pdf-lib';
import type { ProjectConfig } from '../../config/load-project.js';
import { GalleyError } from '../../diagnostics.js';
import type { Book } from '../../model/types.js';
import { minGutter, refusePageCount, toInches, type PressSettings } from '../../press/presets.js';
import { readLookFile } from '../../paths/look.js';
import { toPdfx } from './to-pdfx.js';
import { estimatePages } from '../print/estimate-pages.js';
import { BASE_TYPESET_MS, typesetTimeoutMs } from '../print/typeset-timeout.js';

export interface InteriorOptions {
  galleyVersion: string;
  revision: string;
  author: string;
  /** the typesetting limit asked for; unset: scaled with the book (render/print/typeset-timeout.ts) */
  timeoutMs?: number;
  onProgress?: (p: { pages?: number }) => void;
}

/** A running head or foot folio (8.5 pt on a 14pt box) and its gap to the text block, in inches. */
const FURNITURE = 0.35;

function inches(x: number): string {
  return `${Math.round(x * 1000) / 1000}in`;
}

/**
 * The margins for the press: galley.yaml's, widened where the printer asks for more at this page count —
 * the gutter by page count, the least outer margins, and room for the running heads and foot folios
 * outside the safety margin.
 */
export function pressMargins(margin: ProjectConfig['print']['margin'], settings: PressSettings, pages: number): ProjectConfig['print']['margin'] {
  const at = (configured: string, least: number) => (toInches(configured) >= least - 1e-9 ? configured : inches(least));
  return {
    top: at(margin.top, Math.max(settings.minMargin, settings.safety + FURNITURE)),
    bottom: at(margin.bottom, Math.max(settings.minMargin, settings.safety + FURNITURE)),
    inside: at(margin.inside, Math.max(minGutter(settings, pages), settings.safety)),
    outside: at(margin.outside, Math.max(settings.minMargin, settings.safety)),
  };
}

function sameMargins(a: ProjectConfig['print']['margin'], b: ProjectConfig['print']['margin']): boolean {
  return a.top === b.top && a.bottom === b.bottom && a.inside === b.inside && a.outside === b.outside;
}

/** The printed pages → the printer's file before PDF/X: annotations and (maybe) outline gone, blanks added. */
export async function prepareInterior(pdf: Uint8Array, settings: Pick<PressSettings, 'bookmarks' | 'blankFinalPage'> & { padTo?: number }): Promise<{ bytes: Uint8Array; pages: number }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  for (const page of doc.getPages()) page.node.delete(PDFName.of('Annots'));
  if (!settings.bookmarks) {
    doc.catalog.delete(PDFName.of('Outlines'));
    doc.catalog.delete(PDFName.of('PageMode'));
  }
  const { width, height } = doc.getPage(0).getSize();
  if (settings.blankFinalPage) doc.addPage([width, height]);
  // a book shorter than the printer binds, padded on request (press: pad-to-minimum) with blank leaves
  while (settings.padTo !== undefined && doc.getPageCount() < settings.padTo) doc.addPage([width, height]);
  if (doc.getPageCount() % 2 === 1) doc.addPage([width, height]);
  for (const page of doc.getPages()) {
    const box = page.getMediaBox();
    page.setTrimBox(box.x, box.y, box.width, box.height);
    page.setBleedBox(box.x, box.y, box.width, box.height);
  }
  const pages = doc.getPageCount();
  return { bytes: await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false }), pages };
}

export interface Interior {
  bytes: Uint8Array;
  pages: number;
  margin: ProjectConfig['print']['margin'];
}

export async function makeInterior(book: Book, project: ProjectConfig, settings: PressSettings, options: InteriorOptions): Promise<Interior> {
  const { renderPrintHtml } = await import('../print/render-print-html.js');
  const { typesetPdf } = await import('../print/typeset-pdf.js');
  const extraCss = readLookFile(project.look, 'styles/press/interior.css');
  let margin = pressMargins(project.print.margin, settings, 0);
  // the gutter depends on the page count, which depends on the gutter: lay out again until they agree
  for (let attempt = 0; ; attempt++) {
    const html = renderPrintHtml(book, { ...project, print: { ...project.print, margin } }, { galleyVersion: options.galleyVersion, revision: options.revision, extraCss });
    const printed = await typesetPdf(html, {
      baseDir: book.dir,
      allowFiles: printFiles(book, project),
      timeoutMs: typesetTimeoutMs(options.timeoutMs, estimatePages(html, project.print)),
      title: book.meta.title,
      author: options.author,
      language: book.meta.language,
      revision: options.revision,
      onProgress: options.onProgress,
    });
    const prepared = await prepareInterior(printed, { ...settings, padTo: settings.padToMinimum ? settings.minPages : undefined });
    const wanted = pressMargins(project.print.margin, settings, prepared.pages);
    if (!sameMargins(wanted, margin) && attempt < 2) {
      margin = wanted;
      continue;
    }
    const refused = refusePageCount(settings, prepared.pages);
    if (refused) throw new GalleyError('press-page-count', `${refused}; choose another printer or paper in press: of galley.yaml or book.yaml${prepared.pages < settings.minPages ? ', or pad the book with blank pages (press: pad-to-minimum: true)' : ''}`, { file: `content/${book.slug}/book.yaml` });
    const bytes = await toPdfx(prepared.bytes, { colour: 'gray', pdfx: settings.pdfx, title: book.meta.title, revision: options.revision, timeoutMs: options.timeoutMs ?? BASE_TYPESET_MS });
    return { bytes, pages: prepared.pages, margin };
  }
}
