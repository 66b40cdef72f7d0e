import type { CleanRule } from './types.js';

export const normalizeLineEndings: CleanRule = {
  id: 'normalize-line-endings',
  description: 'Turn Windows (CRLF) and old Mac (CR) line endings into LF.',
  example: { input: 'Dear Comrade,\r\n\r\nIn connection', output: 'Dear Comrade,\n\nIn connection' },
  scope: 'text',
  apply(text, report) {
    const count = (text.match(/\r\n?/g) ?? []).length;
    if (count === 0) return text;
    report.fixed(`${count} CRLF/CR line endings made LF`, 0, count);
    return text.replace(/\r\n?/g, '\n');
  },
};
