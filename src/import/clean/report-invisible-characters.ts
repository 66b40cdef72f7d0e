/**
 * Invisible characters and bidirectional controls, each a warning at its line. The invisible ones are removed
 * (they show nothing and only change how a line breaks): the soft hyphen U+00AD (a hyphenation point of some
 * earlier layout), the zero-width space U+200B, the word joiner U+2060, a byte-order mark U+FEFF inside the text. The bidirectional marks,
 * embeddings, overrides and isolates (LRM, RLM, ALM, U+202A–U+202E, U+2066–U+2069) are kept, since a
 * right-to-left quotation may need them, but reported as doubts: an RLO (U+202E) shows the rest of its line
 * backwards.
 */
import type { CleanRule } from './types.js';
import { mapLines } from './types.js';

export const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/g;
export const BIDI = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;

export function codePoints(chars: string[]): string {
  return [...new Set(chars)].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ');
}

export const reportInvisibleCharacters: CleanRule = {
  id: 'report-invisible-characters',
  description: 'Remove soft hyphens, word joiners and stray byte-order marks, report bidirectional controls; each a warning.',
  example: { input: 'hyphen\u00adated\u2060 text \u202ekept', output: 'hyphenated text \u202ekept' },
  scope: 'text',
  apply(text, report) {
    return mapLines(text, (line, i) => {
      let out = line;
      const invisible = out.match(INVISIBLE);
      if (invisible) {
        out = out.replace(INVISIBLE, '');
        report.warn('char-invisible', `invisible character(s) ${codePoints(invisible)} removed (${invisible.length})`, i);
      }
      const bidi = out.match(BIDI);
      if (bidi) report.warn('char-bidi', `bidirectional control(s) ${codePoints(bidi)} kept: check the line reads in the right direction`, i, 'doubt');
      return out;
    });
  },
};
