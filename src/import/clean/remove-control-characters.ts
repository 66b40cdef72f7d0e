import type { CleanRule } from './types.js';
import { mapLines } from './types.js';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\ufffd]/g;

export const removeControlCharacters: CleanRule = {
  id: 'remove-control-characters',
  description: 'Remove control characters, zero-width spaces and replacement characters; tabs become spaces.',
  example: { input: 'the Party\u0007 is\tstrong', output: 'the Party is strong' },
  scope: 'text',
  apply(text, report) {
    return mapLines(text, (line, i) => {
      let out = line.replace(/\t/g, ' ');
      const found = out.match(CONTROL);
      if (!found) return out;
      out = out.replace(CONTROL, '');
      const codes = [...new Set(found)].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
      if (found.includes('\ufffd')) report.doubt(`replacement character(s) removed: a character was lost before import`, i);
      else report.fixed(`control character(s) ${codes.join(', ')} removed`, i);
      return out;
    });
  },
};
