/**
 * Content hashes of everything an output depends on: the book's files, the templates and styles of its
 * format, galley.yaml, the font files and galley's own version. Equal hash ⇒ the output in dist/ is current.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

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
  galleyVersion: string;
  /** resolved revision date (it is printed in the colophon) */
  revision: string;
  fontFiles: string[];
  /** galley's folders (or files) the output is made from; default FORMAT_INPUTS[format] */
  folders?: string[];
  /** what the output takes from the outputs it needs (the cover: the interior's page count) */
  fromNeeded?: string;
  /** the output reads book.yaml only, not the chapters (the press cover) */
  bookYamlOnly?: boolean;
}

const fontDigests = new Map<string, string>();

/** Fonts are large and never change in place: hash path, size and mtime once per process. */
function fontDigest(path: string): string {
  let d = fontDigests.get(path);
  if (!d) {
    const s = statSync(path);
    d = `${path}:${s.size}:${s.mtimeMs}`;
    fontDigests.set(path, d);
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

/** The book folder's own files that the build reads (book.yaml, *.md, a supplied cover). */
export function bookInputFiles(bookDir: string): string[] {
  return readdirSync(bookDir)
    .filter((n) => n === 'book.yaml' || (n.endsWith('.md') && n !== 'import-report.md') || /^cover\.(jpe?g|png)$/.test(n))
    .sort()
    .map((n) => join(bookDir, n));
}

export function hashInputs(format: Format, inputs: HashInputs): string {
  const h = createHash('sha256');
  h.update(`galley ${inputs.galleyVersion}\0${format}\0revision ${inputs.revision}\0`);
  if (inputs.fromNeeded !== undefined) h.update(`needs ${inputs.fromNeeded}\0`);
  for (const folder of inputs.folders ?? FORMAT_INPUTS[format] ?? []) h.update(`${folder}:${folderDigest(join(inputs.packageRoot, folder), inputs.packageRoot)}\0`);
  const projectFile = join(inputs.projectRoot, 'galley.yaml');
  if (existsSync(projectFile)) h.update(readFileSync(projectFile));
  for (const font of inputs.fontFiles) h.update(fontDigest(font));
  for (const file of bookInputFiles(inputs.bookDir).filter((f) => !inputs.bookYamlOnly || f.endsWith('book.yaml'))) {
    h.update(relative(inputs.bookDir, file));
    h.update('\0');
    h.update(readFileSync(file));
    h.update('\0');
  }
  return h.digest('hex');
}

/** For tests and --watch: forget cached folder digests (templates or styles changed). */
export function clearHashCache(): void {
  folderDigests.clear();
  fontDigests.clear();
}
