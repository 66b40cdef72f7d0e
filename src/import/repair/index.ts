/**
 * The page-level repairs, in the order they run. Text extracted from a typeset PDF or a scanned volume goes in;
 * paragraphs (with `{{page N}}` markers where pages turned) and the notes found at page bottoms come out.
 *
 *   removeOrnamentLines   "!(@$"                              → removed
 *   removeWatermarks      "NOT FOR" / "JanuCOMMERCIAL"         → removed / "Janu"
 *   markPageTurns         "6" + "J. V. S T A L I N", " rooted"  → page turns, heads removed
 *   numberPages           unnumbered turns between 6 and 9    → 7, 8
 *   extractPageNotes      "1. J. V. Stalin’s lectures…"        → RawNote 1 (page-bottom)
 *   collapseLetterSpacing "o f t h e R . S . D . L . P ."      → "of the R.S.D.L.P."
 *   joinSplitWords        "fram ew ork, tha t"               → "framework, that"
 *   joinHyphenBreaks      "revolu-" / "tion"                  → "revolution"
 *   joinLostHyphens       "Janu" / "ary", "workingclass"      → "January", "working-class"
 *   joinParagraphs        lines                               → RawBlock paragraphs
 */
import type { ImportContext, RepairedText } from '../types.js';
import { collapseLetterSpacing } from './collapse-letter-spacing.js';
import { extractPageNotes } from './extract-page-notes.js';
import { joinHyphenBreaks } from './join-hyphen-breaks.js';
import { joinLostHyphens } from './join-lost-hyphens.js';
import { joinSplitWords } from './join-split-words.js';
import { joinParagraphs } from './join-paragraphs.js';
import { markPageTurns } from './mark-page-turns.js';
import { numberPages } from './number-pages.js';
import { readLines } from './read-lines.js';
import { removeOrnamentLines } from './remove-ornament-lines.js';
import { removeWatermarks } from './remove-watermarks.js';
import type { RepairItem, RepairOptions, RepairRule } from './types.js';
import { buildVocabulary, type Vocabulary } from './vocabulary.js';

export type { RepairItem, RepairOptions, RepairRule } from './types.js';
export { readLines } from './read-lines.js';
export { joinParagraphs } from './join-paragraphs.js';
export { buildVocabulary } from './vocabulary.js';

/** The rules that work on the line stream, in order. */
export const repairRules: readonly RepairRule[] = [
  removeOrnamentLines,
  removeWatermarks,
  markPageTurns,
  numberPages,
  extractPageNotes,
  collapseLetterSpacing,
  joinSplitWords,
  joinHyphenBreaks,
  joinLostHyphens,
];

export const defaultRepairOptions: RepairOptions = { leadingSpaceIsPageTurn: true, watermarks: [], numberedPageNotes: true };

/** Runs the line rules over a stream (for profiles that cut the text into regions first). */
export function applyRepairRules(
  items: RepairItem[],
  ctx: ImportContext,
  vocabulary: Vocabulary,
  options: RepairOptions = defaultRepairOptions,
  rules: readonly RepairRule[] = repairRules,
): RepairItem[] {
  return rules.reduce((acc, rule) => rule.apply(acc, { ctx, vocabulary, options }), items);
}

/** Repairs raw page text into paragraphs and page-bottom notes. */
export function repairPageText(raw: string, ctx: ImportContext, options: Partial<RepairOptions> = {}): RepairedText {
  const items = readLines(raw);
  const vocabulary = buildVocabulary(raw.split('\n'));
  const repaired = applyRepairRules(items, ctx, vocabulary, { ...defaultRepairOptions, ...options });
  return joinParagraphs(repaired, ctx);
}
