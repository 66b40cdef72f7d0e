import type { CleanRule } from './types.js';

/** After these (or at the start) a quote opens; elsewhere it closes. */
const OPENS_AFTER = /[\s(\[{\u2014\u2013\u2018\u201c\/]/u;

export const curlyQuotes: CleanRule = {
  id: 'curly-quotes',
  description: 'Straight quotes and apostrophes become curly: “…”, ‘…’ and ’ in words.',
  example: { input: `"'Left-Wing' Communism," Lenin's words`, output: '“‘Left-Wing’ Communism,” Lenin’s words' },
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
      const opens = OPENS_AFTER.test(before) && !/\s/.test(after);
      if (ch === '"') out += opens ? '\u201c' : '\u201d';
      // an apostrophe inside a word (Lenin's) or after one (workers') closes; one before a word opens
      else out += opens && !/\d/.test(after) ? '\u2018' : '\u2019';
    }
    if (n) report.fixed(`${n} straight quote(s) made curly`, undefined, n);
    return out;
  },
};
