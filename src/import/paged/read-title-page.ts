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
  /** translators and editors named on the title page */
  credits: { role: 'translator' | 'editor'; name: string }[];
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
  const cased = isAllCaps(t) ? normalizeHeadingCase(t).replace(/\bAnd\b/g, 'and') : t;
  // "Karl Marx and Friedrich Engels": names joined
  const names = cased.split(/,\s+(?:and\s+)?|\s+(?:and|&)\s+/);
  if (names.every((n) => isPersonName(n) || isNameWithParticle(n))) return cased;
  if (/^by\s/i.test(text.trim()) && /^\p{Lu}/u.test(cased) && cased.split(' ').length <= 5) return cased;
  return undefined;
}

/** "Thomas De Quincey", "Sun Tzu", "Ludwig van Beethoven": two to four words, capitalised but for a particle. */
function isNameWithParticle(text: string): boolean {
  const words = text.split(' ');
  if (words.length < 2 || words.length > 4) return false;
  if (/^(?:The|A|An|On|Of|In|To|For|Preface|Chapter|Book|Part|Introduction|Letter|Notes?)$/.test(words[0]!)) return false;
  return words.every((w, i) => /^\p{Lu}[\p{Ll}’'-]+\.?$|^\p{Lu}\.$/u.test(w) || (i > 0 && i < words.length - 1 && /^(?:de|van|von|der|da|di|la|le|du)$/.test(w)));
}

/** "Translated by Lionel Giles", "Edited by …": a credit line under the author. */
export function readCreditLine(text: string): { role: 'translator' | 'editor'; name: string } | undefined {
  const m = /^(Translated|Translation|Edited|Rendered into English)(?:\s+(?:from\s+the\s+\p{L}+\s+)?(?:by|:))\s+(.+?)\.?$/iu.exec(text.trim());
  if (!m) return undefined;
  return { role: /^Edited/i.test(m[1]!) ? 'editor' : 'translator', name: m[2]!.replace(/^the late\s+/i, '') };
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
  const credits: TitlePage['credits'] = [];
  let gap = false;
  for (const l of lines) {
    const raw = l.text.trim();
    if (raw === '') {
      if (titleLines.length) gap = true;
      continue;
    }
    const t = readLetterSpaced(raw, vocabulary);
    if (t.length > full * 0.9 && titleLines.length) break;
    const credit = readCreditLine(t);
    if (credit && titleLines.length) {
      credits.push(credit);
      used.push(l);
      continue;
    }
    if (author) break;
    // a name of one word (`Thucydides`) when a credit line follows it or the running heads repeat it
    const nextText = lines.slice(lines.indexOf(l) + 1).find((x) => x.text.trim() !== '')?.text ?? '';
    const single = /^\p{Lu}\p{Ll}{3,}$|^\p{Lu}{4,}$/u.test(t) && !/^(?:Preface|Introduction|Contents|Chapter|Book|Part|Notes?|Prologue|Foreword)$/i.test(t) && (readCreditLine(nextText) !== undefined || heads.some((h) => h.trim().toLowerCase() === t.toLowerCase()));
    const name = authorName(t) ?? (single ? (isAllCaps(t) ? normalizeHeadingCase(t) : t) : undefined);
    if (name && titleLines.length) {
      author = name;
      used.push(l);
      continue;
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
  // a title broken over lines with a hyphen ("Opi-" / "um-Eater") is joined back
  let title = titleLines.reduce((acc, t) => (/\p{Ll}-$/u.test(acc) && /^\p{Ll}/u.test(t) ? acc.slice(0, -1) + t : acc ? `${acc} ${t}` : t), '').replace(/\s+/g, ' ').trim() || undefined;
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
  return { title, subtitle, author, credits, used: title || author ? used : [] };
}
