/**
 * Content hashes of everything an output depends on, so that an equal hash means the output in dist/ is
 * current, whatever machine made it:
 *   - the book's folder, every file in it and its subfolders (chapters, book.yaml, covers and images
 *     wherever they are in it), but for the files galley writes or keeps beside a book and never builds from
 *     (import-report.md, source.*, README.md, lint-ignore.yaml, dotfiles and editor backups);
 *   - the files the last build read outside that folder (`reads`: a cover or image elsewhere in the
 *     project, the font files), by content;
 *   - the templates and styles of the output's format (galley's, and the project's or its theme's files that
 *     replace them: paths/look.ts), galley.yaml, the resolved revision;
 *   - the toolchain (build/toolchain.ts): galley's compiled code, its dependencies as installed, and for
 *     the outputs made in the browser, the browser's version.
 * Paths enter the hash relative to the book, the project or galley, never absolute, so a shared cache
 * (build/cache-store.ts) serves runners that check the project out in different places.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

/** An output of the registry (src/outputs/registry.ts). */
export type Format = 'epub' | 'pdf' | 'interior' | 'cover';

/** Folders (relative to the package root) whose files affect the reading formats; the registry's entries name their own. */
export const FORMAT_INPUTS: Partial<Record<Format, string[]>> = {
  epub: ['templates/epub', 'templates/partials', 'templates/cover', 'styles/epub'],
  pdf: ['templates/print', 'templates/partials', 'styles/print'],
};

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return [dir];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out.sort();
}

export interface HashInputs {
  packageRoot: string;
  projectRoot: string;
  bookDir: string;
  /** the book's slug (it names the output and its identifiers) */
  slug?: string;
  galleyVersion: string;
  /** resolved revision date (it is printed in the colophon) */
  revision: string;
  /** the revision's moment to the second (the EPUB's dcterms:modified) */
  modified?: string;
  fontFiles: string[];
  /** files outside the book folder that the build reads (absolute), hashed by content */
  reads?: string[];
  /** galley's code, its dependencies and (for the browser's outputs) the browser: build/toolchain.ts */
  toolchain?: string;
  /** galley's folders (or files) the output is made from; default FORMAT_INPUTS[format] */
  folders?: string[];
  /** the project's and its theme's folders whose templates/ and styles/ replace galley's (ProjectConfig.look.dirs) */
  lookDirs?: string[];
  /** what the output takes from the outputs it needs (the cover: the interior's page count) */
  fromNeeded?: string;
  /** the output reads book.yaml only, not the chapters (the press cover) */
  bookYamlOnly?: boolean;
}

const fileDigests = new Map<string, string>();

/** A file's sha256, remembered for the run while its size and modification time stay the same (fonts are large). */
export function fileDigest(path: string): string {
  let s;
  try {
    s = statSync(path);
  } catch {
    return 'missing';
  }
  const id = `${path}:${s.size}:${s.mtimeMs}:${s.ino}`;
  let d = fileDigests.get(id);
  if (!d) {
    d = createHash('sha256').update(readFileSync(path)).digest('hex');
    fileDigests.set(id, d);
  }
  return d;
}

const folderDigests = new Map<string, string>();

function folderDigest(dir: string, root: string): string {
  let d = folderDigests.get(dir);
  if (!d) {
    const h = createHash('sha256');
    for (const file of listFiles(dir)) {
      h.update(relative(root, file));
      h.update('\0');
      h.update(readFileSync(file));
      h.update('\0');
    }
    d = h.digest('hex');
    folderDigests.set(dir, d);
  }
  return d;
}

/** Files kept beside a book that its build never reads (they would only cause needless rebuilds). */
function notBuiltFrom(name: string, topLevel: boolean): boolean {
  if (name.startsWith('.') || name.endsWith('~') || name.endsWith('.swp')) return true;
  return topLevel && (name === 'import-report.md' || name === 'README.md' || name === 'lint-ignore.yaml' || /^source\.[A-Za-z0-9]+$/.test(name));
}

