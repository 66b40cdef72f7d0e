/**
 * Soft hyphens (U+00AD) in the book's language, from the `hyphen` package's TeX patterns. Chromium as
 * shipped by Debian has no hyphenation dictionaries (they come through the component updater, which we
 * turn off), so CSS `hyphens: auto` alone would leave the justified text full of rivers.
 * Example: "simultaneously" → "si­mul­ta­ne­ous­ly" (breaks allowed at each soft hyphen).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Adds soft hyphens to plain text; `lastWord: false` leaves the text's last word whole (a paragraph's end). */
type Hyphenate = (text: string, options?: { lastWord?: boolean }) => string;

/** Letters before and after a break, at least: "a-gain" and "read-ily" are refused, "ag-ain" too little after. */
export const HYPHEN_MIN_BEFORE = 2;
export const HYPHEN_MIN_AFTER = 3;

const WORD = /[\p{L}\u00ad]+/gu;
/** Languages that write every noun with a capital: there a capital first letter says nothing. */
const CAPITALISED_NOUNS = /^(de|lb|gsw)\b/i;

/**
 * The breaks a typesetter accepts in one word (with the patterns' soft hyphens): none in a word with a
 * capital (a name, an abbreviation: "Bol\u00ADshe\u00ADviks" stays "Bolsheviks"; in German, where every
 * noun has a capital, none in a word with two: "SPD", "KPdSU"), none leaving fewer than
 * two letters before or three after. Example: "ac\u00ADtiv\u00ADi\u00ADty" → "ac\u00ADtiv\u00ADity".
 */
export function keepAcceptedBreaks(word: string, capitalisedNouns = false): string {
  if (!word.includes('\u00ad')) return word;
  const plain = word.replace(/\u00ad/g, '');
  // in capitals (two or more) never; a capital first letter only where every noun has one (German)
  if ((plain.match(/\p{Lu}/gu) ?? []).length > (capitalisedNouns ? 1 : 0)) return plain;
  let out = '';
  let letters = 0;
  for (const ch of word) {
    if (ch === '\u00ad') {
      if (letters >= HYPHEN_MIN_BEFORE && plain.length - letters >= HYPHEN_MIN_AFTER) out += ch;
    } else {
      out += ch;
      letters++;
    }
  }
  return out;
}

/** A paragraph's last word this short or shorter goes to the last line with the word before it. */
export const LAST_LINE_BIND_MAX = 7;

/**
 * The paragraph's last two words joined by a no-break space when the last is short, so the last line is
 * never that word alone: "… of the / Party." rather than "… of the Party / it." (the word before may still
 * break at its soft hyphens). A last word of more than LAST_LINE_BIND_MAX letters fills a line of its own.
 * Example: "without it." → "without\u00a0it."
 */
export function bindLastWords(text: string): string {
  const m = /(\S) ([^\s]+)\s*$/u.exec(text);
  if (!m) return text;
  const last = m[2].replace(/\u00ad/g, '');
  if ((last.match(/\p{L}/gu) ?? []).length > LAST_LINE_BIND_MAX || !/\p{L}/u.test(last)) return text;
  const at = m.index + m[1].length;
  return `${text.slice(0, at)}\u00a0${text.slice(at + 1)}`;
}

/** BCP 47 tag → the `hyphen` pattern file; the first match wins (`en-GB` before `en`). */
const PATTERN_FILES: [RegExp, string][] = [
  [/^en-(gb|au|nz|ie|za|in)\b/i, 'en-gb'],
  [/^en\b/i, 'en-us'],
  [/^de-ch\b/i, 'de-ch-1901'],
  [/^de\b/i, 'de-1996'],
  [/^el\b/i, 'el-monoton'],
  [/^(nb|no)\b/i, 'nb'],
  [/^sr\b/i, 'sr-cyrl'],
  [/^mn\b/i, 'mn-cyrl'],
  [/^([a-z]{2,3})\b/i, '$1'],
];

const cache = new Map<string, Hyphenate | undefined>();

function patternFileFor(language: string): string | undefined {
  for (const [pattern, file] of PATTERN_FILES) {
    const m = pattern.exec(language);
    if (m) return file.replace('$1', (m[1] ?? '').toLowerCase());
  }
  return undefined;
}

/** A function adding soft hyphens to plain text (no markup), or undefined when the language has no patterns. */
export function getHyphenator(language: string): Hyphenate | undefined {
  if (cache.has(language)) return cache.get(language);
  let hyphenate: Hyphenate | undefined;
  const file = patternFileFor(language);
  if (file) {
    try {
      const createHyphenator = require('hyphen') as (patterns: unknown, options: object) => Hyphenate;
      const patterns = require(`hyphen/patterns/${file}.js`) as unknown;
      // words shorter than 6 letters are never broken; markup is never in the text we pass
      const withPatterns = createHyphenator(patterns, { html: false, minWordLength: 6 });
      const nouns = CAPITALISED_NOUNS.test(language);
      hyphenate = (text, options) => {
        const out = withPatterns(text).replace(WORD, (w) => keepAcceptedBreaks(w, nouns));
        if (options?.lastWord !== false) return out;
        // the paragraph's last word: never broken (its tail alone on the last line reads as a stray)
        return bindLastWords(out.replace(/[\p{L}\u00ad]+(?=[^\p{L}\u00ad]*$)/u, (w) => w.replace(/\u00ad/g, '')));
      };
    } catch {
      hyphenate = undefined;
    }
  }
  cache.set(language, hyphenate);
  return hyphenate;
}
