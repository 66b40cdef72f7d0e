/** `galley build [book…] [--epub] [--pdf] [--out dir] [--force] [--watch]`: flags → BuildOptions → buildBooks. */
import { Command } from 'commander';
import { resolve, relative } from 'node:path';
import { bookOfFolder, resolveProjectRoot } from '../config/find-project.js';
import { loadProjectConfig } from '../config/load-project.js';
import { buildBooks, removeOrphans, type BookResult, type BuildOptions } from '../build/build-books.js';
import type { Format } from '../build/input-hash.js';
import { GalleyError, type Diagnostic } from '../diagnostics.js';
import { listBooks } from '../model/read-book.js';
import { action, errorDiagnostics, failsRun, printDiagnostics, reportError, stackOf, writeJson, type GlobalFlags } from './output.js';
import { createProgress } from './progress.js';
import { GALLEY_VERSION } from './version.js';
import { watchBooks } from './watch.js';

interface BuildFlags extends GlobalFlags {
  epub?: boolean;
  pdf?: boolean;
  press?: boolean;
  out: string;
  force?: boolean;
  watch?: boolean;
  quiet?: boolean;
}

/**
 * The books a command works on: those named, else the one whose folder galley runs in, else every book of
 * content/. No book at all is an error that says how to make one, not a silent success.
 */
export function selectBooks(root: string, names: string[], cwd = process.cwd()): string[] {
  const here = names.length === 0 ? bookOfFolder(root, cwd) : undefined;
  const books = listBooks(root, here ? [here] : names);
  if (books.length === 0) {
    throw new GalleyError('content-empty', 'No books in content/ (a book is a folder content/<book>/ with a book.yaml): add one with galley import <raw text>, or start from the sample of galley init', {
      file: relative(cwd, resolve(root, 'content')) || 'content',
    });
  }
  return books;
}

export function resolveBuildOptions(books: string[], flags: BuildFlags & { root?: string }, cwd = process.cwd()): BuildOptions {
  const root = resolveProjectRoot(flags.root, cwd);
  const project = loadProjectConfig(root);
  const chosen = flags.epub || flags.pdf || flags.press;
  const formats: Format[] = chosen
    ? [...(flags.epub ? ['epub' as const] : []), ...(flags.pdf ? ['pdf' as const] : []), ...(flags.press ? ['interior' as const, 'cover' as const] : [])]
    : ['epub', 'pdf'];
  // a plain build also makes the press files of books whose galley.yaml or book.yaml names a printer
  return { project, books: selectBooks(root, books, cwd), formats, pressWhenNamed: !chosen, outDir: resolve(root, flags.out), galleyVersion: GALLEY_VERSION, force: flags.force };
}

/** A book's result as JSON: what was built or found current, its diagnostics, its error. */
export function resultJson(r: BookResult, strict = false, debug = false) {
  return {
    book: r.slug,
    ok: !r.error && !failsRun(r.diagnostics, strict),
    outputs: r.outputs.map((o) => ({ format: o.format, path: o.path, built: o.built, ...(o.fromCache ? { fromCache: true } : {}), ms: Math.round(o.ms) })),
    diagnostics: [...r.diagnostics, ...(r.error ? errorDiagnostics(r.error) : [])],
    ...(r.error && debug ? { stack: stackOf(r.error) } : {}),
  };
}

export function summarize(results: BookResult[], strict = false, debug = false): number {
  let failed = 0;
  for (const r of results) {
    printDiagnostics(r.diagnostics);
    if (r.error) {
      reportError(r.error, debug);
      failed++;
      continue;
    }
    if (failsRun(r.diagnostics, strict)) failed++;
    const parts = r.outputs.map((o) => `${relative(process.cwd(), o.path)} ${o.built ? `built in ${(o.ms / 1000).toFixed(2)} s` : o.fromCache ? 'from the shared cache' : 'current'}`);
    process.stdout.write(`${r.slug}: ${parts.join(', ')}\n`);
  }
  const current = results.every((r) => !r.error && r.outputs.every((o) => !o.built && !o.fromCache));
  if (current && results.length > 0) process.stdout.write('dist/ is current: nothing to rebuild\n');
  return failed > 0 ? 1 : 0;
}

async function lintForStrictBuild(root: string, books: string[]): Promise<Diagnostic[]> {
  const { lintBookFolder } = await import('./lint.js');
  return books.flatMap((slug) => lintBookFolder(root, slug).diagnostics);
}

export function buildCommand(): Command {
  return new Command('build')
    .description('build books from content/ into EPUB and print PDF')
    .argument('[books...]', 'book folders under content/ (default: the book galley runs in, else all)')
    .option('--epub', 'build the EPUB')
    .option('--pdf', 'build the print PDF')
    .option('--press', 'build the press files: <book>-interior.pdf (PDF/X, black) and <book>-cover.pdf, for the printer of galley.yaml (default kdp)')
    .option('-o, --out <dir>', 'output folder, relative to the project', 'dist')
    .option('-f, --force', 'rebuild even when dist/ is current')
    .option('-w, --watch', 'rebuild a book when its files change')
    .option('-q, --quiet', 'no progress display')
    .action(
      action(async (books: string[], flags: BuildFlags, command: Command) => {
        const global = command.optsWithGlobals() as BuildFlags;
        const options = resolveBuildOptions(books, global);
        if (flags.watch) return watchBooks(options, global.strict, global.debug);
        const progress = createProgress(options.books.length, flags.quiet || global.json);
        const results = await buildBooks({ ...options, onProgress: (e) => progress.update(e) }).finally(() => progress.stop());
        // the outputs of books deleted from content/ go too, with a word
        const removed = removeOrphans(options);
        // with --strict, the books' lint findings fail the build too (`galley lint` lists them)
        const lint = global.strict ? await lintForStrictBuild(options.project.root, options.books) : [];
        if (global.json) {
          const books = results.map((r) => resultJson(r, global.strict, global.debug));
          const ok = books.every((b) => b.ok) && !failsRun(lint, true);
          writeJson({ ok, exitCode: ok ? 0 : 1, books, ...(removed.length > 0 ? { removed } : {}), ...(global.strict ? { lint } : {}) });
          return ok ? 0 : 1;
        }
        printDiagnostics(removed);
        printDiagnostics(lint);
        return Math.max(summarize(results, global.strict, global.debug), failsRun(lint, true) ? 1 : 0);
      }),
    );
}
