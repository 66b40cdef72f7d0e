/** `galley build --watch`: rebuild a book when its files change; say what was rebuilt and how long it took. */
import { watch } from 'node:fs';
import { join } from 'node:path';
import { buildBook, type BuildOptions } from '../build/build-books.js';
import { clearHashCache } from '../build/input-hash.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { summarize } from './build.js';
import { loadProjectConfig } from '../config/load-project.js';

export async function watchBooks(options: BuildOptions, strict = false): Promise<number> {
  const pending = new Set<string>();
  let running = false;
  let timer: NodeJS.Timeout | undefined;

  async function run(): Promise<void> {
    if (running) return;
    running = true;
    while (pending.size > 0) {
      const books = [...pending];
      pending.clear();
      clearHashCache();
      options = { ...options, project: loadProjectConfig(options.project.root) };
      for (const slug of books) {
        const start = performance.now();
        const result = await buildBook(slug, options);
        summarize([result], strict);
        process.stdout.write(`rebuilt ${slug} in ${((performance.now() - start) / 1000).toFixed(2)} s\n`);
      }
    }
    running = false;
  }

  function schedule(books: string[]): void {
    for (const b of books) pending.add(b);
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 150);
  }

  schedule(options.books);
  for (const slug of options.books) {
    watch(join(options.project.root, 'content', slug), () => schedule([slug]));
  }
  // templates, styles and the project file affect every book
  for (const dir of ['templates', 'styles']) watch(join(PACKAGE_ROOT, dir), { recursive: true }, () => schedule(options.books));
  watch(join(options.project.root, 'galley.yaml'), () => schedule(options.books));
  process.stdout.write(`watching ${options.books.length} book(s); Ctrl-C to stop\n`);
  await new Promise<never>(() => undefined);
  return 0;
}
