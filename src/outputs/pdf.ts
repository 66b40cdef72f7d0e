/** The reading PDF: Paged.js in Chromium, RGB, with links, bookmarks and page labels. */
import { join } from 'node:path';
import { buildApparatus } from '../transform/build-apparatus.js';
import { printFiles } from '../render/print/browser/no-network.js';
import { loadTypesetter } from './typesetter.js';
import type { OutputDef } from './types.js';

export const pdfOutput: OutputDef = {
  id: 'pdf',
  file: (slug) => `${slug}.pdf`,
  inputs: ['templates/print', 'templates/partials', 'styles/print'],
  needs: [],
  usesBrowser: true,
  async build({ book, options, revision }) {
    const { renderPrintHtml } = await import('../render/print/render-print-html.js');
    const { typesetPdf } = await loadTypesetter();
    const html = renderPrintHtml(book, options.project, { galleyVersion: options.galleyVersion, revision });
    const bytes = await typesetPdf(html, {
      baseDir: book.dir,
      allowFiles: printFiles(book, options.project),
      timeoutMs: options.pdfTimeoutMs ?? 600_000,
      title: book.meta.title,
      author: buildApparatus(book, options.project, { galleyVersion: options.galleyVersion, revision }).byline,
      language: book.meta.language,
      revision,
      // the units of the last build (render/print/unit-cache.ts): a correction lays out again only what it changed
      cache: { dir: join(options.project.root, '.cache', 'print', book.slug), read: !options.force },
      onProgress: (p: { pages?: number }) => options.onProgress?.({ book: book.slug, stage: 'pdf', pages: p.pages }),
    });
    return { bytes };
  },
};
