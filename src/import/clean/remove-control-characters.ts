import type { CleanRule } from './types.js';
import { mapLines } from './types.js';

/** C0 controls but tab, line feed and the page breaks; DEL; the C1 controls Windows-1252 leaves undefined */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;
/** a form feed or vertical tab between two characters of a line stands for a space (a page or line break) */
const BREAK_INSIDE = /(?<=\S)[\u000b\u000c]+(?=\S)/g;
const BREAK = /[\u000b\u000c]/g;

export const removeControlCharacters: CleanRule = {
  id: 'remove-control-characters',
  description: 'Remove control characters (a warning each line), form feeds inside a line become spaces, tabs spaces.',
  example: { input: 'the Party\u0007 is\tstrong\u000cand\u000c', output: 'the Party is strong and' },
  scope: 'text',
  apply(text, report) {
    return mapLines(text, (line, i) => {
      let out = line.replace(/\t/g, ' ');
      if (/[\u000b\u000c]/.test(out)) {
        out = out.replace(BREAK_INSIDE, ' ').replace(BREAK, '');
        report.fixed('form feed or vertical tab inside a line read as a space', i);
      }
      const found = out.match(CONTROL);
      if (found) {
        out = out.replace(CONTROL, '');
        const codes = [...new Set(found)].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
        report.warn('char-control', `control character(s) ${codes.join(', ')} removed (${found.length})`, i);
      }
      if (out.includes('\ufffd')) {
        out = out.replace(/\ufffd/g, '');
        report.warn('char-replacement', 'replacement character(s) U+FFFD removed: a character was lost before import', i, 'doubt');
      }
      return out;
    });
  },
};
