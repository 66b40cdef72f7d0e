import type { CleanRule } from './types.js';

export const ellipses: CleanRule = {
  id: 'ellipses',
  description: 'Three periods (spaced or not) become an ellipsis; a fourth period before them stays as the full stop.',
  example: { input: 'thought. . . . Everyone; exercised . . . through...', output: 'thought. … Everyone; exercised … through…' },
  scope: 'paragraph',
  apply(text, report) {
    let n = 0;
    const out = text
      .replace(/\.\s\.\s\.\s\./g, () => {
        n++;
        return '. \u2026';
      })
      .replace(/\.\s?\.\s?\./g, () => {
        n++;
        return '\u2026';
      })
      // the space a typesetter puts between an ellipsis and the quote or bracket it closes (`signifies. . . ”`) goes
      .replace(/\u2026 (?=[”)\]]|’(?!\p{L}))/gu, '\u2026');
    if (n) report.fixed(`${n} ellipsis(es)`, undefined, n);
    return out;
  },
};
