import type { CleanRule } from './types.js';

export const doubleApostropheQuotes: CleanRule = {
  id: 'double-apostrophe-quotes',
  description: 'Two apostrophes typed for a double quote become a double quote (before curly quotes).',
  example: { input: "''Speech at the Congress.''", output: '"Speech at the Congress."' },
  scope: 'paragraph',
  apply(text, report) {
    if (!text.includes("''")) return text;
    report.doubt(`two apostrophes read as a double quote in "${text.slice(0, 40)}…"`);
    return text.replace(/''/g, '"');
  },
};
