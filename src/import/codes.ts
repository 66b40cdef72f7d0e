/**
 * The import's diagnostic codes: every code `galley import` reports, with its stage and a one-line meaning. An
 * import stage reports a repair or a doubt as a ReviewItem whose `rule` is one of these codes; the import context
 * turns it into the build's `Diagnostic` (a doubt is a `warning`, a confident fix an `info`, the file is
 * `source.txt` and the line is the raw line). docs/diagnostics.md lists them; tests/import/codes.test.ts checks
 * that every code reported on the fixtures, the seeds and the corpus is here, and that the document agrees.
 *
 * A new rule needs its code here (the test names any code that is missing), and docs/diagnostics.md the same row
 * (`renderCodeTable()`; UPDATE_DOCS=1 npx vitest run tests/import/codes.test.ts rewrites it).
 */
import type { Diagnostic } from '../diagnostics.js';
import type { ReviewItem } from './types.js';

export type CodeStage = 'command' | 'text' | 'repair' | 'structure' | 'typography';

export interface ImportCode {
  stage: CodeStage;
  /** one line: what the importer did, or what a doubt asks a person to check */
  meaning: string;
}

export const IMPORT_CODES: Record<string, ImportCode> = {
  // the command (errors: nothing is written)
  'import-empty': { stage: 'command', meaning: 'the raw text is empty or only white space: there is nothing to import' },
  'import-missing': { stage: 'command', meaning: 'the raw text named on the command line does not exist' },
  'import-encoding': { stage: 'command', meaning: 'the raw text is not UTF-8: the line and column of the first bad byte' },
  'import-exists': { stage: 'command', meaning: 'the book folder exists (it may hold corrections made by hand): re-import with --force' },
  'import-unconfirmed': { stage: 'command', meaning: '--force showed what a re-import changes; nothing is written without --yes' },
  'import-conflict': { stage: 'command', meaning: 'a correction made by hand since the import cannot be re-applied: the new import changed its lines' },
  'import-record-damaged': { stage: 'command', meaning: 'the import record (.import/) does not match its hashes: delete it to re-import without it' },

  // text rules (src/import/clean/, on the raw text, every line kept where it was)
  'strip-bom': { stage: 'text', meaning: 'the byte-order mark removed' },
  'normalize-line-endings': { stage: 'text', meaning: 'CRLF and CR line endings made LF' },
  'fix-mojibake': { stage: 'text', meaning: 'UTF-8 read as Windows-1252 (â€™, Ã©) repaired' },
  'remove-control-characters': { stage: 'text', meaning: 'control and zero-width characters removed; a U+FFFD (a lost character) is a doubt' },
  'map-windows-controls': { stage: 'text', meaning: 'C1 control characters read as the Windows-1252 characters they stand for (see char-c1-mapped)' },
  'char-c1-mapped': { stage: 'text', meaning: 'a C1 control character read as Windows-1252 (U+0092 → ’), as the WHATWG decoder and ftfy do' },
  'remove-ansi-escapes': { stage: 'text', meaning: 'terminal escape sequences removed whole (see char-ansi-escape)' },
  'char-ansi-escape': { stage: 'text', meaning: 'a terminal escape sequence (ESC[31m), or a colour code that lost its ESC ([0m), removed whole' },
  'char-control': { stage: 'text', meaning: 'a control character with no meaning in text removed' },
  'char-replacement': { stage: 'text', meaning: 'a replacement character U+FFFD removed: a character was lost before the import' },
  'report-invisible-characters': { stage: 'text', meaning: 'invisible characters removed and bidirectional controls reported (see char-invisible, char-bidi)' },
  'char-invisible': { stage: 'text', meaning: 'a soft hyphen, zero-width space, word joiner or byte-order mark inside the text removed' },
  'char-bidi': { stage: 'text', meaning: 'a bidirectional control (LRM, RLM, RLO…) kept: check the line reads in the right direction' },
  'import-title-duplicate': { stage: 'structure', meaning: 'a chapter with the title of an earlier one written under a distinct file name (-2), so the book builds' },
  'remove-navigation-lines': { stage: 'text', meaning: 'a web page’s navigation line (Home Page | Works Index, < backward forward >) removed' },
  'strip-archive-boilerplate': { stage: 'text', meaning: 'link text glued to a line (…as your source.README) removed' },

  // page repairs (src/import/repair/, src/import/paged/, src/import/profiles/web/)
  'page-breaks': { stage: 'repair', meaning: 'a text without form feeds: page breaks placed at its page numbers' },
  'page-furniture': { stage: 'repair', meaning: 'a running head or folio (repeated at page edges) removed' },
  'mark-page-turns': { stage: 'repair', meaning: 'a page number and running head removed and the page turn marked' },
  'number-pages': { stage: 'repair', meaning: 'page turns numbered from the printed numbers; a doubt when turns are missing between two numbers' },
  'page-numbers': { stage: 'repair', meaning: 'page turns numbered (or read as the front matter) from the printed numbers, the notes’ page references, the starts of works and the length of the pages; a doubt for each run of pages left without a marker' },
  'remove-watermarks': { stage: 'repair', meaning: 'a watermark stamped over the pages removed' },
  'remove-ornament-lines': { stage: 'repair', meaning: 'a line of ornament or OCR noise removed' },
  'collapse-letter-spacing': { stage: 'repair', meaning: 'letter-spaced words (s p a c e d) closed up; a doubt where the word breaks are a guess' },
  'join-split-words': { stage: 'repair', meaning: 'a word split by OCR (E D) joined' },
  'join-hyphen-breaks': { stage: 'repair', meaning: 'a word broken at a line end joined, with or without its hyphen; a doubt when neither form is known' },
  'join-lost-hyphens': { stage: 'repair', meaning: 'a word broken without a hyphen joined, or a hyphen restored as the text writes it elsewhere; a doubt when it is a guess' },
  'join-paragraphs': { stage: 'repair', meaning: 'the lines of a printed page joined into paragraphs' },
  'join-page-breaks': { stage: 'repair', meaning: 'a paragraph the printed page broke joined again; a doubt when the mended word is a guess' },
  'extract-page-notes': { stage: 'repair', meaning: 'a note lifted from the foot of its page' },
  'page-notes': { stage: 'repair', meaning: 'notes at the page foot read and a note continued overleaf joined; a doubt when its continuation is not found' },
  'endnotes': { stage: 'repair', meaning: 'endnotes gathered and linked to their calls; a doubt for an endnote with no call' },
  'find-endnotes': { stage: 'repair', meaning: 'endnotes found at the end of a web text' },
  'line-block': { stage: 'repair', meaning: 'short lines standing together in a web text (an address, a closing and its signature) kept as one block, lines broken' },
  'notes-in-text': { stage: 'repair', meaning: 'a note text standing in or glued to a paragraph split off; a doubt when the split is a guess' },
  'volume-notes': { stage: 'repair', meaning: 'a volume’s numbered NOTES read; a doubt for a note whose number is missing' },
  'attach-stray-references': { stage: 'repair', meaning: 'a note call glued to the next word moved onto the word before' },

  // structure (src/import/structure/, src/import/profiles/)
  'title-page': { stage: 'structure', meaning: 'title and author read from the first page; a doubt when the title or author is a guess' },
  'front-matter': { stage: 'structure', meaning: 'author, title, subtitle and dateline read from the head of the text; a doubt for what is missing or guessed' },
  'credits-header': { stage: 'structure', meaning: 'the credits header (Source:, Translated:, …) moved to book.yaml; a doubt when there is none' },
  'chapters': { stage: 'structure', meaning: 'the text split into files at its chapter headings; a doubt for the title or author not found' },
  'volume-works': { stage: 'structure', meaning: 'a volume split into its works; a doubt when its author is not stated' },
  'headings': { stage: 'structure', meaning: 'a line taken as a heading' },
  'heading-case': { stage: 'structure', meaning: 'a heading in capitals set in Title Case' },
  'structure': { stage: 'structure', meaning: 'a source line, signature, letter, dateline or section break recognised; a doubt when it is a guess' },
  'link-notes': { stage: 'structure', meaning: 'a note call linked to its note; a doubt for a call without a note, a note without a call, or a bare number taken as a call' },
  'suggest-titles': { stage: 'structure', meaning: 'the periodicals named by the source lines suggested as book.yaml titles: (set in italics); always a doubt' },
  'link-volume-notes': { stage: 'structure', meaning: 'a call linked to the volume’s note; a doubt when it stands on another page than its note names' },

  // typography (src/import/clean/, on each paragraph)
  'collapse-spaces': { stage: 'typography', meaning: 'runs of spaces collapsed' },
  'double-apostrophe-quotes': { stage: 'typography', meaning: 'two apostrophes read as a double quote; a doubt where they may be two quotes' },
  'number-ranges': { stage: 'typography', meaning: 'a number range given an en dash (1907–1913)' },
  'em-dashes': { stage: 'typography', meaning: 'typed dashes ( - , --) made em dashes' },
  'ellipses': { stage: 'typography', meaning: '. . . made an ellipsis' },
  'curly-quotes': { stage: 'typography', meaning: 'straight quotes made curly' },
  'non-breaking-spaces': { stage: 'typography', meaning: 'a no-break space after initials and abbreviations (J. V. Stalin, p. 51)' },
};

