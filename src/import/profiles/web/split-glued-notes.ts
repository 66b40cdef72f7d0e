/**
 * Web transcriptions of printed books sometimes keep a page's footnote glued to the paragraph it was printed
 * under: `…(See Vol. XXVI, p. 65.)[2] [2] "The Trade Unions…"`, `…class. [1] "Can the Bolsheviks…"`,
 * `…in build- * My italics. -- J. St.` This splits such notes off, keeping the reference in the paragraph.
 */
import { LABEL } from './note-patterns.js';

export interface GluedNote {
  label: string;
  text: string;
  /** the rule that found it, for the review */
  how: string;
  /** the reference stands right before the note with the same label: no doubt */
  sure: boolean;
}

/** A reference directly followed by the same label: the note's text follows. `)[2] [2] "The…"`, `)[1][1] Tenth…` */
const REF_THEN_NOTE = new RegExp(String.raw`\[(${LABEL})\]\s*\[\1\]\s*(?=\S)`, 'u');
/** A label in brackets after the end of a sentence, then a short text to the end: `class. [1] "Can the…"` */
const NOTE_AFTER_SENTENCE = /(?<=[.!?"”’)]) \[(\d{1,3})\] (?=["“'‘\p{Lu}])/u;
/** A star run set apart (or after a hyphen or a bracket) before a capitalised text: `build- * My italics` */
const STAR_NOTE = /(?<=[\s\-\]])(\*{1,3}) ?(?=\p{Lu}[\p{Ll} ])/u;
/** Inside a note's text, the next glued note: `… J. St.[3] Ibid.` */
const NEXT_NOTE = new RegExp(String.raw`\[(${LABEL})\]\s*(?=\S)`, 'u');

/** The longest note text we accept as glued (a longer tail is more likely text). */
const MAX_NOTE = 400;

export function splitGluedNotes(text: string): { text: string; notes: GluedNote[] } {
  const candidates: { at: number; start: number; label: string; how: string; sure: boolean }[] = [];
  let m = REF_THEN_NOTE.exec(text);
  if (m) {
    const second = text.indexOf(`[${m[1]}]`, m.index + m[1].length + 2);
    candidates.push({ at: second, start: m.index + m[0].length, label: m[1], how: 'reference followed by its note', sure: true });
  }
  m = NOTE_AFTER_SENTENCE.exec(text);
  if (m) candidates.push({ at: m.index, start: m.index + m[0].length, label: m[1], how: 'note label after the end of a sentence', sure: false });
  m = STAR_NOTE.exec(text);
  if (m) candidates.push({ at: m.index, start: m.index + m[0].length, label: m[1], how: 'star note glued to the paragraph', sure: false });
  const first = candidates.filter((c) => text.length - c.start <= MAX_NOTE).sort((a, b) => a.at - b.at)[0];
  if (!first) return { text, notes: [] };

  const notes: GluedNote[] = [];
  let rest = text.slice(first.start);
  let label = first.label;
  let how = first.how;
  let sure = first.sure;
  for (;;) {
    const next = NEXT_NOTE.exec(rest);
    if (!next) break;
    notes.push({ label, text: rest.slice(0, next.index).trim(), how, sure });
    label = next[1];
    how = 'note glued to the previous note';
    sure = false;
    rest = rest.slice(next.index + next[0].length);
  }
  notes.push({ label, text: rest.trim(), how, sure });
  return { text: text.slice(0, first.at).trimEnd(), notes: notes.filter((n) => n.text.length > 0) };
}
