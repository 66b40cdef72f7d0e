/**
 * renderPrintHtml(book, project, options) → one HTML document for Paged.js: front matter, contents,
 * chapters with notes inline at their references, the page geometry of galley.yaml and the print
 * stylesheet inlined (one file, fonts by file:// URL). Pure apart from reading the stylesheet.
 */
import type { ProjectConfig } from '../../config/load-project.js';
import type { Book } from '../../model/types.js';
import { getTemplate } from '../shared/handlebars-env.js';
import { readLookFile, type Look } from '../../paths/look.js';
import { toPrintView, type PrintOptions, type PrintView } from './to-print-view.js';

export type { PrintOptions } from './to-print-view.js';

/**
 * The generated page rules (geometry, fonts, running title), then the house print stylesheet, then a
 * variant's own rules (the press interior's, styles/press/interior.css). A project's own styles/ and
 * templates/ (or its theme's) replace galley's files of the same name (paths/look.ts).
 */
export function buildPrintCss(view: PrintView, extraCss = '', look?: Look): string {
  const page = getTemplate('print/page.css.hbs', look)(view);
  const css = readLookFile(look, 'styles/print/book.css');
  // the stylesheet goes raw into <style>: nothing in it may end the element (values are escaped in page.css.hbs)
  return (extraCss ? `${page}\n${css}\n${extraCss}` : `${page}\n${css}`).replace(/<\/(style)/gi, '<\\/$1');
}

export function renderPrintHtml(book: Book, project: ProjectConfig, options: PrintOptions & { extraCss?: string }): string {
  const view = toPrintView(book, project, options);
  return getTemplate('print/book.html.hbs', project.look)({ ...view, css: buildPrintCss(view, options.extraCss, project.look) });
}
