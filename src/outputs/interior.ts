/** The press interior, dist/<book>-interior.pdf: PDF/X in pure black, the preset's margins (render/press/make-interior.ts). */
import { buildApparatus } from '../transform/build-apparatus.js';
import type { OutputDef } from './types.js';

export const interiorOutput: OutputDef = {
  id: 'interior',
  file: (slug) => `${slug}-interior.pdf`,
  inputs: ['templates/print', 'templates/partials', 'styles/print', 'styles/press/interior.css'],
  needs: [],
  press: true,
  usesBrowser: true,
  async build({ book, options, revision, press }) {
    const { makeInterior } = await import('../render/press/make-interior.js');
    const interior = await makeInterior(book, options.project, press(), {
      galleyVersion: options.galleyVersion,
      revision,
      author: buildApparatus(book, options.project, { galleyVersion: options.galleyVersion, revision }).byline,
      timeoutMs: options.pdfTimeoutMs,
      onProgress: (p) => options.onProgress?.({ book: book.slug, stage: 'pdf', pages: p.pages }),
    });
    return { bytes: interior.bytes, facts: { pages: interior.pages } };
  },
  async check(path, ctx) {
    const { checkPressInterior } = await import('../check/press.js');
    return checkPressInterior(path, ctx);
  },
};
