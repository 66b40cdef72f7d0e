/**
 * Link note references to note texts. References: bracketed (`[1]`, `[*]`), stars (`confidence*`), numbers
 * glued to a word (`Enrollment1`, `revolution.”2`) or set apart (`recently 2 is`), a number ending a title
 * (`For the Party 1`). Numbers that are not bracketed count as references only when a note with that label
 * exists and nothing better refers to it. When labels are used once each (endnotes), a note takes every
 * reference with its label; when labels repeat, a note printed on the page takes the nearest unlinked reference
 * before it, and an endnote (labels restarting per chapter) the first unlinked one. What stays unlinked stays visible in the text and is reported as a doubt.
 */
import { REF_CLOSE, REF_OPEN } from '../clean/types.js';
import type { ImportContext, RawBlock, RawNote } from '../types.js';

export type RefKind = 'bracket' | 'star' | 'glued' | 'apart' | 'title-end';

export interface NoteLinkBlock extends RawBlock {
  /** headings and titles: a number at the end may be a reference */
  heading?: boolean;
}

export interface LinkedNote {
  /** index into the notes given */
  id: number;
  label: string;
  text: string;
  line: number;
  origin: RawNote['origin'];
}

export interface LinkResult {
  /** the blocks' texts with references replaced by U+E000 id U+E001 */
  blocks: NoteLinkBlock[];
  /** the notes that have at least one reference */
  linked: LinkedNote[];
  /** notes without a reference: to be kept visible in the text */
  unlinked: RawNote[];
}

interface RefCandidate {
  block: number;
  start: number;
  end: number;
  label: string;
  kind: RefKind;
  /** raw line of the reference */
  line: number;
  note?: number;
}

