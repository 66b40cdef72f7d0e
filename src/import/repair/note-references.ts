/** Note references as they come out of extraction: digits or stars glued to a word or to closing punctuation. */

export interface FoundReference {
  label: string;
  /** index in the line of the label's first character */
  index: number;
}

/** `Enrollment1`, `revolution.”2`, `Rosta*`, `movement”*`, `Gostorg,*`: the label after a letter or closing mark. */
const GLUED = /(?<=[\p{L}.,;:!?”’)])(\d{1,3}|\*{1,3})(?=[\s.,;:!?)—]|$)|(?<=\d)(\*{1,3})(?=[\s.,;:!?)—]|$)|(?<=\[)(\*{1,3})(?=\])/gu;

/**
 * A number set apart by spaces after a word (`democracy 2 that`) or glued to the next word (`Anarchists 5in`); a
 * star set apart in a letter-spaced line (`o n l y * i n`).
 */
const SPACED = /(?<=[\p{L}.,;:”’)] )(\d{1,3}|\*{1,3})(?=\s|\p{Ll}|$)/gu;

/** References that may be notes, for matching a note found at the page bottom (looser than `findGluedReferences`). */
export function findPossibleReferences(text: string): FoundReference[] {
  return [...findGluedReferences(text), ...[...text.matchAll(SPACED)].map((m) => ({ label: m[1]!, index: m.index! }))];
}

export function findGluedReferences(text: string): FoundReference[] {
  const refs: FoundReference[] = [];
  for (const m of text.matchAll(GLUED)) {
    const label = m[1] ?? m[2] ?? m[3]!;
    // a digit after a letter inside a code (`A1`, `No.5`) is not a note; require a word of two letters or more
    if (/\d/.test(label) && !/(\p{L}{2}|[.,;:!?”’)])$/u.test(text.slice(0, m.index))) continue;
    refs.push({ label, index: m.index! });
  }
  return refs;
}

/**
 * The start of a note at a page bottom: `* Russian Telegraph Agency.—Tr.`, and with `numbers`, `1. J. V. Stalin’s
 * lectures…` or `15    My italics` (a number followed by a full stop or by a wide space), not a heading in capitals.
 */
export function matchNoteStart(text: string, numbers = true): { label: string; rest: string } | undefined {
  const m = /^(\*{1,3})\s*(\S.*)$/u.exec(text) ?? (numbers ? /^(\d{1,3})(?:\.\s+|\s{2,})(\S.*)$/u.exec(text) : null);
  if (!m || /^\p{Lu}{3,}\b/u.test(m[2]!)) return undefined;
  return { label: m[1]!, rest: m[2]! };
}
