/**
 * The endnotes section at the end of a web text: after a "Notes" heading, or a closing run of numbered
 * paragraphs ("1. The leaflet…", "[1] Lenin's letter…") whose labels count up and are referred to above.
 */
import { isNotesHeading, readEndnoteLine } from './note-patterns.js';

export interface Line {
  text: string;
  line: number;
}

export interface EndnotesSplit {
  body: Line[];
  notes: { label: string; text: string; line: number }[];
  /** the line of the "Notes" heading, when there was one */
  headingLine?: number;
}

function labelsCountUp(labels: string[]): boolean {
  const numbers = labels.map(Number);
  return numbers.every((n, i) => Number.isInteger(n) && (i === 0 || n === numbers[i - 1] + 1));
}

/**
 * The label stands in the body the way a reference does: `[2]`, glued to a word (`Enrollment1`, `revolution.”2`),
 * set apart between words in lower case (`recently 2 is`), or ending a title line (`For the Party 1`) — not a
 * number of a list or a date.
 */
function isReferredTo(label: string, body: Line[]): boolean {
  const patterns = [
    String.raw`\[${label}\]`,
    String.raw`(?<=[\p{Ll}.,;:!?"”’')])${label}(?=[\s.,;:!?"”’')]|$)`,
    String.raw`(?<=\p{Ll}) ${label}(?= \p{Ll})`,
    String.raw`(?<=\p{L}) ${label}$`,
  ].map((p) => new RegExp(p, 'u'));
  return body.some((l) => patterns.some((p) => p.test(l.text)));
}

/** A reference list's item with no label, only the link back to its call: `- ↑ text`, `↑ text`, `^ text` (a wiki's). */
const BACKLINK_ITEM = /^(?:[-*•]\s*)?[↑^]\s*(\S.*)$/u;

/**
 * A closing run of unlabelled back-link items is the notes in the order of their calls, when the body's
 * bracketed calls (`[1]`, `[2]` …) count up from 1 in the order they first stand and are exactly as many.
 */
function findBacklinkNotes(lines: Line[]): EndnotesSplit | undefined {
  let start = lines.length;
  while (start > 0 && BACKLINK_ITEM.test(lines[start - 1]!.text)) start--;
  const run = lines.slice(start);
  if (run.length === 0) return undefined;
  const body = lines.slice(0, start);
  const called: string[] = [];
  for (const l of body) for (const m of l.text.matchAll(/\[(\d{1,3})\]/g)) if (!called.includes(m[1]!)) called.push(m[1]!);
  if (called.length !== run.length || !called.every((label, i) => label === String(i + 1))) return undefined;
  return { body, notes: run.map((l, i) => ({ label: String(i + 1), text: BACKLINK_ITEM.exec(l.text)![1]!, line: l.line })) };
}

export function findEndnotes(lines: Line[]): EndnotesSplit {
  const backlinked = findBacklinkNotes(lines);
  if (backlinked) return backlinked;
  const heading = lines.findIndex((l, i) => isNotesHeading(l.text) && i > lines.length / 3);
  if (heading >= 0) {
    const notes: EndnotesSplit['notes'] = [];
    for (const l of lines.slice(heading + 1)) {
      const note = readEndnoteLine(l.text);
      if (note) notes.push({ ...note, line: l.line });
      else if (notes.length > 0) notes[notes.length - 1].text += ` ${l.text}`;
    }
    return { body: lines.slice(0, heading), notes, headingLine: lines[heading].line };
  }
  let start = lines.length;
  while (start > 0 && readEndnoteLine(lines[start - 1].text)) start--;
  const run = lines.slice(start).map((l) => ({ ...readEndnoteLine(l.text)!, line: l.line }));
  const body = lines.slice(0, start);
  const numeric = run.filter((n) => /^\d+$/.test(n.label));
  if (run.length === 0 || !labelsCountUp(numeric.map((n) => n.label)) || !numeric.every((n) => isReferredTo(n.label, body))) {
    return { body: lines, notes: [] };
  }
  return { body, notes: run };
}
