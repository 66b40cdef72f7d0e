/**
 * The line stream the page-level repair rules work on. The raw text is read into one item per line; rules remove
 * page furniture, mark page turns, lift notes out of page bottoms and join broken words, and the last rule joins
 * the remaining lines into paragraphs (RawBlock). Every item keeps its 1-based line in the raw source.
 */
import type { ImportContext } from '../types.js';
import type { Vocabulary } from './vocabulary.js';

export type RepairItem =
  /** a line of running text (leading/trailing spaces removed once the page rule has read them) */
  | {
      kind: 'text';
      text: string;
      line: number;
      indented?: boolean;
      /** the line's length as printed (before words were moved onto or off it), for the paragraph rule */
      printed?: number;
      /** a word broken at this line's end was joined: the paragraph goes on */
      runsOn?: boolean;
    }
  /** an empty line */
  | { kind: 'blank'; line: number }
  /** a page turn: the text after it was printed on a new page, `number` when known */
  | { kind: 'page'; line: number; number?: string }
  /** a note's text found apart from its reference (page bottom) */
  | { kind: 'note'; label: string; text: string; line: number };

export interface RepairOptions {
  /** a line that starts with a space begins a new page (pdftotext and OCR output of these books do this) */
  leadingSpaceIsPageTurn: boolean;
  /** phrases stamped over the pages by the digitiser, removed wherever they stand (`NOT FOR COMMERCIAL DISTRIBUTION`) */
  watermarks: string[];
  /** notes at page bottoms may be numbered (`1. …`); otherwise only starred notes (`* …`) are looked for */
  numberedPageNotes: boolean;
}

export interface RepairEnv {
  ctx: ImportContext;
  vocabulary: Vocabulary;
  options: RepairOptions;
}

/** One repair rule: a small pure function over the line stream. */
export interface RepairRule {
  /** stable id, used in review items: `join-hyphen-breaks` */
  id: string;
  /** what it repairs, one line */
  description: string;
  /** before → after */
  example: string;
  apply(items: RepairItem[], env: RepairEnv): RepairItem[];
}

export function isText(item: RepairItem): item is Extract<RepairItem, { kind: 'text' }> {
  return item.kind === 'text';
}
