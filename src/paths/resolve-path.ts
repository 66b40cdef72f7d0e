/**
 * The one place a path from the user becomes a file to read: chapters, covers, images, fonts, templates,
 * styles, book folders. The path is resolved against its base, symlinks are followed (realpath), and the
 * real file must lie inside the project — or, for fonts and templates, inside an installed npm package
 * (a folder with a package.json under a node_modules folder). Anything else is a GalleyError naming the
 * file that gave the path and the key it came from:
 *
 *   content/x/book.yaml:14:8 error cover ../../outside/secret.png is outside the project [path-outside]
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { GalleyError } from '../diagnostics.js';

export type PathKind = 'chapter' | 'book' | 'cover' | 'image' | 'font' | 'template' | 'style';

/** Kinds that may also be read from an installed npm package. */
const PACKAGE_KINDS: ReadonlySet<PathKind> = new Set(['font', 'template', 'style']);

export interface PathRequest {
  /** the project root */
  root: string;
  /** the path as the user wrote it */
  value: string;
  /** folder the path is relative to (default: the project root) */
  base?: string;
  kind: PathKind;
  /** the key or place it came from, for the message: `cover`, `fonts.body.faces[0].file`, `![](…)` */
  key?: string;
  /** where the path was written, for the message (project-relative) */
  file?: string;
  line?: number;
  column?: number;
  /** default true: a missing file is an error */
  mustExist?: boolean;
}

/** `a` is `b` or inside it (both real, absolute paths). */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function realOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/** The folder of the installed npm package holding `real`, if any: …/node_modules/(@scope/)name with a package.json. */
export function installedPackageOf(real: string): string | undefined {
  const parts = real.split(sep);
  for (let i = parts.lastIndexOf('node_modules'); i > 0; i = parts.lastIndexOf('node_modules', i - 1)) {
    const name = parts[i + 1]?.startsWith('@') ? 2 : 1;
    const folder = parts.slice(0, i + 1 + name).join(sep);
    if (parts.length > i + name && existsSync(join(folder, 'package.json'))) return folder;
  }
  return undefined;
}

const rootCache = new Map<string, string>();
function realRoot(root: string): string {
  let r = rootCache.get(root);
  if (!r) {
    r = realOrNull(root) ?? resolve(root);
    rootCache.set(root, r);
  }
  return r;
}

function where(req: PathRequest): { file?: string; line?: number; column?: number } {
  return { file: req.file, line: req.line, column: req.column };
}

function describe(req: PathRequest): string {
  return `${req.key ?? req.kind} ${req.value}`;
}

/**
 * The real path of a file the build may read, or a GalleyError (`path-outside`, `path-missing`). URLs
 * (`file:`, `http:`…) are refused here too: a path is a path.
 */
export function resolveProjectPath(req: PathRequest): string {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(req.value) && !/^[A-Za-z]:[\\/]/.test(req.value)) {
    throw new GalleyError('path-url', `${describe(req)} is an address, not a file in the project`, where(req));
  }
  if (req.value.includes('\0')) throw new GalleyError('path-invalid', `${describe(req)} contains a NUL character`, where(req));
  const root = realRoot(req.root);
  const lexical = resolve(req.base ?? req.root, req.value);
  const real = realOrNull(lexical);
  if (real === null) {
    // a dangling symlink or a missing file: say where it points if it points outside
    const parent = realOrNull(dirname(lexical));
    if (parent && !isInside(parent, root) && !(PACKAGE_KINDS.has(req.kind) && installedPackageOf(parent))) {
      throw new GalleyError('path-outside', `${describe(req)} is outside the project (${root})`, where(req));
    }
    if (req.mustExist === false) return lexical;
    throw new GalleyError('path-missing', `${describe(req)} not found`, where(req));
  }
  if (!isInside(real, root) && !(PACKAGE_KINDS.has(req.kind) && installedPackageOf(real))) {
    const via = real !== lexical ? ` (it leads to ${real})` : '';
    throw new GalleyError('path-outside', `${describe(req)} is outside the project${via}`, where(req));
  }
  if (req.kind !== 'book' && statSync(real).isDirectory()) {
    throw new GalleyError('path-invalid', `${describe(req)} is a folder, not a file`, where(req));
  }
  return real;
}

/** A book name or slug: one plain folder name (letters, digits, `-`, `_`, `.`), never `..` or a path. */
export function isPlainName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(name) && !name.includes('..');
}

export function assertPlainName(name: string, what: string, file?: string): string {
  if (!isPlainName(name)) {
    throw new GalleyError('name-invalid', `${what} "${name}" is not a plain name (letters, digits, - _ . only; no / or ..)`, { file });
  }
  return name;
}
