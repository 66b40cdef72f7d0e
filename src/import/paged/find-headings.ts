/**
 * Headings among the paragraphs, from the document's own evidence: a short block the running heads repeat (a
 * chapter's title in the head of its pages), the first block of a page that carries no running head while the
 * others do (a chapter's opening page), a numbered or capitalised heading, or a short line in Title Case that
 * stands alone.
 */
import { REF_CLOSE, REF_OPEN } from '../clean/types.js';
import { endsSentence } from '../repair/join-paragraphs.js';
import { isDateline, isNumberedHeading, isPersonName, isStrongHeading, isTitleCaseHeading } from '../structure/classify-block.js';
import type { Paragraph } from './build-paragraphs.js';
import { headKey } from './find-furniture.js';

const MARKS = new RegExp(`${REF_OPEN}\\d+${REF_CLOSE}|\\{\\{page [^}]*\\}\\}`, 'g');
export const plainText = (s: string) => s.replace(MARKS, '').replace(/\s+/g, ' ').trim();

/** `Chapter IV`, `IV.`, `BOOK II`, `Part 3`: a label that numbers the heading after it. */
export const LABEL_ONLY = /^(?:(?:Chapter|Part|Book|Section|Letter|Essay|Lecture|Canto|Act|Scene)\s+(?:[IVXLC]+|\d{1,3}|[A-Z][a-z]+)|[IVXLC]{1,7})\.?$/;

export interface HeadingEvidence {
  /** per page: the running heads printed on it */
  pageHeads: string[][];
  /** pages that carry a running head: most of them do, and a page that does not may open a chapter */
  headedShare: number;
  /** the body's full line length */
  full: number;
}

export function isHeading(p: Paragraph, next: Paragraph | undefined, ev: HeadingEvidence): boolean {
  const t = plainText(p.text);
  if (!t || t.length > 160 || p.lines > 3 || /[,;]$/.test(t) || /^\p{Ll}/u.test(t) || /-$/.test(t)) return false;
  if (isPersonName(t) || isDateline(t)) return false;
  const key = headKey(t);
  // the running heads repeat it (a chapter's title, or part of it, heads its pages)
  if (key.length >= 6) {
    for (const heads of ev.pageHeads) {
      const joined = heads.map(headKey).join('');
      if (joined.length >= 6 && (joined.includes(key) || (key.includes(joined) && joined.length >= key.length * 0.5))) return true;
      for (const h of heads) {
        const k = headKey(h);
        if (k.length >= 8 && key.includes(k) && k.length >= key.length * 0.5) return true;
      }
    }
  }
  if (LABEL_ONLY.test(t)) return true;
  const alone = !next || next.pageTop || !endsSentence(t) || p.lines === 1;
  if (!alone) return false;
  // a chapter's opening page: no running head where the others have one
  const opening = p.pageTop && ev.headedShare >= 0.6 && (ev.pageHeads[p.page]?.length ?? 0) === 0 && !endsSentence(t) && t.length < ev.full * 1.5;
  if (opening && next && !next.pageTop) return true;
  if (p.lines === 1 && t.length < ev.full * 0.8 && (isNumberedHeading(t) || isStrongHeading(t))) return true;
  return p.lines === 1 && t.length < ev.full * 0.7 && isTitleCaseHeading(t) && next !== undefined && plainText(next.text).length > ev.full;
}
