/**
 * British or American English, from the spelling of the text itself: words in -our that English also spells
 * in -or (colour/color, labour/labor) and words in -ise/-isation that it also spells in -ize/-ization count
 * for en-GB; the other spelling of the same pairs counts for en-US. A pair is real when the word list knows
 * both spellings, so "four" (no "for"+u pair with a stem of three letters or more), "doctor" (no "doctour")
 * and "size" vote for neither. The -our/-or pairs decide first: -our is never American, while -ize is also
 * Oxford British spelling (a text with "labour" and "organization" is British); -ise/-ize decide only when a
 * text has no -our/-or pair to tell.
 */
import { isEnglishWord } from './word-list.js';

export interface EnglishVariant {
  /** en-GB, en-US, or en when the text does not say */
  tag: 'en-GB' | 'en-US' | 'en';
  british: { our: number; ise: number };
  american: { or: number; ize: number };
}

/** The least evidence that decides; below it the text stays `en`. */
const MIN_COUNT = 3;

/** a side wins when it has at least MIN_COUNT words and twice the other's */
function winner(gb: number, us: number): 'en-GB' | 'en-US' | undefined {
  if (gb >= MIN_COUNT && gb >= 2 * us) return 'en-GB';
  if (us >= MIN_COUNT && us >= 2 * gb) return 'en-US';
  return undefined;
}

const OUR = /^(\p{L}{3,})our(s|ed|ing|able|ably|ite|ites|er|ers|ful|less)?$/u;
const OR = /^(\p{L}{3,})or(s|ed|ing|able|ably|ite|ites|er|ers|ful|less)?$/u;
const ISE = /^(\p{L}{3,})is(e|es|ed|ing|ation|ations|er|ers)$/u;
const IZE = /^(\p{L}{3,})iz(e|es|ed|ing|ation|ations|er|ers)$/u;

export function detectEnglishVariant(text: string): EnglishVariant {
  const british = { our: 0, ise: 0 };
  const american = { or: 0, ize: 0 };
  for (const [raw] of text.matchAll(/\p{L}+/gu)) {
    const word = raw.toLowerCase();
    if (word.length < 6) continue;
    let m: RegExpExecArray | null;
    if ((m = OUR.exec(word)) && isEnglishWord(`${m[1]}or${m[2] ?? ''}`)) british.our++;
    else if ((m = OR.exec(word)) && isEnglishWord(`${m[1]}our${m[2] ?? ''}`)) american.or++;
    else if ((m = ISE.exec(word)) && isEnglishWord(`${m[1]}iz${m[2]}`)) british.ise++;
    else if ((m = IZE.exec(word)) && isEnglishWord(`${m[1]}is${m[2]}`)) american.ize++;
  }
  const tag = winner(british.our, american.or) ?? (british.our + american.or >= MIN_COUNT ? undefined : winner(british.ise, american.ize)) ?? 'en';
  return { tag, british, american };
}
