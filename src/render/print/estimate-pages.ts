/**
 * How many pages a book will print, guessed before it is laid out, for the progress display ("42/~350
 * pages"): its text's characters over the characters a page holds, plus the front and back matter. The page
 * holds ~2,200 characters at galley's default 5.5 x 8.5 in, 10.5 pt on 1.35 (measured: Vol. 6, 752k characters,
 * 348 pages; Foundations, 222k, 109); other trims and type sizes scale it by area.
 */
import type { ProjectConfig } from '../../config/load-project.js';

const POINTS: Record<string, number> = { in: 72, mm: 72 / 25.4, cm: 72 / 2.54, pt: 1 };

function points(length: string): number {
  const m = /^(\d+(?:\.\d+)?)(mm|in|pt|cm)$/.exec(length);
  return m ? Number(m[1]) * POINTS[m[2]] : NaN;
}

/** Characters of running text in a page of these settings. */
export function charactersPerPage(print: ProjectConfig['print']): number {
  const width = points(print.width) - points(print.margin.inside) - points(print.margin.outside);
  const height = points(print.height) - points(print.margin.top) - points(print.margin.bottom);
  const size = points(print.fontSize);
  const perPage = 2200 * ((width * height) / (291.6 * 504)) * (10.5 / size) ** 2 * (1.35 / print.lineHeight);
  return Number.isFinite(perPage) && perPage > 100 ? perPage : 2200;
}

/** Where the first `</style>` (in any case) at or after `from` starts, or -1. */
function closingStyle(html: string, from: number): number {
  for (let j = html.indexOf('</', from); j >= 0; j = html.indexOf('</', j + 1)) {
    if (html.slice(j + 2, j + 8).toLowerCase() === 'style>') return j;
  }
  return -1;
}

/**
 * The length of an HTML document's visible text: without its <style> elements and tags, each run of white
 * space counted as one character. The same count as
 * `html.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').length`,
 * in one pass that makes no copy of a book's 1.5 MB (three copies took 40–140 ms of a rebuild).
 */
export function visibleTextLength(html: string): number {
  let count = 0;
  let space = false;
  const n = html.length;
  for (let i = 0; i < n; i++) {
    const c = html.charCodeAt(i);
    if (c === 60 /* < */) {
      if (html.slice(i + 1, i + 6).toLowerCase() === 'style') {
        const end = closingStyle(html, i + 6);
        if (end >= 0) {
          i = end + 7;
          continue;
        }
      }
      const close = html.indexOf('>', i + 1);
      if (close > i + 1) {
        i = close;
        continue;
      }
    }
    // \s of JavaScript's regular expressions
    const white = c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
    if (white) {
      if (!space) count++;
      space = true;
    } else {
      count++;
      space = false;
    }
  }
  return count;
}

/** The estimate for a print document's HTML: its visible text (styles and tags left out) over a page's worth, and ~7 pages of apparatus. */
export function estimatePages(html: string, print: ProjectConfig['print']): number {
  return 7 + Math.ceil(visibleTextLength(html) / charactersPerPage(print));
}
