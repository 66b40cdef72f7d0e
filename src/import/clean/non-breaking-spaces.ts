import type { CleanRule } from './types.js';

/** "J. V. Stalin": a single capital and period (not the end of an acronym like R.S.D.L.P.) before a name. */
const INITIAL = /(?<![\p{L}.\u00a0])(\p{Lu}\.) (?=\p{Lu})/gu;
/** "p. 51", "pp. 217", "Vol. XXV", "No. 76", "Volume 17": an abbreviation before its number. */
const REFERENCE = /\b(p|pp|Vol|Vols|vol|vols|No|Nos|no|Volume|Chapter|Ch|ch|Art|art|§)(\.?) (?=[\dIVXLC]+\b)/g;

export const nonBreakingSpaces: CleanRule = {
  id: 'non-breaking-spaces',
  description: 'Non-breaking spaces (U+00A0) after initials and between an abbreviation and its number.',
  example: { input: 'J. V. Stalin, Vol. XXV, p. 51, No. 76', output: 'J.\u00a0V.\u00a0Stalin, Vol.\u00a0XXV, p.\u00a051, No.\u00a076' },
  scope: 'paragraph',
  apply(text, report) {
    let n = 0;
    const out = text
      .replace(INITIAL, (_m, initial: string) => {
        n++;
        return `${initial}\u00a0`;
      })
      .replace(REFERENCE, (m, abbr: string, dot: string) => {
        // "No" without its period is the word "no" unless capitalised and followed by a number
        if (!dot && abbr !== 'Volume' && abbr !== 'Chapter' && abbr !== '§') return m;
        n++;
        return `${abbr}${dot}\u00a0`;
      });
    if (n) report.fixed(`${n} non-breaking space(s)`, undefined, n);
    return out;
  },
};
