/**
 * galley's programmatic API: the same stages the CLI runs, without printing or exiting. Every function
 * returns diagnostics (file, line, stable code) and throws GalleyError only for what stops the work.
 *
 *   import { build, check, importFile } from 'galley';
 *   const results = await build({ root: 'mypress', formats: ['epub'] });
 *   for (const r of results) for (const d of r.diagnostics) console.log(formatDiagnostic(d));
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildBooks, type BookResult, type ProgressEvent } from './build/build-books.js';
import type { Format } from './build/input-hash.js';
import { resolveProjectRoot } from './config/find-project.js';
import { loadProjectConfig } from './config/load-project.js';
import { GalleyError, type Diagnostic } from './diagnostics.js';
import { GALLEY_VERSION } from './cli/version.js';
import { listBooks } from './model/read-book.js';
import type { FileChange } from './import/diff-summary.js';
import type { KeptCorrection } from './import/reimport.js';
import type { ImportProfile } from './import/types.js';

export { formatDiagnostic, GalleyError, Diagnostics, type Diagnostic, type Severity } from './diagnostics.js';
export { findProjectRoot, resolveProjectRoot, PROJECT_FILE } from './config/find-project.js';
export { loadProjectConfig, parseProjectConfig, type ProjectConfig, type FontFace } from './config/load-project.js';
export { parseBook, type BookFiles } from './model/parse-book.js';
export { readBookFiles, listBooks } from './model/read-book.js';
export type { Book, BookMeta, Chapter } from './model/types.js';
export { importText, type ImportOptions, type ImportResult } from './import/index.js';
export type { BookResult, OutputResult, ProgressEvent } from './build/build-books.js';
export type { Format } from './build/input-hash.js';
export { initProject } from './cli/init.js';
export { GALLEY_VERSION } from './cli/version.js';

export interface BuildApiOptions {
  /** the project folder, or a folder inside it (default: the working folder) */
  root?: string;
  /** book folders under content/ (default: every book) */
  books?: string[];
  /** default: both */
  formats?: Format[];
  /** default: <root>/dist */
  outDir?: string;
  /** rebuild even when the outputs are current */
  force?: boolean;
  onProgress?: (event: ProgressEvent) => void;
}

/** Build books into EPUB and PDF; one result per book (its outputs, diagnostics, and error if it failed). */
export async function build(options: BuildApiOptions = {}): Promise<BookResult[]> {
  const root = resolveProjectRoot(undefined, resolve(options.root ?? '.'));
  const project = loadProjectConfig(root);
  return buildBooks({
    project,
    books: listBooks(root, options.books ?? []),
    formats: options.formats ?? ['epub', 'pdf'],
    outDir: resolve(root, options.outDir ?? 'dist'),
    galleyVersion: GALLEY_VERSION,
    force: options.force,
    onProgress: options.onProgress,
  });
}

export interface CheckApiOptions {
  root?: string;
  books?: string[];
  outDir?: string;
  /** run Ace by DAISY on the EPUB (default: true; it takes some seconds a book) */
  ace?: boolean;
}

export interface CheckResult {
  book: string;
  /** the checkers that ran: epubcheck, Ace, PDF */
  checked: string[];
  diagnostics: Diagnostic[];
}

/** Validate built books: epubcheck and Ace on the EPUB, the PDF checks on the PDF. */
export async function check(options: CheckApiOptions = {}): Promise<CheckResult[]> {
  const { checkBook } = await import('./cli/check.js');
  const root = resolveProjectRoot(undefined, resolve(options.root ?? '.'));
  const results: CheckResult[] = [];
  for (const book of listBooks(root, options.books ?? [])) {
    const { diagnostics, checked } = await checkBook(root, resolve(root, options.outDir ?? 'dist'), book, options.ace ?? true);
    results.push({ book, checked, diagnostics });
  }
  return results;
}

export interface ImportFileOptions {
  /** the project folder (default: the working folder); the book goes to content/<slug>/ */
  root?: string;
  /** the book folder to write instead */
  out?: string;
  slug?: string;
  profile?: 'auto' | ImportProfile;
  language?: string;
  /**
   * re-import into an existing book folder: the corrections made by hand since the last import are re-applied to
   * the new import; one that no longer applies throws `import-conflict` (with each conflict's file and line) and
   * nothing is written
   */
  force?: boolean;
  /** compute everything, write nothing (the result's `changes` say what would change) */
  dryRun?: boolean;
}

/**
 * Import a raw text into a book folder (book.yaml, Markdown, source.txt, import-report.md, the import record
 * `.import/`); returns the folder, the files written (or that would be) and, for a re-import, the changes per file.
 */
export async function importFile(
  file: string,
  options: ImportFileOptions = {},
): Promise<{ dir: string; files: string[]; changes: FileChange[]; kept: KeptCorrection[] }> {
  const { planImport, prepareWrite, conflictError, writeImport } = await import('./cli/import.js');
  const cwd = resolve(options.root ?? '.');
  const plan = planImport(resolve(file), { out: options.out, slug: options.slug, profile: options.profile ?? 'auto', language: options.language ?? 'en', force: options.force }, cwd);
  if (existsSync(plan.dir) && statSync(plan.dir).isDirectory() && readdirSync(plan.dir).length > 0 && !options.force && !options.dryRun) {
    throw new GalleyError('import-exists', `${plan.dir} exists and may hold corrections made by hand; pass force: true to re-import into it`, { file: plan.dir });
  }
  const prepared = prepareWrite(plan, plan.dir);
  if (prepared.merge.conflicts.length) throw conflictError(prepared, plan.dir);
  if (!options.dryRun) writeImport(plan, prepared);
  return { dir: plan.dir, files: [...prepared.merge.files.keys()], changes: prepared.changes.filter((c) => c.status !== 'unchanged'), kept: prepared.merge.kept };
}
