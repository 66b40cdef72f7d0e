/**
 * `galley build --watch`: rebuild a book when its files change, and say what happened: the time, the file
 * that changed, what was rebuilt and how long it took, that nothing needed rebuilding, or that the build
 * failed (with its diagnostics). content/ is watched recursively, so images in subfolders and new books count;
 * the project's galley.yaml, styles/ and templates/ (and galley's own) rebuild every book.
 */
import { existsSync, watch } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { buildBook, type BookResult, type BuildOptions } from '../build/build-books.js';
import { clearHashCache } from '../build/input-hash.js';
import { loadProjectConfig } from '../config/load-project.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { listBooks } from '../model/read-book.js';
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

export async function watchBooks(options: BuildOptions, strict = false, debug = false): Promise<number> {
  const root = options.project.root;
  const pending = new Map<string, string>(); // book → the file that changed
  let everything: string | undefined;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  const watched = new Set(options.books);

  async function run(): Promise<void> {
    if (running) return;
    running = true;
    try {
      while (pending.size > 0 || everything) {
        if (everything) for (const b of watched) if (!pending.has(b)) pending.set(b, everything);
        everything = undefined;
        const batch = [...pending];
        pending.clear();
        clearHashCache();
        try {
          options = { ...options, project: loadProjectConfig(root) };
        } catch (error) {
          process.stdout.write(`[${clock()}] ${batch.map(([, f]) => f).join(', ')} changed: the project's settings are invalid, nothing rebuilt\n`);
          reportError(error, debug);
          continue;
        }
        for (const [slug, file] of batch) {
          if (!existsSync(join(root, 'content', slug, 'book.yaml'))) continue;
          const result = await buildBook(slug, options);
          printDiagnostics(result.diagnostics);
          if (result.error) reportError(result.error, debug);
          process.stdout.write(`[${clock()}] ${file === FIRST ? '' : `${file} changed: `}${describeRebuild(result, strict)}\n`);
        }
      }
    } finally {
      running = false;
    }
  }

  function schedule(book: string | undefined, file: string): void {
    if (book) pending.set(book, file);
    else everything = file;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 150);
  }

  const watchers = [];
  const content = join(root, 'content');
  watchers.push(
    watch(content, { recursive: true }, (_event, name) => {
      if (!name) return;
      const slug = name.split(sep)[0];
      const file = relative(process.cwd(), join(content, name)) || name;
      if (!watched.has(slug)) {
        // a new book: watched once it has its book.yaml
        if (!listBooks(root).includes(slug)) return;
        watched.add(slug);
        process.stdout.write(`[${clock()}] new book ${slug}: watching it\n`);
      }
      schedule(slug, file);
    }),
  );
  // templates, styles and the project file affect every book: the project's own folders and galley's
  for (const base of [root, PACKAGE_ROOT]) {
    for (const dir of ['templates', 'styles']) {
      const path = join(base, dir);
      if (existsSync(path)) watchers.push(watch(path, { recursive: true }, (_e, name) => schedule(undefined, relative(process.cwd(), join(path, name ?? '')))));
    }
  }
  // the project folder, not the file: an editor that saves by renaming would end a watch on the file itself
watchers.push(watch(root, (_e, name) => name === 'galley.yaml' && schedule(undefined, relative(process.cwd(), join(root, 'galley.yaml')) || 'galley.yaml')));

  // the first build of every book, reported as the later ones are
  for (const slug of options.books) pending.set(slug, FIRST);
  await run();
  process.stdout.write(`[${clock()}] watching ${watched.size} book(s) in ${relative(process.cwd(), content) || 'content'}/; Ctrl-C to stop\n`);
  // runs until interrupted (Ctrl-C ends the process; the browser's exit handler cleans up)
  await new Promise<never>(() => undefined);
  return 0;
}
