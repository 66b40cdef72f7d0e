import type { ImportContext } from '../types.js';
import { joinBrokenWord, reviewHyphen } from './join-hyphen-breaks.js';
import { findPossibleReferences, matchNoteStart } from './note-references.js';
import type { Vocabulary } from './vocabulary.js';
import type { RepairItem, RepairRule } from './types.js';

/** Lines a note at a page bottom may run to before the page turns; longer, and it is not a page-bottom note. */
const MAX_NOTE_LINES = 14;

/** A note's label glued after the last word of the page's last line: `bourgeois, bourgeois* My italics.—J. St.`. */
function splitGluedNote(text: string, pending: Set<string>): { before: string; label: string; rest: string } | undefined {
  const m = /^(.*[\p{L},.;”’)])(\*{1,3}) ?(\p{Lu}.*)$/u.exec(text);
  if (!m || !pending.has(m[2]!)) return undefined;
  return { before: m[1]!, label: m[2]!, rest: m[3]! };
}

/** Index of the page turn (or blank line) that ends a note starting before `from`, within the limit, or undefined. */
function nextPageTurn(items: RepairItem[], from: number): number | undefined {
  let lines = 0;
  for (let k = from; k < items.length; k++) {
    const it = items[k]!;
    if (it.kind === 'page' || it.kind === 'blank') return k;
    if (it.kind === 'text' && ++lines > MAX_NOTE_LINES) return undefined;
  }
  return items.length;
}

export const extractPageNotes: RepairRule = {
  id: 'extract-page-notes',
  description:
    'Lift notes out of page bottoms (a line that starts with the label of a reference on the page, up to the page turn); the text keeps the reference.',
  example:
    '"…Enrollment1" … "" / "1. J. V. Stalin’s lectures…" / "Problems of Leninism." / {page} / "rooted in…" → note 1 lifted out, text runs on to "rooted in…"',
  apply(items, { ctx, options, vocabulary }) {
    const out: RepairItem[] = [];
    // labels referenced on this page or the one before, not yet given a note
    let pending = new Set<string>();
    let previousPage = new Set<string>();
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.kind === 'page') {
        previousPage = pending;
        pending = new Set();
        out.push(item);
        continue;
      }
      if (item.kind !== 'text') {
        out.push(item);
        continue;
      }
      const open = new Set([...previousPage, ...pending]);
      const start = matchNoteStart(item.text, options.numberedPageNotes);
      const glued = start ? undefined : splitGluedNote(item.text, open);
      const turn = start || glued ? nextPageTurn(items, i + 1) : undefined;
      if (turn !== undefined && ((start && open.has(start.label)) || glued)) {
        if (glued) {
          out.push({ ...item, text: glued.before });
          recordRefs(glued.before, pending);
        } else {
          while (out[out.length - 1]?.kind === 'blank') out.pop();
        }
        const notes: { label: string; text: string; line: number }[] = [];
        const first = glued ?? start!;
        notes.push({ label: first.label, text: first.rest, line: item.line });
        for (let k = i + 1; k < turn; k++) {
          const it = items[k]!;
          if (it.kind !== 'text') continue;
          const next = matchNoteStart(it.text, options.numberedPageNotes);
          if (next && open.has(next.label) && !notes.some((n) => n.label === next.label)) {
            notes.push({ label: next.label, text: next.rest, line: it.line });
          } else {
            const last = notes[notes.length - 1]!;
            last.text = joinNoteLines(last.text, it.text, vocabulary, ctx, it.line);
          }
        }
        for (const n of notes) {
          out.push({ kind: 'note', ...n });
          previousPage.delete(n.label);
          pending.delete(n.label);
          ctx.review({ rule: this.id, kind: 'fixed', line: n.line, message: `note ${n.label} lifted from the page bottom` });
        }
        i = turn - 1;
        continue;
      }
      recordRefs(item.text, pending);
      out.push(item);
    }
    return out;
  },
};

function recordRefs(text: string, pending: Set<string>): void {
  for (const r of findPossibleReferences(text)) pending.add(r.label);
}

/** A note's next line joined on: a word broken at the line end is joined as in the running text. */
function joinNoteLines(text: string, next: string, vocabulary: Vocabulary, ctx: ImportContext, line: number): string {
  if (!/\p{L}-$/u.test(text)) return `${text} ${next}`;
  const left = /(\S+)$/u.exec(text)![1]!;
  const right = /^(\S+)/u.exec(next)?.[1] ?? '';
  const { text: word, decision } = joinBrokenWord(left, right, vocabulary);
  if (decision) reviewHyphen(ctx, 'join-hyphen-breaks', line - 1, left, right, decision);
  return text.slice(0, text.length - left.length) + word + next.slice(right.length);
}
