/**
 * The NOTES section of a volume: `1` on a line, the note's text, and `p. 3` (the page of its reference) closing
 * it. Notes are numbered in order; a number the scan lost or misplaced is reported as a doubt, and a `p. N` set
 * apart from its note goes to the last note without one.
 */
import type { ImportContext, RawNote } from '../../types.js';
import type { RepairItem } from '../../repair/types.js';

export function parseVolumeNotes(items: RepairItem[], ctx: ImportContext): RawNote[] {
  const notes: RawNote[] = [];
  let current: RawNote | undefined;
  let printed: { label: string; line: number } | undefined;
  const close = (page?: string) => {
    if (current) {
      if (page) current.page = page;
      notes.push(current);
    }
    current = undefined;
  };
  for (const item of items) {
    if (item.kind !== 'text') continue;
    const text = item.text.trim();
    if (text === 'NOTES') continue;
    if (/^\d{1,3}$/.test(text)) {
      close();
      printed = { label: text, line: item.line };
      continue;
    }
    const page = /^p\.\s*(\d+)$/.exec(text);
    if (page) {
      if (current) close(page[1]);
      else {
        // a page line set apart from its note: it belongs to the last note without one
        const owner = [...notes].reverse().find((n) => n.page === undefined);
        if (owner) {
          owner.page = page[1];
          ctx.review({ rule: 'volume-notes', kind: 'doubt', line: item.line, message: `"p. ${page[1]}" stands apart: given to note ${owner.label}` });
        }
      }
      continue;
    }
    if (!current) {
      // notes are numbered in order; the printed number checks the count (scans lose and misplace numbers)
      const label = String(notes.length + 1);
      if (!printed) {
        ctx.review({ rule: 'volume-notes', kind: 'doubt', line: item.line, message: `a note without its number after note ${notes.length}: taken as note ${label}` });
      } else if (printed.label !== label) {
        ctx.review({ rule: 'volume-notes', kind: 'doubt', line: printed.line, message: `printed number ${printed.label} taken as note ${label} (the notes are numbered in order)` });
      }
      current = { label, text, line: printed?.line ?? item.line, origin: 'endnotes' };
      printed = undefined;
      continue;
    }
    current.text = `${current.text} ${text}`;
  }
  close();
  ctx.review({ rule: 'volume-notes', kind: 'fixed', message: `${notes.length} notes read from the NOTES section`, count: notes.length });
  return notes;
}
