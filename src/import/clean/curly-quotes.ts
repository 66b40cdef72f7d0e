import type { CleanRule } from './types.js';

/** After these (or at the start) a quote opens; elsewhere it closes. */
const OPENS_AFTER = /[\s(\[{\u2014\u2013\u2018\u201c\/]/u;
/** …and before these: the quoted text's first character. */
const OPENS_BEFORE = /[\p{L}\p{N}'"\u2018\u201c(\[\u2026.$£]/u;

export const curlyQuotes: CleanRule = {
  id: 'curly-quotes',
  description: 'Straight quotes and apostrophes become curly: “…”, ‘…’ and ’ in words.',
  example: { input: `"'Left-Wing' Communism," Lenin's words, "conscious of "--this`, output: '“‘Left-Wing’ Communism,” Lenin’s words, “conscious of ”--this' },
  scope: 'paragraph',
  apply(text, report) {
    if (!/["']/.test(text)) return text;
    let n = 0;
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch !== '"' && ch !== "'") {
        out += ch;
        continue;
      }
      n++;
      const before = i === 0 ? ' ' : out[out.length - 1];
      const after = text[i + 1] ?? ' ';
      // opens after a space (or bracket, dash) and before the quoted word: `of "—this` closes, `of "this` opens
      const opens = OPENS_AFTER.test(before) && OPENS_BEFORE.test(after);
      if (ch === '"') out += opens ? '\u201c' : '\u201d';
      // an apostrophe inside a word (Lenin's) or after one (workers') closes; one before a word opens
      else out += opens && !/\d/.test(after) ? '\u2018' : '\u2019';
    }
    if (n) report.fixed(`${n} straight quote(s) made curly`, undefined, n);
    return out;
  },
};
