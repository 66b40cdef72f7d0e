/**
 * Splits the repaired text of a volume into its works: a heading in capitals opens a work when the work before it
 * is closed by its source line ("Pravda, No. 23, January 30, 1924") or when it is the first; under a work, a
 * heading followed by its own dateline is a part (`##`), other headings are sections (`##`, or `###` under
 * parts). After a heading come the subtitle, the dateline and a source line set at the top; at a work's end the
 * dateline, the signature and the source line.
 */
import { isCapitals } from '../../repair/join-paragraphs.js';
import { isDateline } from '../../structure/classify-block.js';
import { normalizeHeadingCase } from '../../structure/heading-case.js';
import type { ImportContext, RawBlock } from '../../types.js';
import type { Piece } from '../assemble-book.js';

export interface PlannedWork {
  title: string;
  pieces: Piece[];
}

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
/** `January 16-18, 1924`, `May 9, 11, 14, 15 and 18, 1924`, `January 17`, `15. VII. 24`, `7/XI 24` */
const WORK_DATE = new RegExp(`^(?:(?:${MONTHS})(?:\\s+\\d{1,2}(?:(?:-|–|, | and )\\d{1,2})*)?(?:,?\\s+\\d{4})?|\\d{1,2}\\. [IVX]{1,4}\\. \\d{2}|\\d{1,2}/[IVX]{1,4} \\d{2})\\.?$`, 'u');

export function plainText(text: string): string {
  return text.replace(/\{\{page [^}]*\}\}/g, ' ').replace(/\s+/g, ' ').trim();
}

function pageMarkers(text: string): string[] {
  return text.match(/\{\{page [^}]*\}\}/g) ?? [];
}

function isWorkDate(text: string): boolean {
  return WORK_DATE.test(text) || isDateline(text);
}

/** Where a work was printed: `Pravda, No. 23, January 30, 1924`, `J. Stalin, On the Road to October GIZ, 1925`. */
export function isVolumeSource(text: string): boolean {
  // a sentence that introduces a quotation is running text (`…published in November 1915, in which he writes:`)
  if (/:$/.test(text)) return false;
  if (text.length < 60 && /^(?:First )?[Pp]ublished for the first time\.?$/.test(text)) return true;
  if (text.length > 200 || !/\b1[89]\d\d\b/.test(text)) return false;
  return /\bNos?\.\s*\d/.test(text) || /\b(?:published|Published|Moscow|Leningrad|GIZ|Bulletin|Pravda|Izvestia)\b/.test(text);
}

/** A heading in capitals: short, not a vow or a slogan (those end with `!` or run long). */
function isCapsHeading(text: string): boolean {
  return isCapitals(text) && text.length <= 110 && !/[!,;]$/.test(text) && !isDedication(text);
}

/** `DEDICATED TO THE LENIN ENROLMENT J. STALIN`, letter-spaced or not */
function isDedication(text: string): boolean {
  return /^DEDICATED/.test(text.replace(/\s/g, ''));
}

function isSubtitle(text: string): boolean {
  return !isCapitals(text) && text.length <= 160 && !/[.:;,]$/.test(text.replace(/\uE000\d+\uE001$/, '')) && /^\p{Lu}/u.test(text);
}

const ROMAN = /^[IVXL]{1,6}$/;

