/** Shared test helpers: load a book and the project config the way the build does. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProjectConfig } from '../../src/config/load-project.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { parseBook } from '../../src/model/parse-book.js';
import { readBookFiles } from '../../src/model/read-book.js';
import type { Book } from '../../src/model/types.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SAMPLE_BOOK = join(ROOT, 'tests/fixtures/books/sample');

export function loadBook(dir: string): { book: Book; diagnostics: Diagnostics } {
  const diagnostics = new Diagnostics();
  // a book made by a test in a scratch folder is its own project (paths are refused outside the project)
  const book = parseBook(readBookFiles(dir, dir.startsWith(ROOT) ? ROOT : dirname(dir)), diagnostics);
  return { book, diagnostics };
}

export const project = () => loadProjectConfig(ROOT);
