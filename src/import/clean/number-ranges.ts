import type { CleanRule } from './types.js';

/** "1907 - 1913", "pp. 217-25", "5-17 (18-30)", "1923--1924": hyphens between two numbers. Not in "Tu-154" or "1-2-3". */
const RANGE = /(?<![\p{L}\d-])(\d+)\s?-{1,2}\s?(\d+)(?![\d-])/gu;

export const numberRanges: CleanRule = {
  id: 'number-ranges',
  description: 'A hyphen between two numbers is a range: an en dash, closed up.',
  example: { input: 'Works, Vol. 2, 1907 - 1913, pp. 217-25, 1923--1924', output: 'Works, Vol. 2, 1907–1913, pp. 217–25, 1923–1924' },
  scope: 'paragraph',
  apply(text, report) {
    let n = 0;
    const out = text.replace(RANGE, (_m, a: string, b: string) => {
      n++;
      return `${a}\u2013${b}`;
    });
    if (n) report.fixed(`${n} number range(s) given an en dash`, undefined, n);
    return out;
  },
};
