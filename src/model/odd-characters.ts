/**
 * Characters a chapter should not hold without its author knowing, each a warning at its line and column:
 * control characters (C0 but tab, C1), invisible ones (soft hyphen U+00AD, zero-width space U+200B, word
 * joiner U+2060, a byte-order mark U+FEFF inside the text) and bidirectional controls (LRM, RLM, ALM,
 * U+202A–U+202E, U+2066–U+2069: an RLO shows the rest of its line backwards). The import removes or reports
 * them (src/import/clean/); a chapter written or pasted by hand meets them here.
 */
import type { Diagnostics } from '../diagnostics.js';

const KINDS: { code: string; re: RegExp; what: string }[] = [
  { code: 'char-control', re: /[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f-\u009f]/g, what: 'control character' },
  { code: 'char-invisible', re: /[\u00ad\u200b\u2060\ufeff]/g, what: 'invisible character' },
  { code: 'char-bidi', re: /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g, what: 'bidirectional control' },
];

export function reportOddCharacters(body: string, file: string, diagnostics: Diagnostics): void {
  const lines = body.split('\n');
  lines.forEach((line, i) => {
    for (const kind of KINDS) {
      kind.re.lastIndex = 0;
      const found = [...line.matchAll(kind.re)];
      if (found.length === 0) continue;
      const codes = [...new Set(found.map((m) => `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`))];
      const column = (found[0].index ?? 0) + 1;
      // a byte-order mark opening the file is the editor's, not the text's
      if (i === 0 && column === 1 && found.length === 1 && found[0][0] === '\ufeff') continue;
      diagnostics.warn(kind.code, `${found.length} ${kind.what}(s) ${codes.join(', ')} in the text`, { file, line: i + 1, column });
    }
  });
}
