/**
 * renderPrintCoverHtml(view) → the print cover's HTML (templates/press/cover.html.hbs with
 * styles/press/cover.css inlined): one page the size of the whole sheet, printed as it is by the browser.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTemplate, STYLES_DIR } from '../shared/handlebars-env.js';
import type { PrintCoverView } from './to-cover-view.js';

export function renderPrintCoverHtml(view: PrintCoverView): string {
  const css = readFileSync(join(STYLES_DIR, 'press', 'cover.css'), 'utf8');
  return getTemplate('press/cover.html.hbs')({ ...view, css });
}
