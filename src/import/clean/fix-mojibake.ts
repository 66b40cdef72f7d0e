import type { CleanRule } from './types.js';
import { mapLines } from './types.js';

/** Windows-1252 characters in 0x80–0x9F, by code point → their byte. */
export const CP1252: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88,
  0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93,
  0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b,
  0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** A lead byte of a 2–4 byte UTF-8 sequence read as Latin-1/Windows-1252, then continuation bytes read the same way. */
const SUSPECT = /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}/g;

function toCp1252Byte(ch: string): number | undefined {
  const code = ch.codePointAt(0)!;
  if (code <= 0xff) return code;
  return CP1252[code];
}

/** The characters as the bytes they were wrongly decoded from, decoded again as UTF-8; undefined if that fails. */
function redecode(run: string): string | undefined {
  const bytes: number[] = [];
  for (const ch of run) {
    const b = toCp1252Byte(ch);
    if (b === undefined) return undefined;
    bytes.push(b);
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
    return text.length < run.length ? text : undefined;
  } catch {
    return undefined;
  }
}

export const fixMojibake: CleanRule = {
  id: 'fix-mojibake',
  description: 'Repair UTF-8 text that was once decoded as Windows-1252 (â€™ → ’, â€” → —, Ã© → é).',
  example: { input: 'Russiaâ€™s regime â€” and more', output: 'Russia’s regime — and more' },
  scope: 'text',
  apply(text, report) {
    return mapLines(text, (line, i) =>
      line.replace(SUSPECT, (run) => {
        // a run may be longer than its sequence: try the exact sequence length the lead byte asks for
        const lead = run.codePointAt(0)!;
        const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
        const fixed = run.length >= size ? redecode(run.slice(0, size)) : undefined;
        if (fixed === undefined) return run;
        report.fixed(`"${run.slice(0, size)}" → "${fixed}"`, i);
        return fixed + run.slice(size);
      }),
    );
  },
};
