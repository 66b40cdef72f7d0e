/**
 * Terminal escape sequences (a text captured from a terminal or a colouring tool) removed whole: the ESC and
 * what follows it (`\x1b[31m`, `\x1b[1;32m`, `\x1b]0;title\x07`), not only the ESC, which left `[31m` in the
 * text. A bare colour sequence whose ESC was already lost (`[0m`, `[31m`) goes too, as a doubt.
 */
import type { CleanRule } from './types.js';
import { mapLines } from './types.js';

/** CSI (ESC [ params intermediates final), OSC (ESC ] … BEL or ESC \), and two-character escapes */
const ESCAPE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
/** a colour (SGR) sequence that lost its ESC */
const BARE_SGR = /\[(?:\d{1,3}(?:;\d{1,3})*)?m/g;

export const removeAnsiEscapes: CleanRule = {
  id: 'remove-ansi-escapes',
  description: 'Remove terminal escape sequences whole (\\x1b[31m), and colour codes that lost their escape ([0m).',
  example: { input: 'the \u001b[31mParty\u001b[0m is [1mstrong[0m', output: 'the Party is strong' },
  scope: 'text',
  apply(text, report) {
    return mapLines(text, (line, i) => {
      let out = line;
      const escapes = out.match(ESCAPE);
      if (escapes) {
        out = out.replace(ESCAPE, '');
        report.warn('char-ansi-escape', `${escapes.length} terminal escape sequence(s) removed (${JSON.stringify(escapes[0]).slice(1, -1)})`, i);
      }
      const bare = out.match(BARE_SGR);
      if (bare) {
        out = out.replace(BARE_SGR, '');
        report.warn('char-ansi-escape', `${bare.length} colour code(s) without their escape removed (${bare[0]})`, i, 'doubt');
      }
      return out;
    });
  },
};
