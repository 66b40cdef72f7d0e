/**
 * Watch a project's files and say which books they touch: the one watcher of `galley build --watch`
 * (cli/watch.ts) and `galley preview` (preview/preview-server.ts).
 *
 * content/ is watched recursively (an image in a subfolder counts; a book added while watching is reported as
 * new once it has its book.yaml); galley.yaml, the project's styles/ and templates/ and galley's own touch
 * every book. Changes are gathered for a moment (an editor's save is several events) and handed over as one
 * batch; a batch never starts while the previous one is still being handled: what changes meanwhile is the
 * next batch. Editors' scratch files (dot files and folders, `name~`, `#name#`, `.swp`, vim's `4913`) are
 * not changes.
 */
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { PROJECT_FILE } from '../config/find-project.js';

export interface ChangeBatch {
  /** book → the file that changed in it (the last one of the batch), as a path from the working folder */
  books: Map<string, string>;
  /** a file that touches every book (galley.yaml, a stylesheet, a template), if one changed */
  everything?: string;
  /** books that appeared in content/ during this batch (they are in `books` too) */
  added: string[];
}

export interface WatchProjectOptions {
  /** the project root (holding galley.yaml and content/) */
  root: string;
  /** the books to report at first */
  books: string[];
  /** also books added to content/ while watching (default false: only `books`) */
  addNew?: boolean;
  /** milliseconds of quiet before a batch is handed over (default 50: an editor's save is its events within a few ms; the wait is part of every correction's turnaround) */
  settleMs?: number;
  /** shown paths are relative to this folder (default: the working folder) */
  cwd?: string;
  onBatch: (batch: ChangeBatch) => Promise<void> | void;
  /** a watcher failed (a folder removed, too many watches): reported, the other watchers carry on */
  onError?: (error: Error) => void;
}

export interface ProjectWatcher {
  /** the books currently watched */
  readonly books: ReadonlySet<string>;
  /** resolves when the batch being handled (if any) and the pending ones are done */
  idle(): Promise<void>;
  close(): void;
}

/** Names editors write while saving, which are not the file itself. */
export function isScratchName(path: string): boolean {
  return path.split(/[\\/]/).some((part) => part.startsWith('.') || part.endsWith('~') || /^#.*#$/.test(part) || /\.sw[a-p]x?$/.test(part) || part === '4913');
}

export function watchProject(options: WatchProjectOptions): ProjectWatcher {
  const { root } = options;
  const cwd = options.cwd ?? process.cwd();
  const content = join(root, 'content');
  const all = options.addNew ?? false;
  const books = new Set(options.books);
  const show = (path: string) => relative(cwd, path) || path;

  let pending: ChangeBatch = { books: new Map(), added: [] };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  async function drain(): Promise<void> {
    while (!closed && (pending.books.size > 0 || pending.everything)) {
      const batch = pending;
      pending = { books: new Map(), added: [] };
      try {
        await options.onBatch(batch);
      } catch (error) {
        options.onError?.(error as Error);
      }
    }
  }

  function flush(): void {
    timer = undefined;
    if (running) return; // the running drain picks the pending changes up when it is done
    running = drain().finally(() => {
      running = undefined;
      // changes that came in while the last batch was handled and whose timer fired meanwhile
      if (!closed && (pending.books.size > 0 || pending.everything) && !timer) flush();
    });
  }

  function schedule(): void {
    clearTimeout(timer);
    timer = setTimeout(flush, options.settleMs ?? 50);
  }

  function onContent(name: string | null): void {
    if (!name || isScratchName(name)) return;
    const slug = name.split(sep)[0];
    if (!books.has(slug)) {
      // a new book counts once it has its book.yaml; a named list of books takes no others
      if (!all || !existsSync(join(content, slug, 'book.yaml'))) return;
      books.add(slug);
      pending.added.push(slug);
    }
    pending.books.set(slug, show(join(content, name)));
    schedule();
  }

  function onShared(path: string): void {
    pending.everything = show(path);
    schedule();
  }

  const watchers: FSWatcher[] = [];
  const add = (path: string, recursive: boolean, listener: (name: string | null) => void) => {
    try {
      const w = watch(path, { recursive }, (_event, name) => listener(name === null ? null : String(name)));
      w.on('error', (error) => options.onError?.(error));
      watchers.push(w);
    } catch (error) {
      options.onError?.(error as Error);
    }
  };
  if (existsSync(content)) add(content, true, onContent);
  // templates and styles touch every book: the project's own folders and galley's
  for (const base of new Set([root, PACKAGE_ROOT])) {
    for (const dir of ['templates', 'styles']) {
      const path = join(base, dir);
      if (existsSync(path)) add(path, true, (name) => name && !isScratchName(name) && onShared(join(path, name)));
    }
  }
  // the project folder, not the file: an editor that saves by renaming would end a watch on the file itself
  add(root, false, (name) => name === PROJECT_FILE && onShared(join(root, PROJECT_FILE)));

  return {
    books,
    async idle() {
      while (running || timer) {
        if (running) await running;
        else await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close() {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
