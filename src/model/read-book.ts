/** Read content/<slug>/ from disk into BookFiles (the only file access of the model stage). */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { GalleyError } from '../diagnostics.js';
import { assertPlainName, resolveProjectPath } from '../paths/resolve-path.js';
import type { BookFiles } from './parse-book.js';

/** Every file is read through the path resolver: a chapter that is a symlink out of the project is refused. */
export function readBookFiles(dir: string, root = process.cwd()): BookFiles {
  const abs = resolve(dir);
  const displayDir = relative(root, abs) || '.';
  const yamlPath = join(abs, 'book.yaml');
  if (!existsSync(yamlPath)) throw new GalleyError('book-missing', 'No book.yaml in this folder', { file: `${displayDir}/book.yaml` });
  resolveProjectPath({ root, value: abs, kind: 'book', key: 'book folder', file: displayDir });
  const read = (name: string) =>
    readFileSync(resolveProjectPath({ root, base: abs, value: name, kind: 'chapter', key: 'file', file: `${displayDir}/${name}` }), 'utf8');
  const markdown = new Map<string, string>();
  for (const name of readdirSync(abs).sort()) {
    if (name.endsWith('.md') && name !== 'import-report.md' && name !== 'README.md') {
      markdown.set(name, read(name));
    }
  }
  return { slug: abs.split('/').pop()!, dir: abs, displayDir, bookYaml: read('book.yaml'), markdown };
}

/** The books of a project: every folder of content/ with a book.yaml, or the named ones. */
export function listBooks(root: string, names: string[] = []): string[] {
  const content = join(root, 'content');
  if (names.length > 0) {
    for (const n of names) {
      assertPlainName(n.replace(/\/+$/, ''), 'Book name', `content/${n}`);
      if (!existsSync(join(content, n, 'book.yaml'))) throw new GalleyError('book-unknown', `No book "${n}" in content/`, { file: `content/${n}` });
    }
    return names.map((n) => n.replace(/\/+$/, ''));
  }
  if (!existsSync(content)) return [];
  return readdirSync(content, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(content, d.name, 'book.yaml')))
    .map((d) => d.name)
    .sort();
}
