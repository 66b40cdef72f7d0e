/** `galley build [book…] [--epub] [--pdf] [--out dir] [--force] [--watch]`: flags → BuildOptions → buildBooks. */
import { Command } from 'commander';
import { resolve, relative } from 'node:path';
import { loadProjectConfig } from '../config/load-project.js';
import { buildBooks, type BookResult, type BuildOptions } from '../build/build-books.js';
import type { Format } from '../build/input-hash.js';
import { listBooks } from '../model/read-book.js';
import { action, failsRun, printDiagnostics, reportError, type GlobalFlags } from './output.js';
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

export function resolveBuildOptions(books: string[], flags: BuildFlags, root = process.cwd()): BuildOptions {
  const project = loadProjectConfig(root);
  const chosen = flags.epub || flags.pdf || flags.press;
  const formats: Format[] = chosen
    ? [...(flags.epub ? ['epub' as const] : []), ...(flags.pdf ? ['pdf' as const] : []), ...(flags.press ? ['interior' as const, 'cover' as const] : [])]
    : ['epub', 'pdf'];
  // a plain build also makes the press files of books whose galley.yaml or book.yaml names a printer
  return { project, books: listBooks(root, books), formats, pressWhenNamed: !chosen, outDir: resolve(root, flags.out), galleyVersion: GALLEY_VERSION, force: flags.force };
}

export function summarize(results: BookResult[], strict = false): number {
  let failed = 0;
  for (const r of results) {
    printDiagnostics(r.diagnostics);
    if (r.error) {
      reportError(r.error);
      failed++;
      continue;
    }
    if (failsRun(r.diagnostics, strict)) failed++;
    const parts = r.outputs.map((o) => `${relative(process.cwd(), o.path)} ${o.built ? `built in ${(o.ms / 1000).toFixed(2)} s` : 'current'}`);
    process.stdout.write(`${r.slug}: ${parts.join(', ')}\n`);
  }
  const current = results.every((r) => !r.error && r.outputs.every((o) => !o.built));
  if (current && results.length > 0) process.stdout.write('dist/ is current: nothing to rebuild\n');
  return failed > 0 ? 1 : 0;
}

async function lintForStrictBuild(books: string[]): Promise<number> {
  const { lintBookFolder } = await import('./lint.js');
  const diagnostics = books.flatMap((slug) => lintBookFolder(process.cwd(), slug).diagnostics);
  printDiagnostics(diagnostics);
  return failsRun(diagnostics, true) ? 1 : 0;
}

export function buildCommand(): Command {
  return new Command('build')
    .description('build books from content/ into EPUB and print PDF')
    .argument('[books...]', 'book folders under content/ (default: all)')
    .option('--epub', 'build the EPUB')
    .option('--pdf', 'build the print PDF')
    .option('--press', 'build the press files: <book>-interior.pdf (PDF/X, black) and <book>-cover.pdf, for the printer of galley.yaml (default kdp)')
    .option('-o, --out <dir>', 'output folder', 'dist')
    .option('-f, --force', 'rebuild even when dist/ is current')
    .option('-w, --watch', 'rebuild a book when its files change')
    .option('-q, --quiet', 'no progress display')
    .action(
      action(async (books: string[], flags: BuildFlags, command: Command) => {
        const global = command.optsWithGlobals() as BuildFlags;
        const options = resolveBuildOptions(books, flags);
        if (flags.watch) return watchBooks(options, global.strict);
        const progress = createProgress(options.books.length, flags.quiet);
        const results = await buildBooks({ ...options, onProgress: (e) => progress.update(e) }).finally(() => progress.stop());
        // with --strict, the books' lint findings fail the build too (`galley lint` lists them)
        const linted = global.strict ? await lintForStrictBuild(options.books) : 0;
        return Math.max(summarize(results, global.strict), linted);
      }),
    );
}
