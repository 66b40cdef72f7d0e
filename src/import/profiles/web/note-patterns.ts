/** How web transcriptions print note labels and note texts. */

/** A note label as printed: a number, a run of stars, or a transcriber's sign. */
export const LABEL = String.raw`\d{1,3}|\*{1,3}|¥|†{1,2}`;

/**
 * A line that is a note's text: "[1] text", "[¥] text", "1] text" (opening bracket lost).
 * Returns the label and text, or undefined.
 */
export function readNoteLine(line: string): { label: string; text: string; repaired?: string } | undefined {
  let m = new RegExp(String.raw`^\[(${LABEL})\]\s*(\S.*)$`, 'u').exec(line);
  if (m) return { label: m[1], text: m[2] };
  m = /^(\d{1,3})\]\s+(\S.*)$/.exec(line);
  if (m) return { label: m[1], text: m[2], repaired: `"${m[1]}]" read as "[${m[1]}]"` };
  return undefined;
}

/** A line of an endnotes section: "[1] text", "1. text", "1) text". */
export function readEndnoteLine(line: string): { label: string; text: string } | undefined {
  const bracketed = readNoteLine(line);
  if (bracketed) return bracketed;
  const m = /^(\d{1,3})[.)]\s+(\S.*)$/.exec(line);
  return m ? { label: m[1], text: m[2] } : undefined;
}

/** "Notes", "Footnotes", "Endnotes", "Notes:" standing alone: the start of an endnotes section. */
export function isNotesHeading(line: string): boolean {
  return /^(?:notes?|footnotes|endnotes|editor['’]s notes|notes of the editors?)\s*:?$/i.test(line.trim());
}
