import type { ImportContext, RawBlock, RawNote, RepairedText } from '../types.js';
import { estimateCapacities, lastPrintedLength } from './line-capacity.js';
import type { RepairItem } from './types.js';

type TextItem = Extract<RepairItem, { kind: 'text' }>;

/** A page turn whose number is not known yet (only with `keepUnnumberedTurns`). */
export const UNNUMBERED_TURN = '{{page ?}}';

const FULL_DATE = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)(?: \d{1,2}(?:[-–]\d{1,2})?)?, \d{4}$/u;
const ROMAN_LINE = /^[IVXL]{1,6}\.?$/u;
const CHAPTER_LABEL = /^(?:Chapter|Part|Lecture|Book)\s+(?:[IVXLC]+|\d{1,2})\.?$/i;

/** Set in capitals: four letters at least, one in ten or fewer in lower case, and not a lone label or number. */
export function isCapitals(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  const lower = text.match(/\p{Ll}/gu) ?? [];
  return letters.length >= 4 && lower.length <= letters.length / 10;
}

/** A sentence ends here: `.` `?` `!` `:` `…`, perhaps followed by closing quotes or brackets and a note reference. */
export function endsSentence(text: string): boolean {
  return /[.?!:…][”’»)\]]*(\d{1,3}|\*{1,3})?$/u.test(text);
}

export interface ParagraphSignals {
  /** the line before, as it stands */
  previous: string;
  /** its length as printed */
  printed?: number;
  /** the line after */
  next: string;
  /** characters a full line holds near here */
  capacity: number;
  /** a blank line stood between them (page furniture aside) */
  blank: boolean;
}

/**
 * Whether a paragraph ends between two lines. A line that starts in lower case continues; a line short enough that
 * the next word would have fitted on it ended its paragraph (justified type fills every line but the last); a full
 * line continues, unless a blank line follows it, it ends a sentence and the next line starts like a sentence.
 */
export function isParagraphBreak(s: ParagraphSignals): boolean {
  // a run of lines in capitals is a heading (or a vow set in capitals) of its own, whatever the line lengths say;
  // a chapter label (`Chapter III.`) or a date on its own line (`January 26, 1924`) stands alone
  if (isCapitals(s.previous) !== isCapitals(s.next)) return true;
  if (/^[\p{Ll},;:.)\]”’]/u.test(s.next)) return false;
  if (CHAPTER_LABEL.test(s.next) || FULL_DATE.test(s.next) || FULL_DATE.test(s.previous)) return true;
  // a Roman numeral on its own line numbers the heading after it
  if (ROMAN_LINE.test(s.next) || ROMAN_LINE.test(s.previous)) return true;
  const firstWord = /^\S+/u.exec(s.next)?.[0] ?? '';
  const printed = s.printed ?? s.previous.length;
  // a line merged from several printed lines (extraction joined them at their hyphens) is full but for its end
  if (printed > s.capacity * 1.3 && !endsSentence(s.previous)) return false;
  const last = lastPrintedLength(printed, s.capacity);
  const room = s.capacity - last - 1 - firstWord.length;
  // a sentence that ends with room for the next word ends its paragraph; a line that ends without a full stop
  // (a title, a dateline) must be clearly short
  if (endsSentence(s.previous) ? room >= s.capacity * 0.03 : last <= s.capacity * 0.75) return true;
  return s.blank && endsSentence(s.previous);
}

/**
 * Joins the repaired lines into paragraphs: page turns inside a paragraph become `{{page N}}` markers (unnumbered
 * ones vanish), lifted notes become RawNotes.
 */
export function joinParagraphs(
  items: RepairItem[],
  ctx: ImportContext,
  options: { keepUnnumberedTurns?: boolean } = {},
  rule = 'join-paragraphs',
): RepairedText {
  const texts = items.filter((i): i is TextItem => i.kind === 'text');
  const capacities = estimateCapacities(texts.map((t) => t.printed ?? t.text.length));
  const capacityOf = new Map(texts.map((t, i) => [t, capacities[i]!] as const));
  const blocks: RawBlock[] = [];
  const notes: RawNote[] = [];
  let current: RawBlock | undefined;
  let previous: TextItem | undefined;
  let blank = false;
  let markers: string[] = [];
  for (const item of items) {
    if (item.kind === 'blank') {
      blank = true;
      continue;
    }
    if (item.kind === 'note') {
      notes.push({ label: item.label, text: item.text, line: item.line, origin: 'page-bottom' });
      continue;
    }
    if (item.kind === 'page') {
      // an unnumbered turn vanishes, or stays as `{{page ?}}` for a profile that can number it later
      if (item.number) markers.push(`{{page ${item.number}}}`);
      else if (options.keepUnnumberedTurns) markers.push(UNNUMBERED_TURN);
      continue;
    }
    const brk =
      !current ||
      !previous ||
      (!previous.runsOn &&
        isParagraphBreak({ previous: previous.text, printed: previous.printed, next: item.text, capacity: capacityOf.get(previous)!, blank }));
    if (brk) {
      if (current) blocks.push(current);
      current = { text: [...markers, item.text].join(' '), line: item.line };
    } else {
      current!.text = [current!.text, ...markers, item.text].join(' ');
    }
    markers = [];
    previous = item;
    blank = false;
  }
  if (current) {
    if (markers.length) current.text = [current.text, ...markers].join(' ');
    blocks.push(current);
  }
  // spaces that justified lines left twice (`a)  the importance`) are one space
  for (const b of blocks) b.text = b.text.replace(/ {2,}/g, ' ');
  ctx.review({ rule, kind: 'fixed', message: `${texts.length} lines joined into ${blocks.length} paragraphs` });
  return { blocks, notes };
}
