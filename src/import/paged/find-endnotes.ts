/**
 * Notes gathered at the end (a volume's or a chapter's endnotes), decided from the document's own evidence: the
 * last stretch of paragraphs that start with labels in sequence (1, 2, 3 …, perhaps starting again at 1 for each
 * chapter) whose calls stand in the body before them in the same order. The calls are linked to them; the short
 * heading above the stretch (whatever its word) goes with them.
 */
import { REF_CLOSE, REF_OPEN } from '../clean/types.js';
import type { ImportContext } from '../types.js';
import type { Paragraph } from './build-paragraphs.js';
import { alignCalls, findCallMarksInLines, markFits } from './calls.js';

export interface EndNote {
  label: string;
  text: string;
  line: number;
  linked: boolean;
  /** the call was read as something else (OCR), and is linked by its place */
  misread?: { p: number; index: number; length: number };
}

const LABEL = /^(?:\{\{page [^}]*\}\}\s*)*(\d{1,3})(?:[.)]\s*|\s+)(?=\S)/u;

interface Split {
  label: number;
  text: string;
  line: number;
}

/** The stretch's notes, split at their labels (a paragraph joined from two notes is split at the second's label). */
function splitNotes(paragraphs: Paragraph[]): Split[] | undefined {
  const out: Split[] = [];
  for (const p of paragraphs) {
    const m = LABEL.exec(p.text);
    const value = m ? Number(m[1]) : undefined;
    const expected = out.length ? out[out.length - 1]!.label + 1 : undefined;
    if (m && (out.length === 0 || value === expected || value === 1)) {
      out.push({ label: value!, text: p.text.slice(m[0].length), line: p.line });
    } else if (out.length) out[out.length - 1]!.text += ` ${p.text}`;
    else return undefined;
    // the next label inside the paragraph, after a sentence's end
    for (;;) {
      const last = out[out.length - 1]!;
      const next = last.label + 1;
      const at = last.text.search(new RegExp(`(?<=[.!?”’)\\]]\\s)${next}[.)]\\s+(?=\\S)|(?<=\\p{L}\\s)${next}[.)]\\s+(?=[\\p{Lu}“‘(])`, 'u'));
      if (at < 0) break;
      const rest = last.text.slice(at);
      last.text = last.text.slice(0, at).trim();
      out.push({ label: next, text: rest.replace(/^\d{1,3}[.)]\s+/, ''), line: p.line });
    }
  }
  return out;
}

function tryStretch(paragraphs: Paragraph[], start: number, firstId: number, headed: boolean) {
  const notes = splitNotes(paragraphs.slice(start));
  if (!notes || (notes.length < 2 && !headed)) return undefined;
  const body = paragraphs.slice(0, start);
  const marks = new Map<number, { index: number; length: number; id: number }[]>();
  // every mark that may be a call, then the pairing of labels and marks in order that the evidence supports best:
  // numbers read right anchor it, marks OCR misread are taken where their glyphs or their places single them out
  const aligned = alignCalls(
    notes.map((n) => String(n.label)),
    findCallMarksInLines(body.map((p) => p.text)),
    // the marks are the whole body's before the notes: for the clear best pairings, the reach is bounded at both
    // ends (they add links to notes found on other evidence, and are none themselves)
    { marginBounded: true },
  );
  const chosen = new Map<number, { p: number; index: number; length: number; misread: boolean }>();
  aligned.marks.forEach((c, k) => c && chosen.set(k, { p: c.at, index: c.index, length: c.length, misread: aligned.misread[k]! }));
  let linked = 0;
  const result: EndNote[] = notes.map((n, k) => {
    const c = chosen.get(k);
    if (c) {
      if (!marks.has(c.p)) marks.set(c.p, []);
      marks.get(c.p)!.push({ index: c.index, length: c.length, id: firstId + k });
      linked++;
    }
    return { label: String(n.label), text: n.text.trim(), line: n.line, linked: c !== undefined, ...(c?.misread ? { misread: { p: c.p, index: c.index, length: c.length } } : {}) };
  });
  // too few calls found: these were numbered paragraphs, not notes (a mark counts here only when it reads as
  // its label or its glyphs can be it, and at least one must read right)
  // (a call chosen only as its stretch's clear best pairing adds a link to notes found, and is no evidence of them)
  const exact = aligned.marks.filter((c, k) => c && !aligned.misread[k]).length;
  const fitting = aligned.marks.filter((c, k) => c && !aligned.byMargin[k] && (!aligned.misread[k] || markFits(c.text, String(notes[k]!.label)))).length;
  const evidence = aligned.marks.filter((c, k) => c && !aligned.byMargin[k]).length;
  // a stretch under its own heading whose labels run 1, 2, 3 … to the end without a break is notes even where OCR
  // lost most of their calls: it stands with two calls at least that agree with the sequence (one mark that fits a
  // label somewhere in the body is chance), and the notes without one are kept unlinked
  const sequence = headed && notes.length >= 3 && notes.every((n, k) => n.label === k + 1) && evidence >= 2;
  if (!sequence && (evidence * 2 < notes.length || (exact === 0 && !headed) || fitting * 2 < notes.length)) return undefined;
  return { start, notes, marks, linked, result };
}