/** An import diagnostic: the build's Diagnostic, and how many changes of the same kind it stands for. */
export interface ImportDiagnostic extends Diagnostic {
  count?: number;
}

/** A review item as a Diagnostic: a doubt is a warning, a fix an info; positioned in `file` (source.txt). */
/** Codes that `galley import` prints as it goes (the rest are in import-report.md): changes that must not pass in silence. */
export const SHOWN_CODES = new Set(['char-c1-mapped', 'char-ansi-escape', 'char-control', 'char-replacement', 'char-invisible', 'char-bidi', 'import-title-duplicate']);

export function reviewToDiagnostic(item: ReviewItem, file = 'source.txt'): ImportDiagnostic {
  return {
    severity: item.kind === 'doubt' ? 'warning' : 'info',
    code: item.rule,
    message: item.message,
    file,
    ...(item.line ? { line: item.line } : {}),
    ...(item.count && item.count > 1 ? { count: item.count } : {}),
  };
}

/** The catalogue as the Markdown table docs/diagnostics.md holds between its markers. */
export function renderCodeTable(): string {
  const rows = Object.entries(IMPORT_CODES).map(([code, c]) => `| \`${code}\` | ${c.stage} | ${c.meaning.replace(/\|/g, '\\|')} |`);
  return ['| code | stage | meaning |', '|---|---|---|', ...rows].join('\n');
}
