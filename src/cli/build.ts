/** `galley build [book…] [--epub] [--pdf] [--out dir] [--force] [--watch] [-j n] [--shard i/n]`: flags → BuildOptions → buildBooks. */
import { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { join, resolve, relative } from 'node:path';
import { bookOfFolder, resolveProjectRoot } from '../config/find-project.js';
import { loadProjectConfig } from '../config/load-project.js';
import { keepValidConfigIn } from '../config/validate-yaml.js';
import { buildBooks, removeOrphans, type BookResult, type BuildOptions } from '../build/build-books.js';
import type { Format } from '../build/input-hash.js';
import { parseShard, shardBooks } from '../build/shard.js';
import { describeChange } from '../build/change-report.js';
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
  /** books built at once (default: the cores) */
  jobs?: string;
  /** i/n: this runner's part of the library (build/shard.ts) */
  shard?: string;
  /** --typeset-timeout: seconds */
  typesetTimeout?: string;
  /** then run galley check on what was built */
  check?: boolean;
  /** with --check: Ace too (--no-ace skips it) */
  ace?: boolean;
}

/** -j/--jobs: a whole number ≥ 1; without it, one book per core. */
export function parseJobs(text: string | undefined): number {
  if (text === undefined) return Math.max(1, availableParallelism());
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isInteger(n) || n < 1) throw new GalleyError('usage', `--jobs expects a whole number of books to build at once (1 or more), found "${text}"`);
  return n;
}

/** --typeset-timeout: a number of seconds above 0 (fractions allowed), as milliseconds. */
export function parseTypesetTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const s = Number(text);
  if (!/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(text) || !(s > 0)) throw new GalleyError('usage', `--typeset-timeout expects a number of seconds above 0 (such as 900), found "${text}"`);
  return s * 1000;
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
  // galley.yaml and book.yaml found valid before are not parsed and checked again (config/validate-yaml.ts)
  keepValidConfigIn(join(root, '.cache', 'config-checked'));
  const project = loadProjectConfig(root);
  const chosen = flags.epub || flags.pdf || flags.press;
  const formats: Format[] = chosen
    ? [...(flags.epub ? ['epub' as const] : []), ...(flags.pdf ? ['pdf' as const] : []), ...(flags.press ? ['interior' as const, 'cover' as const] : [])]
    : ['epub', 'pdf'];
  const selected = selectBooks(root, books, cwd);
  // a CI runner's part of the library: sorted, dealt out in turn (build/shard.ts)
  const shard = flags.shard !== undefined ? parseShard(flags.shard) : undefined;
  // a plain build also makes the press files of books whose galley.yaml or book.yaml names a printer
  return {
    project,
    books: shard ? shardBooks(selected, shard) : selected,
    formats,
    pressWhenNamed: !chosen,
    outDir: resolve(root, flags.out),
    galleyVersion: GALLEY_VERSION,
    force: flags.force,
    jobs: parseJobs(flags.jobs),
    // asked for on the command line, else in galley.yaml; neither: scaled with each book (render/print/typeset-timeout.ts)
    pdfTimeoutMs: parseTypesetTimeout(flags.typesetTimeout) ?? project.typeset?.timeoutMs,
  };
}

/** A book's result as JSON: what was built or found current, its diagnostics, its error. */
export function resultJson(r: BookResult, strict = false, debug = false) {
  return {
    book: r.slug,
    ok: !r.error && !failsRun(r.diagnostics, strict),
    outputs: r.outputs.map((o) => ({ format: o.format, path: o.path, built: o.built, ...(o.fromCache ? { fromCache: true } : {}), ms: Math.round(o.ms) })),
    diagnostics: [...r.diagnostics, ...(r.error ? errorDiagnostics(r.error) : [])],
    ...(r.changes ? { changes: r.changes.outputs } : {}),
    ...(r.error && debug ? { stack: stackOf(r.error) } : {}),
  };
}

/** One book's diagnostics and its line (`slug: dist/slug.epub built in 0.52 s, …`); true if it fails the run. */
export function printResult(r: BookResult, strict = false, debug = false): boolean {
  printDiagnostics(r.diagnostics);
  if (r.error) {
    reportError(r.error, debug);
    return true;
  }
  const parts = r.outputs.map((o) => `${relative(process.cwd(), o.path)} ${o.built ? `built in ${(o.ms / 1000).toFixed(2)} s` : o.fromCache ? 'from the shared cache' : 'current'}`);
  process.stdout.write(`${r.slug}: ${parts.join(', ')}\n`);
  // what the rebuild did to the outputs, for the proofreader (dist/<book>.changes.json)
  for (const change of r.changes?.outputs ?? []) if (change.status !== 'new') process.stdout.write(`  ${describeChange(change)}\n`);
  return failsRun(r.diagnostics, strict);
}

