/**
 * The web profile's page-level stage: a web transcription has one paragraph a line. Lines become blocks;
 * the endnotes section and the notes standing in the text (own lines, or glued to a paragraph) become
 * RawNotes; paragraphs broken where the printed page turned are joined.
 */
import type { ImportContext, RawBlock, RawNote, RepairedText } from '../../types.js';
import { findEndnotes, type Line } from './find-endnotes.js';
import { isContinuation, joinAcrossBreak } from './join-continuations.js';
import { readNoteLine } from './note-patterns.js';
import { splitGluedNotes } from './split-glued-notes.js';

/** The longest line of a block whose lines are kept apart (an address, a closing with its signature). */
const SHORT_LINE = 60;

/**
 * A web text puts a blank line between its paragraphs; lines that stand together with no blank line between them,
 * all short, are one block whose lines are broken where they stand: an address (`Maria Ulyanova,` / `Samarin's
 * House, Apt. 3,` / … / `Russia`), a closing and its signature (`Yours,` / `V. U.`). Decided from the text's own
 * evidence: it must separate its paragraphs by blank lines (most of its lines stand alone), and the block must come
 * after the first paragraph of running text or open with a line ending in a comma (an address under the header).
 * Returns the lines that are not blank, a block's lines joined by `\n` (a line break in the block).
 */
export function groupLineBlocks(all: Line[], ctx: ImportContext): Line[] {
  const groups: Line[][] = [];
  let current: Line[] = [];
  for (const l of all) {
    if (l.text === '') {
      if (current.length) groups.push(current);
      current = [];
    } else current.push(l);
  }
  if (current.length) groups.push(current);
  const alone = groups.filter((g) => g.length === 1).length;
  const spaced = groups.length >= 4 && alone >= groups.length * 0.6;
  const out: Line[] = [];
  let seenProse = false;
  for (const g of groups) {
    const field = g.some((l) => /^[\p{L}\\/ ]{2,30}:\s/u.test(l.text) || readNoteLine(l.text) !== undefined);
    const block =
      spaced && g.length >= 2 && g.length <= 6 && !field && g.every((l) => l.text.length <= SHORT_LINE) && (seenProse || /,$/.test(g[0]!.text));
    if (block) {
      out.push({ text: g.map((l) => l.text).join('\n'), line: g[0]!.line });
      ctx.review({ rule: 'line-block', kind: 'fixed', line: g[0]!.line, message: `${g.length} short lines standing together kept as one block, lines broken ("${g[0]!.text.slice(0, 40)}" …)` });
    } else out.push(...g);
    if (g.some((l) => l.text.length > 100)) seenProse = true;
  }
  return out;
}

export function repairWebText(text: string, ctx: ImportContext): RepairedText {
  const lines: Line[] = groupLineBlocks(
    text
      .split('\n')
      .map((t, i) => ({ text: t.trim(), line: i + 1 })),
    ctx,
  );

  const endnotes = findEndnotes(lines);
  const notes: RawNote[] = endnotes.notes.map((n) => ({ ...n, origin: 'endnotes' as const }));
  if (endnotes.notes.length > 0) {
    ctx.review({ rule: 'find-endnotes', kind: 'fixed', line: endnotes.headingLine ?? endnotes.notes[0].line, message: `${endnotes.notes.length} endnote(s) found at the end` });
  }

  /** blocks in order; a note line between two parts of a broken paragraph does not stop the join */
  const blocks: RawBlock[] = [];
  for (const l of endnotes.body) {
    const noteLine = readNoteLine(l.text);
    if (noteLine) {
      notes.push({ label: noteLine.label, text: noteLine.text, line: l.line, origin: 'inline' });
      ctx.review({ rule: 'notes-in-text', kind: 'fixed', line: l.line, message: `note [${noteLine.label}] standing in the text taken as a note` });
      if (noteLine.repaired) ctx.review({ rule: 'notes-in-text', kind: 'doubt', line: l.line, message: noteLine.repaired });
      continue;
    }
    const glued = splitGluedNotes(l.text);
    for (const n of glued.notes) {
      notes.push({ label: n.label, text: n.text, line: l.line, origin: 'inline' });
      ctx.review({ rule: 'notes-in-text', kind: n.sure ? 'fixed' : 'doubt', line: l.line, message: `note [${n.label}] "${n.text.slice(0, 40)}" split off the paragraph (${n.how})` });
    }
    const block: RawBlock = { text: glued.text, line: l.line };
    const prev = blocks[blocks.length - 1];
    if (prev && isContinuation(block.text)) blocks[blocks.length - 1] = joinAcrossBreak(prev, block, ctx);
    else blocks.push(block);
  }
  return { blocks, notes };
}
