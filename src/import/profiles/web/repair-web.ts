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

export function repairWebText(text: string, ctx: ImportContext): RepairedText {
  const lines: Line[] = text
    .split('\n')
    .map((t, i) => ({ text: t.trim(), line: i + 1 }))
    .filter((l) => l.text !== '');

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
