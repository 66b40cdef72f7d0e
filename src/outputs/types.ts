/**
 * An output of the build: what it is called in dist/, what it depends on (galley's template and style
 * folders; the outputs it needs, such as the cover needing the interior's page count), how it is built, and
 * how `galley check` checks it. The build (build/build-books.ts), the cache and `check` read the registry
 * (registry.ts); adding a format is adding an entry.
 */
import type { BuildOptions } from '../build/build-books.js';
import type { ProjectConfig } from '../config/load-project.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Book } from '../model/types.js';
import type { PressSettings } from '../press/presets.js';

export type OutputId = 'epub' | 'pdf' | 'interior' | 'cover';

/** What an output tells the outputs that need it, kept in the manifest beside its hash. */
export interface OutputFacts {
  pages?: number;
  /** a PDF's pages in order: the fingerprint of each page's own text ('' blank), for the change report (build/change-report.ts) */
  pageTexts?: string[];
  /** a PDF's pages in order: the label a reader sees (the folio; roman in the front matter) */
  pageLabels?: string[];
  /** an EPUB's files (zip entries): name → "crc32:size", for the change report */
  files?: Record<string, string>;
  /** what wrote an EPUB's zip (render/epub/package-epub.ts ZIP_WRITER): the next build reuses its deflated files only if the same */
  zip?: string;
}

export interface OutputContext {
  book: Book;
  options: BuildOptions;
  revision: string;
  /** the same moment to the second, ISO 8601 in UTC (the EPUB's dcterms:modified) */
  modified: string;
  /** the facts of the outputs this one needs (just built, or read from the manifest) */
  needed: Partial<Record<OutputId, OutputFacts>>;
  /** the printer's settings, for the press outputs */
  press: () => PressSettings;
  /** the output's file in dist/ as the last build wrote it (intact), for an output that reuses its parts (`reusesPrevious`) */
  previous?: { bytes: Uint8Array; facts?: OutputFacts };
}

export interface CheckContext {
  project: ProjectConfig;
  root: string;
  outDir: string;
  book: Book;
  press: () => PressSettings;
}

export interface OutputDef {
  id: OutputId;
  /** its file name in dist/ */
  file: (slug: string) => string;
  /** folders of galley (relative to the package root) whose files it is made from */
  inputs: string[];
  /** outputs it is made from */
  needs: OutputId[];
  /** the part of the needed outputs' facts it depends on (enters its content hash): the cover, the page count */
  fromNeeded?: (needed: Partial<Record<OutputId, OutputFacts>>) => string;
  /** it reads book.yaml and not the chapters (the chapters reach it through the outputs it needs) */
  bookYamlOnly?: boolean;
  /** a press output: built with --press, or by a plain build when galley.yaml or book.yaml names a printer */
  press?: boolean;
  /** starts the browser early, while the book is parsed */
  usesBrowser?: boolean;
  /** it prints the revision's moment to the second (ctx.modified), which then enters its cache key; the others
   * print only the revision's date, so a correction that keeps the page count does not rebuild them */
  usesModified?: boolean;
  /** its build may reuse parts of the file the last build wrote (ctx.previous); the bytes are the same either way */
  reusesPrevious?: boolean;
  build: (ctx: OutputContext) => Promise<{ bytes: Uint8Array; facts?: OutputFacts }>;
  /** the fast structural validation of what build() made, run before it is written (an error fails the build) */
  validate?: (bytes: Uint8Array, ctx: OutputContext, where: string) => Promise<Diagnostic[]>;
  check?: (path: string, ctx: CheckContext) => Promise<Diagnostic[]>;
}
