/**
 * The title and the author, from the first page that has text: the lines at its top before the running text
 * (a title set on two lines is one title; a letter-spaced one is read as words), the author the line that is a
 * person's name (or `by …`). The running heads confirm or stand in: the book's first running head is often the
 * author's name or a short form of the title, never the full title itself.
 */
import { collapseLine } from '../repair/collapse-letter-spacing.js';
import type { Vocabulary } from '../repair/vocabulary.js';
import { isPersonName } from '../structure/classify-block.js';
import { isAllCaps, normalizeHeadingCase } from '../structure/heading-case.js';
import type { ImportContext } from '../types.js';
import type { PageLine } from './read-pages.js';

export interface TitlePage {
  title?: string;
  subtitle?: string;
  author?: string;
  /** the lines read as the title page (taken out of the body) */
  used: PageLine[];
}

/** "T H E  G R E A T  W A R" → "THE GREAT WAR" (unchanged when the line is not letter-spaced). */
export function readLetterSpaced(text: string, vocabulary: Vocabulary): string {
  const t = text.trim();
  const tokens = t.split(/\s+/);
  if (tokens.length < 4 || tokens.filter((x) => x.length === 1).length < tokens.length * 0.7) return t;
  // words apart by wider gaps (layout) are read apart; else the word list finds the words
  if (/\S {2,}\S/.test(t)) return t.split(/ {2,}/).map((w) => w.replace(/ /g, '')).join(' ');
  return collapseLine(t, vocabulary).text;
}

function authorName(text: string): string | undefined {
  const t = text.trim().replace(/^by\s+/i, '').replace(/\s+/g, ' ');
  const cased = isAllCaps(t) ? normalizeHeadingCase(t) : t;
  if (isPersonName(cased) || (/^by\s/i.test(text.trim()) && /^\p{Lu}/u.test(cased) && cased.split(' ').length <= 5)) return cased;
  return undefined;
}

const CONNECTIVE = /\b(?:of|and|the|a|an|in|on|to|for|with|Mr\.|Mrs\.|Dr\.|St\.|&)$/i;

/**
 * Reads the title page from the first page's lines (furniture already off). `full` is the body's full line length:
 * a line that long is running text, where the title page ends.
 */
export function readTitlePage(lines: PageLine[], full: number, heads: string[], vocabulary: Vocabulary, ctx: ImportContext): TitlePage {
  const used: PageLine[] = [];
  const titleLines: string[] = [];
  let author: string | undefined;
  let subtitle: string | undefined;
  let gap = false;
  for (const l of lines) {
    const raw = l.text.trim();
    if (raw === '') {
      if (titleLines.length) gap = true;
      continue;
    }
    const t = readLetterSpaced(raw, vocabulary);
    if (t.length > full * 0.9 && titleLines.length) break;
    const name = authorName(t);
    if (name && titleLines.length) {
      author = name;
      used.push(l);
      break;
    }
    if (titleLines.length >= 3 || /[,;:]$/.test(t)) break;
    // a line after a gap starts something else (a subtitle), unless the title plainly goes on
    if (gap && titleLines.length && !CONNECTIVE.test(titleLines[titleLines.length - 1]!) && !/^\p{Ll}/u.test(t)) {
      if (subtitle || t.length > full * 0.8) break;
      subtitle = t;
      used.push(l);
      continue;
    }
    titleLines.push(t);
    used.push(l);
    gap = false;
  }
  let title = titleLines.join(' ').replace(/\s+/g, ' ').trim() || undefined;
  if (!author) {
    // a running head that is a name stands in for a missing author line
    const named = heads.map(authorName).find((n) => n !== undefined);
    if (named) {
      author = named;
      ctx.review({ rule: 'title-page', kind: 'doubt', message: `no author line on the first page: the running head "${named}" taken as the author` });
    }
  }
  if (!author || !title) {
    // nothing that ends the title: what was read was not a title page
    if (!author && subtitle === undefined && titleLines.length === 0) title = undefined;
  }
  if (title && isAllCaps(title)) title = normalizeHeadingCase(title);
  if (subtitle && isAllCaps(subtitle)) subtitle = normalizeHeadingCase(subtitle);
  return { title, subtitle, author, used: title || author ? used : [] };
}
