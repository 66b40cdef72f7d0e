/**
 * The print HTML cut into parts that tabs lay out side by side: whole chapters, with about equal work in
 * each part, the front matter with the first. A part need not be a run of consecutive chapters: every
 * chapter opens on a right-hand page, so its pages do not depend on what comes before it, and the parts'
 * pages are put back in the book's order afterwards (typeset-pdf.ts). One long work (the Foundations in
 * Works, Vol. 6) would otherwise leave the other tab idle. Pure string work on the HTML that
 * render-print-html.ts makes (every chapter is a top-level `<section class="chapter…">`).
 */

/** Below this much text a book is laid out in one tab: a second one would cost more than it saves. */
export const SPLIT_MIN_CHARS = 120_000;

/** A chapter's opening (a right-hand page, often after a blank one) costs about a page of text. */
export const CHAPTER_OPENING_CHARS = 1_700;

/** Which part of the book a tab lays out: the front matter (first part only) and these chapters, in order. */
export interface PartSpec {
  chapters: number[];
  front: boolean;
}

/**
 * Divide the chapters among `tabs` parts of about equal work: the longest first, each to the part with
 * the least so far (the first part starts with the front matter's weight).
 */
export function planParts(chapterSizes: number[], tabs: number, frontSize = 0): PartSpec[] {
  const all = chapterSizes.map((_, i) => i);
  const total = chapterSizes.reduce((a, b) => a + b, 0);
  if (tabs < 2 || chapterSizes.length < 2 || total < SPLIT_MIN_CHARS) return [{ chapters: all, front: true }];
  const count = Math.min(tabs, chapterSizes.length);
  const load = Array.from({ length: count }, (_, i) => (i === 0 ? frontSize : 0));
  const parts: PartSpec[] = Array.from({ length: count }, (_, i) => ({ chapters: [], front: i === 0 }));
  const longestFirst = [...all].sort((a, b) => chapterSizes[b] - chapterSizes[a] || a - b);
  for (const chapter of longestFirst) {
    const lightest = load.indexOf(Math.min(...load));
    parts[lightest].chapters.push(chapter);
    load[lightest] += chapterSizes[chapter] + CHAPTER_OPENING_CHARS;
  }
  for (const part of parts) part.chapters.sort((a, b) => a - b);
  return parts.filter((part) => part.front || part.chapters.length > 0);
}

/** The print HTML cut at its chapters: what comes before the first, each chapter, and the end. */
interface HtmlPieces {
  /** the head and the front matter */
  front: string;
  /** where the front matter ends and the body begins */
  bodyStart: number;
  chapters: string[];
  end: string;
}

const CHAPTER_MARKER = '<section class="chapter';

export function cutHtml(html: string): HtmlPieces {
  const starts: number[] = [];
  for (let at = html.indexOf(CHAPTER_MARKER); at >= 0; at = html.indexOf(CHAPTER_MARKER, at + 1)) starts.push(at);
  const endAt = html.lastIndexOf('</body>');
  if (starts.length === 0 || endAt < 0) return { front: html, bodyStart: html.length, chapters: [], end: '' };
  const bodyStart = html.indexOf('<body>') + '<body>'.length;
  return {
    front: html.slice(0, starts[0]),
    bodyStart,
    chapters: starts.map((s, i) => html.slice(s, i + 1 < starts.length ? starts[i + 1] : endAt)),
    end: html.slice(endAt),
  };
}

/**
 * A link to a place that another part lays out: Chromium prints no link to an id its page does not hold, so
 * such a link is written as this address, which Chromium prints as a URI link with the same rectangle;
 * finish-pdf.ts turns it back into a link to the named destination once the parts are joined.
 */
export const ELSEWHERE_LINK = 'https://galley.invalid/elsewhere#';

/** The HTML one tab lays out: the front matter with the first part, the head alone with the others. */
export function partHtml(pieces: HtmlPieces, part: PartSpec): string {
  const front = part.front ? pieces.front : `${pieces.front.slice(0, pieces.bodyStart)}\n`;
  const html = front + part.chapters.map((i) => pieces.chapters[i]).join('') + pieces.end;
  const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
  return html.replace(/(<a\b[^>]*?\shref=")#([^"]+)"/g, (whole, start: string, id: string) => (ids.has(id) ? whole : `${start}${ELSEWHERE_LINK}${id}"`));
}

/** The text of a piece of the HTML, without its tags and soft hyphens: what the planner weighs. */
export function textLength(html: string): number {
  return html.replace(/<style[^]*?<\/style>|<script[^]*?<\/script>|<[^>]*>|\u00ad|&shy;/g, '').length;
}
