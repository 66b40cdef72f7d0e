/**
 * A press's own look: the files of galley's `templates/` and `styles/` may be replaced, one file at a time, by
 * a file of the same name (the same path below `templates/` or `styles/`) in the project's own folders or in
 * an npm theme package named in galley.yaml (`theme: <package>`). The first found wins:
 *
 *   <project>/styles/print/book.css   then   node_modules/<theme>/styles/print/book.css   then   galley's own
 *
 * Every file found outside galley goes through the path sandbox (resolve-path.ts): symlinks followed, and the
 * real file inside the project or an installed npm package.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { resolveProjectPath } from './resolve-path.js';

/** Where to look, first found wins; galley's own folder always comes last (it is not listed). */
export interface Look {
  /** the project root (the sandbox the files must lie in) */
  root: string;
  /** folders holding `templates/` and `styles/`, in order: the project, then the theme package */
  dirs: string[];
}

/** galley alone: no project files looked for (tests, and renderers called without a project). */
export const GALLEY_LOOK: Look = { root: PACKAGE_ROOT, dirs: [] };

/** `templates/epub/chapter.xhtml.hbs` → the file to read: the project's, the theme's, else galley's own. */
export function lookFile(look: Look | undefined, rel: string): string {
  for (const dir of look?.dirs ?? []) {
    const candidate = join(dir, rel);
    if (!existsSync(candidate)) continue;
    const kind = rel.startsWith('styles/') ? 'style' : 'template';
    return resolveProjectPath({ root: look!.root, base: dir, value: rel, kind, key: dir === look!.root ? kind : `the theme's ${kind}` });
  }
  return join(PACKAGE_ROOT, rel);
}

/** The text of a look file (`styles/print/book.css`). */
export function readLookFile(look: Look | undefined, rel: string): string {
  return readFileSync(lookFile(look, rel), 'utf8');
}