export function planVolumeWorks(blocks: RawBlock[], ctx: ImportContext): PlannedWork[] {
  const works: PlannedWork[] = [];
  let work: PlannedWork | undefined;
  let hasBody = false;
  let hasParts = false;
  let numeral: string | undefined;
  const push = (piece: Piece) => {
    // `J. Stalin Rabochy Korrespondent, No. 6, June 1924`: the signature ran into the source line
    const signed = piece.role === 'source' ? /^((?:\p{Lu}\.\s?){1,3}\p{Lu}\p{Ll}+)\s+(\p{Lu}.*)$/u.exec(piece.text.trim()) : null;
    if (signed && isVolumeSource(plainText(signed[2]!))) {
      work!.pieces.push({ role: 'signature', text: signed[1]!, line: piece.line }, { ...piece, text: signed[2]! });
    } else work!.pieces.push(piece);
  };
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const t = plainText(b.text);
    const marks = pageMarkers(b.text);
    if (ROMAN.test(t) && isCapsHeading(plainText(blocks[i + 1]?.text ?? ''))) {
      numeral = t;
      if (work && marks.length) push({ role: 'paragraph', text: marks.join(' '), line: b.line });
      continue;
    }
    if (isCapsHeading(t) && !isVolumeSource(t)) {
      // a heading set on several lines
      let title = t;
      // a page turn before the heading's first line begins the page with the heading: its marker stays in front; a
      // turn inside a heading set on several lines goes after it
      const lead = /^(?:\{\{page [^}]*\}\}\s*)+/.exec(b.text.trim())?.[0] ?? '';
      const ahead = pageMarkers(lead);
      let extra = marks.slice(ahead.length);
      while (i + 1 < blocks.length && isCapsHeading(plainText(blocks[i + 1]!.text)) && !/^\d+\.\s/.test(plainText(blocks[i + 1]!.text))) {
        i++;
        title = `${title} ${plainText(blocks[i]!.text)}`;
        extra = [...extra, ...pageMarkers(blocks[i]!.text)];
      }
      // the front: the short blocks between the heading and the text
      const front: string[] = [];
      for (const x of blocks.slice(i + 1, i + 5)) {
        const xt = plainText(x.text);
        if (xt.length > 160 || isCapsHeading(xt)) break;
        front.push(xt);
      }
      const dated = front.slice(0, 2).some((x) => isWorkDate(x)) || (front[0] !== undefined && isSubtitle(front[0]) && front[0].length > 20);
      // a work opens after the source line that closes the one before, or with a full date of its own (parts of a
      // work are dated by day only: "January 17")
      const fullDate = front.slice(0, 3).some((x) => isWorkDate(x) && /\b1[89]\d\d\b/.test(x));
      // the matter that closes a work: source line, dateline, signature, in any order
      const closing: string[] = [];
      for (let k = (work?.pieces.length ?? 0) - 1; k >= 0; k--) {
        const role = work!.pieces[k]!.role;
        if (role !== 'source' && role !== 'dateline' && role !== 'signature') break;
        closing.push(role);
      }
      const opensWork = !work || (hasBody && (closing.includes('source') || fullDate)) || (work.title === 'PREFACE' && hasBody);
      let level: number;
      if (opensWork) {
        work = { title, pieces: [] };
        works.push(work);
        hasBody = false;
        hasParts = false;
        level = 1;
      } else if (dated || (!hasBody && /^\d+\.\s/.test(title))) {
        hasParts = true;
        level = 2;
      } else {
        level = hasParts ? 3 : 2;
      }
      const text = normalizeHeadingCase(numeral ? `${numeral}. ${title}` : title);
      numeral = undefined;
      push({ role: 'heading', level, text: `${ahead.join('')}${[text, ...extra].join(' ')}`, line: b.line });
      ctx.review({ rule: 'volume-works', kind: 'fixed', line: b.line, message: `${level === 1 ? 'work' : level === 2 ? 'part or section' : 'section'} "${text}"` });
      // the front: subtitle, dateline, a source set at the top
      while (i + 1 < blocks.length) {
        const n = blocks[i + 1]!;
        const nt = plainText(n.text);
        const last = work!.pieces[work!.pieces.length - 1]!;
        // a source line set at the top, broken over short lines (`Thirteenth Conference…` / `Party (Bolsheviks).` /
        // `Bulletin. Moscow, 1924`)
        const run = [1, 2, 3].map((k) => blocks.slice(i + 1, i + 1 + k)).find((r) => r.length > 1 && r.every((x) => plainText(x.text).length < 80) && isVolumeSource(r.map((x) => plainText(x.text)).join(' ')) && !isVolumeSource(plainText(r[0]!.text)));
        if (run && !isWorkDate(nt)) {
          push({ role: 'source', text: run.map((x) => x.text).join(' '), line: n.line });
          i += run.length;
          continue;
        }
        if (isWorkDate(nt)) push({ role: 'dateline', text: n.text, line: n.line });
        else if (isVolumeSource(nt) && nt.length < 160) push({ role: 'source', text: n.text, line: n.line });
        else if (last.role === 'heading' && isSubtitle(nt)) push({ role: 'subtitle', text: n.text, line: n.line });
        else break;
        i++;
      }
      continue;
    }
    if (!work) {
      work = { title: t, pieces: [] };
      works.push(work);
    }
    if (isDedication(t)) {
      let whole = t;
      while (i + 1 < blocks.length && isCapitals(plainText(blocks[i + 1]!.text)) && plainText(blocks[i + 1]!.text).length < 60) {
        i++;
        whole = `${whole} ${plainText(blocks[i]!.text)}`;
      }
      const m = /^(.*?)\s+((?:\p{Lu}\.\s?){1,3}\p{Lu}+)$/u.exec(whole);
      const words = (m ? m[1]! : whole).replace(/^D ?E ?D ?I ?C ?A ?T ?E ?D\b/u, 'DEDICATED');
      push({ role: 'epigraph', text: normalizeHeadingCase(words), line: b.line });
      if (m) push({ role: 'signature', text: normalizeHeadingCase(m[2]!), line: b.line });
      continue;
    }
    // the end of a work: source lines, a dateline or a signature after the text
    const nextText = plainText(blocks[i + 1]?.text ?? '');
    // `J. Stalin` / `Rabochy Korrespondent, No. 6,` / `June 1924`: a source line broken over two lines follows
    const sourceNext = /[,;]$/.test(nextText) && isVolumeSource(`${nextText} ${plainText(blocks[i + 2]?.text ?? '')}`);
    const atEnd =
      i + 1 >= blocks.length || isCapsHeading(nextText) || ROMAN.test(nextText) || isVolumeSource(nextText) || isWorkDate(nextText) || sourceNext;
    // "Pravda, Nos. 136 and 137," / "June 19 and 20, 1924": a source line broken before its date
    if (hasBody && t.length < 120 && /[,;]$/.test(t) && /\b1[89]\d\d\b/.test(nextText) && isVolumeSource(`${t} ${nextText}`)) {
      push({ role: 'source', text: `${b.text} ${blocks[i + 1]!.text}`, line: b.line });
      i++;
      continue;
    }
    if (hasBody && /^Signed:\s/.test(t) && t.length < 60) {
      push({ role: 'signature', text: b.text.replace(/^\s*Signed:\s*/, ''), line: b.line });
      continue;
    }
    if (hasBody && isVolumeSource(t)) {
      const last = work.pieces[work.pieces.length - 1];
      if (last?.role === 'source') last.text = `${last.text} ${b.text}`;
      else push({ role: 'source', text: b.text, line: b.line });
      continue;
    }
    if (hasBody && isWorkDate(t) && atEnd) {
      push({ role: 'dateline', text: b.text, line: b.line });
      continue;
    }
    if (hasBody && /^(?:\p{Lu}\.\s?){1,3}\p{Lu}\p{Ll}+$/u.test(t) && (sourceNext || isVolumeSource(nextText) || isWorkDate(nextText))) {
      push({ role: 'signature', text: b.text, line: b.line });
      continue;
    }
    if (hasBody && atEnd && t.length < 60 && !/[.:;,!?]$/.test(t) && /^\p{Lu}/u.test(t) && (isVolumeSource(nextText) || i + 1 >= blocks.length || isCapsHeading(nextText))) {
      push({ role: 'signature', text: b.text, line: b.line });
      continue;
    }
    // `…the style of Leninism in work. Pravda, Nos. 96, 97, 103,` / `105, 107, 108, 111;` / … / `1924`: the source
    // line began on the paragraph's last line
    // (a sentence ends after a word, not after an initial: `J. Stalin` is not split)
    const tail = /^(.*(?:\p{Ll}{2}[.!?]|[!?”]))\s+(\p{Lu}.{0,60})$/u.exec(b.text.trim());
    if (tail) {
      for (let n = 1; n <= 4 && i + n < blocks.length; n++) {
        const rest = blocks.slice(i + 1, i + 1 + n);
        if (rest.some((x) => plainText(x.text).length > 60)) break;
        const joined = [tail[2]!, ...rest.map((x) => plainText(x.text))].join(' ');
        if (/\b1[89]\d\d$/.test(joined) && isVolumeSource(joined)) {
          push({ role: 'paragraph', text: tail[1]!, line: b.line });
          push({ role: 'source', text: [tail[2]!, ...rest.map((x) => x.text)].join(' '), line: b.line });
          hasBody = true;
          i += n;
          break;
        }
      }
      if (work.pieces[work.pieces.length - 1]?.role === 'source') continue;
    }
    push({ role: 'paragraph', text: b.text, line: b.line });
    hasBody = true;
  }
  for (const w of works) w.title = w.title.replace(/\s+\d{1,3}$/, '');
  return works;
}
