/**
 * The press cover, dist/<book>-cover.pdf: back, spine and front with bleed, its spine as wide as the
 * interior's page count makes it; so it needs the interior, and only the page count enters its hash (a
 * change to the text that keeps the page count leaves the cover as it is).
 */
import { GalleyError } from '../diagnostics.js';
import { computeCoverGeometry } from '../press/cover-geometry.js';
import { toInches } from '../press/presets.js';
import { buildApparatus } from '../transform/build-apparatus.js';
import type { OutputDef } from './types.js';

export const coverOutput: OutputDef = {
  id: 'cover',
  file: (slug) => `${slug}-cover.pdf`,
  inputs: ['templates/press/cover.html.hbs', 'styles/press/cover.css'],
  needs: ['interior'],
  fromNeeded: (needed) => `pages ${needed.interior?.pages ?? '?'}`,
  bookYamlOnly: true,
  press: true,
  usesBrowser: true,
  async build({ book, options, revision, needed, press }) {
    const pages = needed.interior?.pages;
    if (!pages) throw new GalleyError('cover-failed', 'The cover needs the interior’s page count, and the interior was not built', { file: `content/${book.slug}` });
    const settings = press();
    const geometry = computeCoverGeometry(settings, toInches(options.project.print.width), toInches(options.project.print.height), pages);
    const { makePrintCover } = await import('../render/cover/make-print-cover.js');
    const apparatus = buildApparatus(book, options.project, { galleyVersion: options.galleyVersion, revision });
    const bytes = await makePrintCover(apparatus, options.project, settings, geometry, { baseDir: book.dir, revision, timeoutMs: options.pdfTimeoutMs ?? 600_000 });
    return { bytes };
  },
  async check(path, ctx) {
    const { checkPressCover } = await import('../check/press.js');
    return checkPressCover(path, ctx);
  },
};
