/**
 * The mark a reader sees at a note's call and before the note. By default it is the note's number, in order
 * of first reference in its file (1, 2, 3…). A book whose source prints other marks says so in book.yaml:
 *
 *   notes:
 *     numbers: source        # [^n45] → 45: the number in the label, as the printed volume numbers its notes
 *     symbols: { t: "*" }    # [^t1] → *: the translator's starred notes, as printed
 *
 * A label with the letters of a symbol takes the symbol (the longest letters that match); otherwise, with
 * `numbers: source`, the digits that end the label. A label with no digits keeps its order number (a warning
 * at its line, note-number-missing), and two notes of one file with the same number are a warning
 * (note-number-duplicate): the reader could not tell them apart.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { BookMeta, Chapter } from '../model/types.js';

export function markNotes(chapters: Chapter[], notes: BookMeta['notes'], displayDir: string, diagnostics: Diagnostics): void {
  if (!notes) return;
  const symbols = Object.entries(notes.symbols ?? {}).sort(([a], [b]) => b.length - a.length);
  for (const chapter of chapters) {
    const seen = new Map<string, string>();
    for (const note of chapter.notes) {
      const line = note.tokens.find((t) => t.map)?.map?.[0];
      const where = { file: `${displayDir}/${chapter.file}`, line: line === undefined ? undefined : line + 1 };
      const symbol = symbols.find(([letters]) => new RegExp(`^${letters}\\d*$`).test(note.label));
      if (symbol) {
        note.mark = symbol[1];
        continue;
      }
      if (notes.numbers !== 'source') continue;
      const digits = /(\d+)$/.exec(note.label)?.[1];
      if (!digits) {
        diagnostics.warn('note-number-missing', `Footnote [^${note.label}] has no number in its label: it is marked ${note.number}, its place in the file (notes: numbers: source takes [^n45] as 45)`, where);
        continue;
      }
      note.mark = String(Number(digits));
      const other = seen.get(note.mark);
      if (other !== undefined) diagnostics.warn('note-number-duplicate', `Footnote [^${note.label}] is numbered ${note.mark}, like [^${other}] in the same file: a reader cannot tell them apart`, where);
      else seen.set(note.mark, note.label);
    }
  }
}
