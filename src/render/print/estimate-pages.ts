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

/** The estimate for a print document's HTML: its visible text (styles and tags left out) over a page's worth, and ~7 pages of apparatus. */
export function estimatePages(html: string, print: ProjectConfig['print']): number {
  const text = html.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
  return 7 + Math.ceil(text.length / charactersPerPage(print));
}