/** The files of the book folder (and its subfolders) that the build may read, sorted; symlinks are not followed into folders. */
export function bookInputFiles(bookDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, topLevel: boolean) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (notBuiltFrom(entry.name, topLevel)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, false);
      else out.push(path);
    }
  };
  walk(bookDir, true);
  return out.sort();
}

/**
 * A book file's bytes for the hash. A symlink is read only when it leads to a file inside the project
 * (galley reads nothing outside it, not even to hash it): otherwise its target's name stands for it, and
 * the build proper reports it.
 */
function bookFileBytes(file: string, projectRoot: string): Buffer | string {
  try {
    if (lstatSync(file).isSymbolicLink()) {
      const target = realpathSync(file);
      const rel = relative(realpathSync(projectRoot), target);
      if (rel.startsWith('..') || isAbsolute(rel) || !statSync(target).isFile()) return `link ${readlinkSync(file)}`;
      return readFileSync(target);
    }
    return readFileSync(file);
  } catch (error) {
    return `unreadable ${(error as NodeJS.ErrnoException).code ?? ''}`;
  }
}

/** A read file's name in the hash: relative to the project, else to galley's package, never absolute. */
function portableName(file: string, projectRoot: string, packageRoot: string): string {
  for (const [label, root] of [['project', projectRoot], ['galley', packageRoot]] as const) {
    const rel = relative(root, file);
    if (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)) return `${label}:${rel}`;
  }
  // elsewhere (a font package found by node's resolution above both): the path below its node_modules
  const i = file.lastIndexOf(`${sep}node_modules${sep}`);
  return i >= 0 ? `modules:${file.slice(i + 14)}` : `file:${file}`;
}

export function hashInputs(format: Format, inputs: HashInputs): string {
  const h = createHash('sha256');
  h.update(`galley ${inputs.galleyVersion}\0${format}\0book ${inputs.slug ?? ''}\0revision ${inputs.revision} ${inputs.modified ?? ''}\0`);
  if (inputs.toolchain !== undefined) h.update(`toolchain ${inputs.toolchain}\0`);
  if (inputs.fromNeeded !== undefined) h.update(`needs ${inputs.fromNeeded}\0`);
  const folders = inputs.folders ?? FORMAT_INPUTS[format] ?? [];
  for (const folder of folders) h.update(`${folder}:${folderDigest(join(inputs.packageRoot, folder), inputs.packageRoot)}\0`);
  // the project's own (then the theme's) files of the same names, by place in the order and relative name
  (inputs.lookDirs ?? []).forEach((dir, i) => {
    for (const folder of folders) if (existsSync(join(dir, folder))) h.update(`look ${i} ${folder}:${folderDigest(join(dir, folder), dir)}\0`);
  });
  const projectFile = join(inputs.projectRoot, 'galley.yaml');
  if (existsSync(projectFile)) h.update(readFileSync(projectFile));
  const outside = [...new Set([...inputs.fontFiles, ...(inputs.reads ?? [])])]
    .filter((f) => relative(inputs.bookDir, f).startsWith('..') || isAbsolute(relative(inputs.bookDir, f)))
    .map((f) => [portableName(f, inputs.projectRoot, inputs.packageRoot), fileDigest(f)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, digest] of outside) h.update(`read ${name} ${digest}\0`);
  const own = bookInputFiles(inputs.bookDir);
  for (const file of inputs.bookYamlOnly ? own.filter((f) => f === join(inputs.bookDir, 'book.yaml') || (inputs.reads ?? []).includes(f)) : own) {
    h.update(relative(inputs.bookDir, file));
    h.update('\0');
    h.update(bookFileBytes(file, inputs.projectRoot));
    h.update('\0');
  }
  return h.digest('hex');
}

/** For tests and --watch: forget cached folder and file digests (templates or styles changed). */
export function clearHashCache(): void {
  folderDigests.clear();
  fileDigests.clear();
}
