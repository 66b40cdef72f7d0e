/**
 * Where the project is: the folder given with --root (-C), or the nearest folder holding galley.yaml, looking
 * from the working folder upward (so that galley run inside content/<book>/ finds its project).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { GalleyError } from '../diagnostics.js';

export const PROJECT_FILE = 'galley.yaml';

/** The nearest folder at or above `start` that holds galley.yaml. */
export function findProjectRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, PROJECT_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The project root for a command: `--root` if given (it must hold galley.yaml), else the upward search. */
export function resolveProjectRoot(root: string | undefined, cwd = process.cwd()): string {
  if (root !== undefined) {
    const dir = resolve(cwd, root);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new GalleyError('root-missing', `--root ${root}: no such folder`);
    if (!existsSync(join(dir, PROJECT_FILE))) {
      throw new GalleyError('project-missing', `No ${PROJECT_FILE} in ${dir}: run galley init ${root} to start a project there`, { file: join(root, PROJECT_FILE) });
    }
    return dir;
  }
  const found = findProjectRoot(cwd);
  if (!found) {
    throw new GalleyError(
      'project-missing',
      `No ${PROJECT_FILE} in ${cwd} or any folder above it: run galley init to start a project here (or galley init <folder>), or give the project's folder with --root`,
    );
  }
  return found;
}

/** The book whose folder the working folder is in (content/<book>/…), if any: the default book of a command. */
export function bookOfFolder(root: string, cwd = process.cwd()): string | undefined {
  const rel = relative(join(root, 'content'), resolve(cwd));
  if (!rel || rel.startsWith('..') || rel.startsWith(sep)) return undefined;
  const slug = rel.split(sep)[0];
  return existsSync(join(root, 'content', slug, 'book.yaml')) ? slug : undefined;
}
