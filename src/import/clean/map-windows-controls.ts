/**
 * C1 control characters (U+0080–U+009F) in a UTF-8 text are almost always Windows-1252 bytes that a converter
 * passed through as Latin-1: read them as the characters they stand for, as the WHATWG decoder and ftfy do
 * (U+0092 → ’, U+0093 → “, U+0085 → …). The five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F,
 * 0x90, 0x9D) stay, and remove-control-characters reports them. Each line changed is a warning.
 */
import { CP1252 } from './fix-mojibake.js';
import type { CleanRule } from './types.js';
import { mapLines } from './types.js';

/** byte → the Windows-1252 character */
const C1_TO_CP1252 = new Map<number, string>(Object.entries(CP1252).map(([code, byte]) => [byte, String.fromCodePoint(Number(code))]));
const C1 = /[\u0080-\u009f]/g;

export const mapWindowsControls: CleanRule = {
  id: 'map-windows-controls',
  description: 'Read C1 control characters as the Windows-1252 characters they stand for (U+0092 → ’), with a warning.',
  example: { input: 'Comrade\u0092s \u0093quoted\u0094 words\u0085', output: 'Comrade’s “quoted” words…' },
  scope: 'text',
  apply(text, report) {
    return mapLines(text, (line, i) => {
      const mapped: string[] = [];
      const out = line.replace(C1, (c) => {
        const to = C1_TO_CP1252.get(c.codePointAt(0)!);
        if (to === undefined) return c;
        mapped.push(`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} → ${to}`);
        return to;
      });
      if (mapped.length > 0) report.warn('char-c1-mapped', `C1 control character(s) read as Windows-1252: ${[...new Set(mapped)].join(', ')}`, i);
      return out;
    });
  },
};
