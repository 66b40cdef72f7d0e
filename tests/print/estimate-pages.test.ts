/**
 * The page estimate's text count (estimate-pages.ts) in one pass: the same count as the three regular
 * expressions it replaces, on a real book's print HTML and on the cases that tell them apart from a naive
 * count (style elements in any case, a lone `<`, `<>`, white space across tags, no-break spaces).
 */
import { describe, expect, it } from 'vitest';
import { renderPrintHtml } from '../../src/render/print/render-print-html.js';
import { charactersPerPage, estimatePages, visibleTextLength } from '../../src/render/print/estimate-pages.js';
import { loadBook, project, SAMPLE_BOOK } from '../helpers/books.js';

const byRegex = (html: string) => html.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').length;

describe('visibleTextLength', () => {
  it('counts what the regular expressions left, on a real print document', () => {
    const { book } = loadBook(SAMPLE_BOOK);
    const html = renderPrintHtml(book, project(), { galleyVersion: '0.0.0-test', revision: '2026-01-02' });
    expect(html.length).toBeGreaterThan(10_000);
    expect(visibleTextLength(html)).toBe(byRegex(html));
    expect(estimatePages(html, project().print)).toBe(7 + Math.ceil(byRegex(html) / charactersPerPage(project().print)));
  });

  it.each([
    'plain  text\n\n here',
    '<p>a</p> <p> b </p>',
    '<STYLE>p { x: y }</Style>after',
    '<style>never closed <p>a</p>',
    'a < b and <> c',
    'ends with <',
    'x\u00a0\u00a0y\u2009z\tw',
    ' <b> </b> lead and trail ',
    '<style a="1">x</style><style>y</style >z</style>w',
  ])('the same count for %j', (html) => {
    expect(visibleTextLength(html)).toBe(byRegex(html));
  });
});
