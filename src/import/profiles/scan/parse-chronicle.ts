/**
 * A chronicle: a year, then dates (`January 26`, `8.24 p. m.—`, `March 31—` / `April 2`, `Beginning of April`)
 * each followed by the events of that day. Consecutive date lines make one date; everything else is an event.
 */
import type { RawBlock } from '../../types.js';
import type { ChronicleEntry, Piece } from '../assemble-book.js';

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const DATE = new RegExp(
  `^(?:(?:Beginning|End|Middle|Early|Late|Before|After)\\s+(?:of\\s+)?)?(?:${MONTHS})(?:\\s+\\d{1,2}(?:\\s*[-–,]\\s*\\d{1,2})*)?\\s*[—–-]?$`,
  'u',
);
const TIME = /^\d{1,2}(?:\.\d{2})?\s*[ap]\.\s?m\.\s*[—–-]?$/u;
/** A date and its event on one line: `Before November 7 J. V. Stalin receives…` */
const DATE_THEN_EVENT = new RegExp(`^((?:Before|After|Beginning of|End of)\\s+(?:${MONTHS})(?:\\s+\\d{1,2})?)\\s+(\\p{Lu}.*)$`, 'u');

function plain(text: string): string {
  return text.replace(/\{\{page [^}]*\}\}/g, ' ').replace(/\s+/g, ' ').trim();
}

export function isChronicleDate(text: string): boolean {
  const t = plain(text);
  return DATE.test(t) || TIME.test(t);
}

/** Blocks of a chronicle → a year heading and a `::: chronicle` definition list per year. */
/** `…of the R.C.P.(B.). January 16`: a date the paragraph joining took for the end of an event */
const EVENT_THEN_DATE = new RegExp(`^(.*[.!?”)](?:\\s+\\{\\{page [^}]*\\}\\})?)\\s+((?:${MONTHS})\\s+\\d{1,2}(?:\\s*[-–]\\s*\\d{1,2})?|(?:Beginning|End|Middle) of (?:${MONTHS}))$`, 'u');

/** Splits blocks that end with a date line into the event and the date. */
function splitTrailingDates(blocks: RawBlock[]): RawBlock[] {
  return blocks.flatMap((b) => {
    const m = EVENT_THEN_DATE.exec(b.text.trim());
    return m ? [{ ...b, text: m[1]! }, { text: m[2]!, line: b.line }] : [b];
  });
}

export function parseChronicle(input: RawBlock[]): Piece[] {
  const blocks = splitTrailingDates(input);
  const pieces: Piece[] = [];
  let entries: ChronicleEntry[] = [];
  let dateOpen = false;
  const flush = () => {
    if (entries.length) pieces.push({ role: 'chronicle', text: '', line: entries[0]!.line, entries });
    entries = [];
  };
  for (const b of blocks) {
    const t = plain(b.text);
    const markers = (b.text.match(/\{\{page [^}]*\}\}/g) ?? []).join(' ');
    if (/^1[89]\d\d$/.test(t)) {
      flush();
      pieces.push({ role: 'heading', level: 2, text: t, line: b.line });
      dateOpen = false;
      continue;
    }
    const split = DATE_THEN_EVENT.exec(t);
    if (isChronicleDate(t) || split) {
      const date = split ? split[1]! : t;
      const last = entries[entries.length - 1];
      if (dateOpen && last) {
        last.date = /[—–-]$/.test(last.date) ? `${last.date}${date}` : `${last.date}, ${date}`;
      } else {
        entries.push({ date, events: [], line: b.line });
      }
      dateOpen = !split;
      if (split) entries[entries.length - 1]!.events.push(markers ? `${markers} ${split[2]}` : split[2]!);
      continue;
    }
    dateOpen = false;
    const last = entries[entries.length - 1];
    if (last) last.events.push(b.text.trim());
    else pieces.push({ role: 'paragraph', text: b.text, line: b.line });
  }
  flush();
  for (const p of pieces) for (const e of p.entries ?? []) if (e.events.length === 0) e.events.push('—');
  return pieces;
}
