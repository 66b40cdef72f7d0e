/**
 * The contract between the import stages. A profile (web, pdf, scan) turns raw text into an ImportedBook;
 * only the command layer (src/cli/import.ts) writes it to disk.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { ProfileId } from './profiles/registry.js';

/** A profile's id: one of the registry's (src/import/profiles/registry.ts) */
export type ImportProfile = ProfileId;

/** One repair the importer made, or doubted, for a person to review. */
export interface ReviewItem {
  /** the rule that made or doubted the repair, e.g. `hyphen-join` */
  rule: string;
  /** `doubt`: a person should look; `fixed`: done with confidence, listed as a count only */
  kind: 'doubt' | 'fixed';
  /** line in the raw source text (1-based) */
  line?: number;
  /** what was found and what was done, short: `"non-" + "Party" kept as "non-Party" (both in text)` */
  message: string;
  /** how many changes of the same kind this item stands for (a paragraph with 5 quotes made curly: 5); default 1 */
  count?: number;
}

export interface ImportContext {
  /** the raw file's path, for messages */
  sourcePath: string;
  diagnostics: Diagnostics;
  /** record a repair or a doubt */
  review(item: ReviewItem): void;
}

/** book.yaml as plain data (see docs/book-format.md); written with the `yaml` package. */
export interface BookYamlData {
  identifier?: string;
  title: string;
  subtitle?: string;
  language: string;
  creators: { name: string; 'file-as'?: string; role: 'author' | 'translator' | 'editor' }[];
  date?: string;
  description: string;
  subjects?: string[];
  /** books and periodicals set as <cite> (structure/suggest-titles.ts) */
  titles?: string[];
  rights: string;
  sources: Record<string, string | number>[];
  files?: string[];
}

export interface ImportedFile {
  /** file name inside the book folder, e.g. `01-the-discussion.md` */
  name: string;
  markdown: string;
}

export interface ImportedBook {
  profile: ImportProfile;
  meta: BookYamlData;
  files: ImportedFile[];
  review: ReviewItem[];
}

/**
 * The page-level result shared by the profiles: what `repair*` stages (furniture removal, hyphen joins,
 * letter-spacing, paragraph re-joining, notes at page bottoms) hand to the structure stage (headings, datelines,
 * note linking, typography, Markdown). Line numbers always point into the raw source text.
 */
export interface RawBlock {
  /** the paragraph's text, on one line; `{{page N}}` markers may stand inside it */
  text: string;
  /** 1-based line in the raw source where the block starts */
  line: number;
  /**
   * optional, for a block joined from several raw lines: where each joined line begins in `text`
   * (`offset` into text → raw `line`), so that note references and doubts point at the right raw line
   */
  segments?: { offset: number; line: number }[];
}

/** A note's text found apart from its reference: at a page bottom, in an endnotes section, or in a paragraph. */
export interface RawNote {
  /** the label as printed: `1`, `26`, `*`, `**` */
  label: string;
  text: string;
  line: number;
  /** where it was found */
  origin: 'page-bottom' | 'endnotes' | 'inline';
  /** for volume notes that say which original page they belong to ("p. 51"), that page */
  page?: string;
}

export interface RepairedText {
  blocks: RawBlock[];
  notes: RawNote[];
  /** the page turns of a part whose turns are not numbered (a scanned volume's chronicle): the last printed page
   *  number in it and how many turns follow it, so that the report can name the pages left without a marker */
  trailingTurns?: { after: number; turns: number };
}