const BRACKET = /\[(\d{1,3}|\*{1,3}|¥|†{1,2})\]/gu;
/** "confidence*", "class,*", "peasantry.”*": stars after a word or punctuation; " * " before a lower-case word */
const STAR = /(?<=[\p{L}\p{N}.,;:!?"”’')])(\*{1,3})(?=[\s.,;:!?"”’')]|$)|(?<=\s)(\*{1,3})(?=\s\p{Ll})/gu;
const GLUED = /(?<=[\p{Ll}.,;:!?"”’')])(\d{1,3})(?=[\s.,;:!?"”’')]|$)/gu;
const APART = /(?<=\p{Ll}) (\d{1,3})(?= \p{Ll})/gu;
/** "For the Party 1" — but not "Chapter 2", "No. 7", "Vol. 2" */
const TITLE_END = /(?<=[\p{L}.!?"”’])(?<!\b(?:Chapter|Part|Section|Book|Volume|Vol\.|No\.|Nos\.|Article|Letter|Thesis)) (\d{1,2})$/u;

function lineAt(block: RawBlock, offset: number): number {
  let line = block.line;
  for (const s of block.segments ?? []) if (s.offset <= offset) line = s.line;
  return line;
}

function findCandidates(blocks: NoteLinkBlock[]): RefCandidate[] {
  const found: RefCandidate[] = [];
  blocks.forEach((b, i) => {
    const add = (start: number, end: number, label: string, kind: RefKind) => found.push({ block: i, start, end, label, kind, line: lineAt(b, start) });
    for (const m of b.text.matchAll(BRACKET)) add(m.index!, m.index! + m[0].length, m[1], 'bracket');
    for (const m of b.text.matchAll(STAR)) add(m.index!, m.index! + m[0].length, m[0], 'star');
    for (const m of b.text.matchAll(GLUED)) add(m.index!, m.index! + m[0].length, m[1], 'glued');
    for (const m of b.text.matchAll(APART)) add(m.index!, m.index! + m[0].length, m[1], 'apart');
    const t = b.heading ? TITLE_END.exec(b.text) : null;
    if (t) add(t.index, t.index + t[0].length, t[1], 'title-end');
  });
  // a star inside a bracket was found twice: keep the bracket
  return found.filter((c) => !(c.kind === 'star' && found.some((o) => o.kind === 'bracket' && o.block === c.block && o.start < c.start && o.end > c.start)));
}

const CONFIDENT: RefKind[] = ['bracket', 'star'];

/** before(a, b): reference a stands before note b in the raw text */
function refBeforeNote(ref: RefCandidate, note: RawNote): boolean {
  return ref.line <= note.line;
}

function linkUniqueLabels(notes: RawNote[], refs: RefCandidate[], ctx: ImportContext): void {
  notes.forEach((note, id) => {
    const same = refs.filter((r) => r.label === note.label && r.note === undefined);
    const confident = same.filter((r) => CONFIDENT.includes(r.kind));
    if (confident.length > 0) {
      for (const r of confident) r.note = id;
      return;
    }
    // numbers not in brackets: the first one of the best kind, and say so
    for (const kind of ['title-end', 'glued', 'apart'] as RefKind[]) {
      const ofKind = same.filter((r) => r.kind === kind);
      const pick = ofKind[0];
      if (!pick) continue;
      pick.note = id;
      const others = ofKind.length > 1 ? `; ${ofKind.length - 1} more such number(s) at line(s) ${ofKind.slice(1).map((r) => r.line).join(', ')} left as numbers` : '';
      ctx.review({
        rule: 'link-notes',
        kind: kind === 'glued' && !others ? 'fixed' : 'doubt',
        line: pick.line,
        message: `${kind === 'apart' ? 'number set apart' : kind === 'glued' ? 'number glued to a word' : 'number ending the title'} "${note.label}" taken as the reference to note ${note.label} (line ${note.line})${others}`,
      });
      return;
    }
  });
}

function linkRepeatedLabels(notes: RawNote[], refs: RefCandidate[], ctx: ImportContext): void {
  const order = notes.map((n, id) => ({ n, id })).sort((a, b) => a.n.line - b.n.line);
  for (const { n: note, id } of order) {
    const open = refs.filter((r) => r.label === note.label && r.note === undefined && CONFIDENT.includes(r.kind));
    const before = open.filter((r) => refBeforeNote(r, note));
    if (note.label.startsWith('*')) {
      const sameLine = before.filter((r) => r.line === note.line);
      if (sameLine.length > 0) {
        for (const r of sameLine) r.note = id;
        continue;
      }
    }
    // endnotes are in the order of their references (labels restart per chapter): the first open one;
    // notes printed on the page follow their references: the nearest one before
    const nearest = note.origin === 'endnotes' ? before[0] : before[before.length - 1];
    if (nearest) {
      nearest.note = id;
      continue;
    }
    const after = open.find((r) => !refBeforeNote(r, note));
    if (after) {
      after.note = id;
      ctx.review({ rule: 'link-notes', kind: 'doubt', line: after.line, message: `reference [${note.label}] linked to the note printed before it (line ${note.line})` });
    }
  }
}

export function linkNotes(blocks: NoteLinkBlock[], notes: RawNote[], ctx: ImportContext): LinkResult {
  const refs = findCandidates(blocks);
  const counts = new Map<string, number>();
  for (const n of notes) counts.set(n.label, (counts.get(n.label) ?? 0) + 1);
  const repeated = [...counts.values()].some((c) => c > 1);
  if (repeated) linkRepeatedLabels(notes, refs, ctx);
  else linkUniqueLabels(notes, refs, ctx);

  for (const r of refs) {
    if (r.note !== undefined || !CONFIDENT.includes(r.kind)) continue;
    ctx.review({ rule: 'link-notes', kind: 'doubt', line: r.line, message: `reference ${r.kind === 'star' ? `"${r.label}"` : `[${r.label}]`} has no note: left in the text` });
  }

  const out = blocks.map((b, i) => {
    const mine = refs.filter((r) => r.block === i && r.note !== undefined).sort((a, c) => c.start - a.start);
    let text = b.text;
    for (const r of mine) {
      // "(See Vol. XIX, p. 315.)[3]Hence": the reference and the next sentence were glued
      const space = /^\p{L}/u.test(text.slice(r.end)) && r.kind === 'bracket' ? ' ' : '';
      text = `${text.slice(0, r.start)}${REF_OPEN}${r.note}${REF_CLOSE}${space}${text.slice(r.end)}`;
    }
    return { ...b, text };
  });
  const used = new Set(refs.filter((r) => r.note !== undefined).map((r) => r.note!));
  const linked: LinkedNote[] = [];
  const unlinked: RawNote[] = [];
  notes.forEach((n, id) => {
    if (used.has(id)) linked.push({ id, label: n.label, text: n.text, line: n.line, origin: n.origin });
    else {
      unlinked.push(n);
      ctx.review({ rule: 'link-notes', kind: 'doubt', line: n.line, message: `note [${n.label}] "${n.text.slice(0, 50)}" has no reference: left in the text` });
    }
  });
  return { blocks: out, linked, unlinked };
}
