/**
 * The pages of an extracted text. pdftotext (both modes) and tesseract end every page with a form feed; the page
 * is the unit that running heads, folios and notes at the page foot are decided on.
 */

export interface PageLine {
  /** the line as extracted, right-trimmed, tabs as spaces */
  text: string;
  /** 1-based line in the raw source */
  line: number;
  /** spaces before the first character (meaningful in `pdftotext -layout` output) */
  indent: number;
}

export interface Page {
  /** 0-based position in the document (the n-th form feed) */
  index: number;
  /** the page's lines, blank ones included */
  lines: PageLine[];
}

/** The form feeds that end pages, counted: more than one, and the text is paged. */
export function countPageBreaks(raw: string): number {
  return (raw.match(/\f/g) ?? []).length;
}

/**
 * Splits the text into pages at its form feeds. `raw` is the text as read (it still has its form feeds), `text` the
 * same text after the text rules (same lines; the rules may have removed the form feeds themselves).
 */
export function readPages(raw: string, text: string): Page[] {
  const rawLines = raw.split(/\r\n?|\n/);
  const lines = text.split('\n');
  const pages: Page[] = [{ index: 0, lines: [] }];
  rawLines.forEach((rawLine, i) => {
    const parts = rawLine.split('\f');
    if (parts.length > 1 && parts.slice(0, -1).some((p) => p.trim() !== '')) {
      // text on both sides of a form feed (rare): each piece on its page, as extracted
      parts.forEach((part, k) => {
        if (k > 0) pages.push({ index: pages.length, lines: [] });
        if (part.trim() !== '') pages[pages.length - 1]!.lines.push(toLine(part.replace(/[\u0000-\u001f]/g, ''), i + 1));
      });
      return;
    }
    for (let k = 1; k < parts.length; k++) pages.push({ index: pages.length, lines: [] });
    pages[pages.length - 1]!.lines.push(toLine((lines[i] ?? rawLine).replace(/\f/g, ''), i + 1));
  });
  // a form feed at the very end closes the last page; it opens no new one
  while (pages.length > 1 && pages[pages.length - 1]!.lines.every((l) => l.text.trim() === '')) pages.pop();
  return pages;
}

function toLine(text: string, line: number): PageLine {
  // a line-end hyphen as typesetters print it (U+2010, a soft hyphen) is the hyphen the repairs know
  const t = text.replace(/\t/g, ' ').replace(/\s+$/, '').replace(/(\p{L})[\u2010\u00ad]$/u, '$1-');
  return { text: t, line, indent: /^ */.exec(t)![0].length };
}

/** The page's lines that are not blank, with their positions in `page.lines`. */
export function contentLines(page: Page): PageLine[] {
  return page.lines.filter((l) => l.text.trim() !== '');
}