/**
 * Finds the endnotes among the paragraphs and links their calls; returns the paragraphs without them (calls
 * marked with ids from `firstId`) and the notes, or the paragraphs unchanged when there are none.
 */
export function findEndnotes(
  paragraphs: Paragraph[],
  firstId: number,
  ctx: ImportContext,
  options: { lastFootNoteLine?: number } = {},
): { paragraphs: Paragraph[]; notes: EndNote[] } {
  const none = { paragraphs, notes: [] };
  // stretches that start with a label 1 and follow on to the end, from the last one up; notes gathered at the end
  // come after the body, and a page whose foot holds notes is body (a numbered list above such notes is no stretch)
  let best: ReturnType<typeof tryStretch> | undefined;
  for (let i = paragraphs.length - 1; i >= 0; i--) {
    const m = LABEL.exec(paragraphs[i]!.text);
    if (!m || Number(m[1]) !== 1) continue;
    if (options.lastFootNoteLine !== undefined && paragraphs[i]!.line < options.lastFootNoteLine) continue;
    const above = paragraphs[i - 1];
    // one note alone counts when a short heading stands above it
    const headed = above !== undefined && above.lines === 1 && above.text.replace(/\{\{page [^}]*\}\}/g, '').trim().split(/\s+/).length <= 3;
    const tried = tryStretch(paragraphs, i, firstId, headed);
    if (!tried) continue;
    // the stretch that links the most calls (a numbered list of the body taken in links fewer: its numbers
    // take the calls of the notes' own first numbers); as many, the longer one (notes numbered per chapter)
    if (!best || tried.linked > best.linked) best = tried;
  }
  if (!best) return none;
  const { start, notes, marks, linked, result } = best;
  const body = paragraphs.slice(0, start);
  const marked = body.map((p, i) => {
    const ms = marks.get(i);
    if (!ms) return p;
    let text = p.text;
    for (const m of ms.sort((a, b) => b.index - a.index)) text = `${text.slice(0, m.index)}${REF_OPEN}${m.id}${REF_CLOSE}${text.slice(m.index + m.length)}`;
    return { ...p, text };
  });
  // the stretch's heading: a short line above it, without a number
  const head = marked[marked.length - 1];
  if (head && head.lines === 1 && head.text.replace(/\{\{page [^}]*\}\}/g, '').trim().split(/\s+/).length <= 3 && !/\d/.test(head.text.replace(/\{\{page [^}]*\}\}/g, ''))) marked.pop();
  ctx.review({ rule: 'endnotes', kind: 'fixed', line: notes[0]!.line, message: `${notes.length} notes gathered at the end, ${linked} linked to their calls` });
  for (const n of result.filter((r) => r.misread)) {
    const m = n.misread!;
    const para = body[m.p]!;
    const read = para.text.slice(m.index, m.index + m.length);
    ctx.review({
      rule: 'endnotes',
      kind: markFits(read, n.label) ? 'fixed' : 'doubt',
      line: para.line,
      message: `"${read}" taken as the call of endnote ${n.label} (OCR misread it; ${markFits(read, n.label) ? 'its glyphs and its place in the sequence say so' : 'only its place between the calls around it says so'})`,
    });
  }
  for (const n of result.filter((r) => !r.linked)) ctx.review({ rule: 'endnotes', kind: 'doubt', line: n.line, message: `endnote ${n.label}: no call found for it in order; kept unlinked` });
  return { paragraphs: marked, notes: result };
}
