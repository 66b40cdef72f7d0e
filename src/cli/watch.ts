/**
 * `galley build --watch`: rebuild a book when its files change, and say what happened: the time, the file
 * that changed, what was rebuilt and how long it took, that nothing needed rebuilding, or that the build
 * failed (with its diagnostics). content/ is watched recursively, so images in subfolders and new books count;
 * the project's galley.yaml, styles/ and templates/ (and galley's own) rebuild every book.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildBook, type BookResult, type BuildOptions } from '../build/build-books.js';
import { clearHashCache } from '../build/input-hash.js';
import { watchProject } from '../build/watch-project.js';
import { loadProjectConfig } from '../config/load-project.js';
import { reportError, printDiagnostics, failsRun } from './output.js';

const FIRST = '\0first build';

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

/** What one rebuild did, in one line (diagnostics printed before it). */
export function describeRebuild(result: BookResult, strict: boolean): string {
  if (result.error) return `${result.slug} failed: ${result.error.message}`;
  const built = result.outputs.filter((o) => o.built);
  const warn = result.diagnostics.filter((d) => d.severity === 'warning').length;
  const notes = warn > 0 ? ` (${warn} warning(s)${strict && failsRun(result.diagnostics, true) ? ', failing under --strict' : ''})` : '';
  if (built.length === 0) return `${result.slug} is current: nothing to rebuild${notes}`;
  return `rebuilt ${result.slug}: ${built.map((o) => `${o.format} in ${(o.ms / 1000).toFixed(2)} s`).join(', ')}${notes}`;
}

/** `addNew`: books added to content/ while watching are built and watched too (a build of every book). */
export async function watchBooks(options: BuildOptions, strict = false, debug = false, addNew = true): Promise<number> {
  const root = options.project.root;

  /** Build the books of a batch, one line each: the time, the file that changed, what was done. */
  async function rebuild(batch: [slug: string, file: string][]): Promise<void> {
    clearHashCache();
    try {
      options = { ...options, project: loadProjectConfig(root) };
    } catch (error) {
      reportError(error, debug);
      process.stdout.write(`[${clock()}] ${[...new Set(batch.map(([, f]) => f))].join(', ')} changed: the project's settings are invalid, nothing rebuilt\n`);
      return;
    }
    for (const [slug, file] of batch) {
      if (!existsSync(join(root, 'content', slug, 'book.yaml'))) {
        process.stdout.write(`[${clock()}] ${file} changed: content/${slug} has no book.yaml, nothing built\n`);
        continue;
      }
      const result = await buildBook(slug, options);
      printDiagnostics(result.diagnostics);
      if (result.error) reportError(result.error, debug);
      process.stdout.write(`[${clock()}] ${file === FIRST ? '' : `${file} changed: `}${describeRebuild(result, strict)}\n`);
    }
  }

  // watching from the start: a file saved during the first build is the next batch, built after it
  let firstBuild: Promise<void> | undefined;
  const watcher = watchProject({
    root,
    books: options.books,
    addNew,
    onBatch: async (batch) => {
      await firstBuild;
      for (const slug of batch.added) process.stdout.write(`[${clock()}] new book ${slug}: watching it\n`);
      const list: [string, string][] = batch.everything ? [...watcher.books].sort().map((slug) => [slug, batch.books.get(slug) ?? batch.everything!]) : [...batch.books];
      await rebuild(list);
    },
    onError: (error) => reportError(error, debug),
  });
  // the first build of every book, reported as the later ones are
  firstBuild = rebuild(options.books.map((slug) => [slug, FIRST]));
  await firstBuild;
  const content = join(root, 'content');
  process.stdout.write(`[${clock()}] watching ${watcher.books.size} book(s) in ${relative(process.cwd(), content) || 'content'}/; Ctrl-C to stop\n`);
  // runs until interrupted (Ctrl-C ends the process; the browser's exit handler cleans up)
  await new Promise<never>(() => undefined);
  return 0;
}
