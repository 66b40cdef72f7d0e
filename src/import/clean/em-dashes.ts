import type { CleanRule } from './types.js';

export const emDashes: CleanRule = {
  id: 'em-dashes',
  description: 'Typed dashes (" - ", "--") and spaced dashes become a closed-up em dash.',
  example: { input: 'self-contained -- under conditions - and - so — on --J. St.', output: 'self-contained—under conditions—and—so—on—J. St.' },
  scope: 'paragraph',
  apply(text, report) {
    let n = 0;
    const count = (s: string) => {
      n++;
      return s;
    };
    const out = text
      // "--" (with or without spaces), "---"
      .replace(/\s*-{2,3}\s*/g, () => count('\u2014'))
      // a hyphen with a space on both sides, between words (not at the start of the paragraph)
      .replace(/(?<=\S)\s+-\s+(?=\S)/g, () => count('\u2014'))
      // spaced em dash, or a spaced en dash used as a dash
      .replace(/(?<=\S)\s+[\u2014\u2013]\s+(?=\S)|(?<=\S)\s+\u2014|\u2014\s+(?=\S)/g, () => count('\u2014'));
    if (n) report.fixed(`${n} dash(es) made em dashes`, undefined, n);
    return out;
  },
};