/** The run's exit code from its books' results; prints each book's result unless it was printed as it finished. */
export function summarize(results: BookResult[], strict = false, debug = false, printed = false): number {
  let failed = 0;
  for (const r of results) {
    if (printed ? Boolean(r.error) || failsRun(r.diagnostics, strict) : printResult(r, strict, debug)) failed++;
  }
  const current = results.every((r) => !r.error && r.outputs.every((o) => !o.built && !o.fromCache));
  if (current && results.length > 0) process.stdout.write('dist/ is current: nothing to rebuild\n');
  return failed > 0 ? 1 : 0;
}

async function lintForStrictBuild(root: string, books: string[]): Promise<Diagnostic[]> {
  const { lintBookFolder } = await import('./lint.js');
  return books.flatMap((slug) => lintBookFolder(root, slug).diagnostics);
}

/** `build --check`: galley check on the books that built, each on the outputs this build asked for. */
async function checkBuilt(options: BuildOptions, results: BookResult[], flags: { ace: boolean; json?: boolean; strict?: boolean }) {
  const { checkBooks } = await import('./check.js');
  const done = results.filter((r) => !r.error);
  const outputs = new Map(done.map((r) => [r.slug, r.outputs.map((o) => o.format)]));
  return checkBooks(options.project.root, options.outDir, done.map((r) => r.slug), { ...flags, only: (slug) => outputs.get(slug) });
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
    .option('-j, --jobs <n>', 'books built at once, sharing one browser (default: the number of cores)')
    .option('--typeset-timeout <seconds>', "the time limit to typeset one book's PDF (default: galley.yaml typeset: timeout:, else 600 s and 3 s a page beyond 200 pages)")
    .option('--check', 'then check what was built, as galley check does (epubcheck, Ace, the PDF checks); their errors fail the build')
    .option('--no-ace', 'with --check, skip Ace by DAISY')
    .option('--shard <i/n>', "build only this runner's part of the library: the books in sorted order, every n-th from the i-th (CI job matrices; docs/ci-library.md)")
    .action(
      action(async (books: string[], flags: BuildFlags, command: Command) => {
        const global = command.optsWithGlobals() as BuildFlags;
        const options = resolveBuildOptions(books, global);
        // a build of every book (none named, not run inside a book's folder) watches for new books too
        if (flags.watch && flags.check) throw new GalleyError('usage', '--check does not go with --watch: run galley check when the books are as you want them');
        if (flags.watch) return watchBooks(options, global.strict, global.debug, books.length === 0 && bookOfFolder(options.project.root) === undefined);
        if (options.books.length === 0) {
          // more shards than books: this runner has nothing to do, which is not a failure
          if (global.json) writeJson({ ok: true, exitCode: 0, books: [] });
          else process.stdout.write(`shard ${flags.shard}: no books\n`);
          return 0;
        }
        const progress = createProgress(options.books.length, flags.quiet || global.json);
        // each book's line as soon as it is done (with --json, one document at the end)
        const onResult = global.json ? undefined : (r: BookResult) => progress.log(() => printResult(r, global.strict, global.debug));
        const results = await buildBooks({ ...options, onProgress: (e) => progress.update(e), onResult }).finally(() => progress.stop());
        // the outputs of books deleted from content/ go too, with a word
        const removed = removeOrphans(options);
        // with --strict, the books' lint findings fail the build too (`galley lint` lists them)
        const lint = global.strict ? await lintForStrictBuild(options.project.root, options.books) : [];
        if (!global.json) {
          printDiagnostics(removed);
          printDiagnostics(lint);
        }
        const built = global.json ? 0 : summarize(results, global.strict, global.debug, true);
        // --check: the validators on the outputs of each book that built (or was current), as galley check
        const checks = flags.check ? await checkBuilt(options, results, { ace: flags.ace !== false, json: global.json, strict: global.strict }) : undefined;
        if (global.json) {
          const books = results.map((r) => resultJson(r, global.strict, global.debug));
          const ok = books.every((b) => b.ok) && !failsRun(lint, true) && !checks?.failed;
          writeJson({ ok, exitCode: ok ? 0 : 1, books, ...(removed.length > 0 ? { removed } : {}), ...(global.strict ? { lint } : {}), ...(checks ? { check: checks.results } : {}) });
          return ok ? 0 : 1;
        }
        return Math.max(built, failsRun(lint, true) || checks?.failed ? 1 : 0);
      }),
    );
}

/** `galley watch [book…]`: `galley build --watch` by a shorter name (the same options). */
export function watchCommand(): Command {
  return new Command('watch')
    .description('build books, then rebuild a book when its files change, saying what was done (galley build --watch)')
    .argument('[books...]', 'book folders under content/ (default: the book galley runs in, else all, and books added while watching)')
    .option('--epub', 'build the EPUB')
    .option('--pdf', 'build the print PDF')
    .option('--press', 'build the press files')
    .option('-o, --out <dir>', 'output folder, relative to the project', 'dist')
    .action(
      action(async (books: string[], _flags: BuildFlags, command: Command) => {
        const global = command.optsWithGlobals() as BuildFlags;
        const options = resolveBuildOptions(books, global);
        return watchBooks(options, global.strict, global.debug, books.length === 0 && bookOfFolder(options.project.root) === undefined);
      }),
    );
}
