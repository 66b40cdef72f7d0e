/**
 * The contract between the import stages. A profile (web, pdf, scan) turns raw text into an ImportedBook;
 * only the command layer (src/cli/import.ts) writes it to disk.
 */
import type { Diagnostics } from '../diagnostics.js';

export type ImportProfile = 'web' | 'pdf' | 'scan';

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
