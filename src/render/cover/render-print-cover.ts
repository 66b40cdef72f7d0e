/**
 * renderPrintCoverHtml(view) → the print cover's HTML (templates/press/cover.html.hbs with
 * styles/press/cover.css inlined): one page the size of the whole sheet, printed as it is by the browser.
 */
import { getTemplate } from '../shared/handlebars-env.js';
import { readLookFile, type Look } from '../../paths/look.js';
import type { PrintCoverView } from './to-cover-view.js';

export function renderPrintCoverHtml(view: PrintCoverView, look?: Look): string {
  const css = readLookFile(look, 'styles/press/cover.css');
  return getTemplate('press/cover.html.hbs', look)({ ...view, css });
}
