/**
 * What kind of text is this? A web transcription has one paragraph a line (long lines); text extracted from a
 * typeset PDF (pdftotext) has short lines, most ending in a space and in the middle of a sentence; a scanned volume's OCR text has short lines
 * without trailing spaces.
 */
import type { ImportProfile } from './types.js';

export interface ProfileGuess {
  profile: ImportProfile;
  /** why, for the review */
  reason: string;
}

export function detectProfile(raw: string): ProfileGuess {
  const lines = raw.split(/\r\n?|\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return { profile: 'web', reason: 'empty text' };
  const feeds = (raw.match(/\f/g) ?? []).length;
  if (feeds >= 2) return { profile: 'pdf', reason: `${feeds} form feeds: text extracted page by page from a typeset or scanned book` };
  const long = lines.filter((l) => l.length > 150).length / lines.length;
  const trailing = lines.filter((l) => / $/.test(l)).length / lines.length;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  // a line of a printed page mostly stops in the middle of a sentence; a web paragraph ends with its sentence
  // (titles, names and menus are short or ruled by bars: only lines of running text count)
  const running = lines.filter((l) => l.trim().length >= 40 && !l.includes('|'));
  const open = running.length === 0 ? 0 : running.filter((l) => /[\p{Ll},;-]\s*$/u.test(l)).length / running.length;
  if (long >= 0.2) return { profile: 'web', reason: `${pct(long)} of the lines are paragraphs (over 150 characters)` };
  if (open < 0.2) return { profile: 'web', reason: `only ${pct(open)} of the lines stop in the middle of a sentence: one paragraph a line` };
  if (trailing >= 0.3) return { profile: 'pdf', reason: `${pct(trailing)} of the lines end with a space (PDF text extraction)` };
  return { profile: 'scan', reason: `short lines (${pct(long)} long, ${pct(trailing)} ending with a space): OCR text of a scanned book` };
}
