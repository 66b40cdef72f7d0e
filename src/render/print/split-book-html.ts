/**
 * The print HTML cut into parts that tabs lay out side by side: at chapter boundaries, with about equal
 * text in each part, the front matter with the first. Pure string work on the HTML that
 * render-print-html.ts makes (every chapter is a top-level `<section class="chapter…">`).
 */

/** Below this much text a book is laid out in one tab: a second one would cost more than it saves. */
export const SPLIT_MIN_CHARS = 120_000;

/** Which part of the book a tab lays out: the front matter (first part only) and the chapters in [from, to). */
export interface PartSpec {
  from: number;
  to: number;
  front: boolean;
}

/** Divide the chapters into `tabs` runs of about equal text; the first run also carries the front matter. */
export function planParts(chapterSizes: number[], tabs: number): PartSpec[] {
  const total = chapterSizes.reduce((a, b) => a + b, 0);
  if (tabs < 2 || chapterSizes.length < 2 || total < SPLIT_MIN_CHARS) return [{ from: 0, to: chapterSizes.length, front: true }];
  const parts: PartSpec[] = [];
  let from = 0;
  let acc = 0;
  for (let t = 1; t < tabs; t++) {
    const goal = (total * t) / tabs;
    let to = from;
    while (to < chapterSizes.length - (tabs - t) && acc + chapterSizes[to] / 2 < goal) acc += chapterSizes[to++];
    if (to === from) acc += chapterSizes[to++];
    parts.push({ from, to, front: parts.length === 0 });
    from = to;
  }
  parts.push({ from, to: chapterSizes.length, front: false });
  return parts;
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

/** The HTML one tab lays out: the front matter with the first part, the head alone with the others. */
export function partHtml(pieces: HtmlPieces, part: PartSpec): string {
  const front = part.front ? pieces.front : `${pieces.front.slice(0, pieces.bodyStart)}\n`;
  return front + pieces.chapters.slice(part.from, part.to).join('') + pieces.end;
}
