import type { CleanRule } from './types.js';

export const stripBom: CleanRule = {
  id: 'strip-bom',
  description: 'Remove the byte-order mark that some editors put at the start of a UTF-8 file.',
  example: { input: '\uFEFFJ. V. Stalin', output: 'J. V. Stalin' },
  scope: 'text',
  apply(text, report) {
    if (!text.startsWith('\uFEFF')) return text;
    report.fixed('byte-order mark removed', 0);
    return text.slice(1);
  },
};
