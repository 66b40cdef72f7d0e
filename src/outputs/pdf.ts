/** The reading PDF: Paged.js in Chromium, RGB, with links, bookmarks and page labels. */
import { join } from 'node:path';
import { buildApparatus } from '../transform/build-apparatus.js';
import { printFiles } from '../render/print/browser/no-network.js';
import { estimatePages } from '../render/print/estimate-pages.js';
import { typesetTimeoutMs } from '../render/print/typeset-timeout.js';
import { loadTypesetter } from './typesetter.js';
import { mark } from '../build/timings.js';
import type { OutputDef } from './types.js';

/** A folio as the page label shows it: lower-case roman in the front matter. */
export function folioLabel(folio: number, roman: boolean): string {
  if (!roman || folio <= 0) return String(folio);
  const numerals: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (let n = folio, k = 0; n > 0; ) {
    if (n >= numerals[k][0]) (out += numerals[k][1]), (n -= numerals[k][0]);
    else k++;
  }
  return out;
}

export const pdfOutput: OutputDef = {
  id: 'pdf',
  file: (slug) => `${slug}.pdf`,
  inputs: ['templates/print', 'templates/partials', 'styles/print'],
  needs: [],
  usesBrowser: true,
  async build({ book, options, revision }) {
    const [{ renderPrintHtml }, { ChapterCache }, { typesetPdf }] = await Promise.all([
      import('../render/print/render-print-html.js'),
      import('../render/print/chapter-cache.js'),
      loadTypesetter(),
    ]);
    mark('pdf: modules');
    // the chapters' print HTML of the last build (render/print/chapter-cache.ts): a correction hyphenates again only its chapter
    const chapterCache = new ChapterCache({ dir: join(options.project.root, '.cache', 'print-html', book.slug), read: !options.force });
    const html = renderPrintHtml(book, options.project, { galleyVersion: options.galleyVersion, revision, chapterCache });
    chapterCache.prune();
    mark('pdf: print html');
    let pages: { folio: number; roman: boolean; text: string }[] = [];
    const estimate = estimatePages(html, options.project.print);
    let step: 'layout' | 'print' | 'join' = 'layout';
    let typeset = 0;
    const report = (next: typeof step, count = typeset) => options.onProgress?.({ book: book.slug, stage: 'pdf', step: (step = next), pages: (typeset = count), estimate });
    report('layout', 0);
    const bytes = await typesetPdf(html, {
      baseDir: book.dir,
      allowFiles: printFiles(book, options.project),
      timeoutMs: typesetTimeoutMs(options.pdfTimeoutMs, estimate),
      title: book.meta.title,
      author: buildApparatus(book, options.project, { galleyVersion: options.galleyVersion, revision }).byline,
      language: book.meta.language,
      revision,
      // the units of the last build (render/print/unit-cache.ts): a correction lays out again only what it changed
      cache: { dir: join(options.project.root, '.cache', 'print', book.slug), read: !options.force },
      onProgress: (p: { pages?: number }) => step === 'layout' && report('layout', p.pages ?? typeset),
      // each page's text fingerprint and label: what the next build's change report compares with
      onPages: (p) => (pages = p),
      // the typesetter's stages (typeset-pdf.ts): every unit laid out (the first units print meanwhile, as their
      // folios are known), then the rest printed, then joined
      onTiming: (stage) => (stage === 'laid out' && step === 'layout' ? report('print') : stage === 'printed' ? report('join') : undefined),
    });
    return { bytes, facts: { pages: pages.length, pageTexts: pages.map((p) => p.text), pageLabels: pages.map((p) => folioLabel(p.folio, p.roman)) } };
  },
  async validate(bytes, { options }, where) {
    const { validatePdf, askedFonts } = await import('../check/validate-pdf.js');
    return validatePdf(bytes, askedFonts(options.project), where);
  },
};
