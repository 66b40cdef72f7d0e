import type { CleanRule } from './types.js';

export const collapseSpaces: CleanRule = {
  id: 'collapse-spaces',
  description: 'Collapse runs of spaces into one and trim the paragraph; no space before a closing parenthesis.',
  example: { input: '  V. I.   Lenin (See Vol. XXV, p. 173 ) (Lenin )', output: 'V. I. Lenin (See Vol. XXV, p. 173) (Lenin)' },
  scope: 'paragraph',
  apply(text, report) {
    const out = text
      .replace(/[ \u00a0]{2,}/g, (m) => (m.includes('\u00a0') ? '\u00a0' : ' '))
      .replace(/(?<=\S) +\)/g, ')')
      .trim();
    if (out !== text.trim()) report.fixed('spaces collapsed');
    return out;
  },
};
