/**
 * The build: every requested book → the outputs of the registry (src/outputs/registry.ts: dist/<slug>.epub,
 * dist/<slug>.pdf, and for the press dist/<slug>-interior.pdf and dist/<slug>-cover.pdf), in the registry's
 * order, skipping outputs whose inputs are unchanged (content hashes in dist/.galley/<slug>.json; an output
 * that needs another hashes what it takes from it, as the cover the interior's page count). Renderers never
 * see CLI flags, only this resolved configuration. Outputs are written atomically; a failed book leaves its
 * old outputs untouched.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectForBook, type ProjectConfig } from '../config/load-project.js';
import { Diagnostics, GalleyError, type Diagnostic } from '../diagnostics.js';
import { readBookFiles } from '../model/read-book.js';
import type { Book } from '../model/types.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { withNeeds } from '../outputs/registry.js';
import { closeTypesetterIfLoaded, loadTypesetter } from '../outputs/typesetter.js';
import type { OutputFacts, OutputId } from '../outputs/types.js';
import { PressConfigError, resolvePress, type PressSettings, type RawPress } from '../press/presets.js';
import { hashInputs, type Format } from './input-hash.js';
import { resolveRevision } from './resolve-revision.js';
import { writeFileAtomic } from './write-atomic.js';
import { parse as parseYaml } from 'yaml';

export interface BuildOptions {
  project: ProjectConfig;
  /** book slugs under content/ */
  books: string[];
  formats: Format[];
  /** also the press outputs of a book whose galley.yaml or book.yaml names a printer (a plain build) */
  pressWhenNamed?: boolean;
  outDir: string;
  galleyVersion: string;
  /** rebuild even when dist/ is current */
  force?: boolean;
  /** PDF typesetting time limit per book */
  pdfTimeoutMs?: number;
  onProgress?: (event: ProgressEvent) => void;
}

export interface ProgressEvent {
  book: string;
  stage: 'parse' | Format | 'current' | 'done' | 'failed';
  /** pages typeset so far (pdf) */
  pages?: number;
}

export interface OutputResult {
  format: Format;
  path: string;
  /** false: dist/ was already current */
  built: boolean;
  ms: number;
}

export interface BookResult {
  slug: string;
  outputs: OutputResult[];
  diagnostics: Diagnostic[];
  error?: GalleyError;
}

/** Each output's content hash, and what it told the outputs that need it. */
type Manifest = Partial<Record<Format, string>> & { facts?: Partial<Record<Format, OutputFacts>> };

function manifestPath(outDir: string, slug: string): string {
  return join(outDir, '.galley', `${slug}.json`);
}

function readManifest(outDir: string, slug: string): Manifest {
  try {
    return JSON.parse(readFileSync(manifestPath(outDir, slug), 'utf8')) as Manifest;
  } catch {
    return {};
  }
}

/** The press settings of a book: the preset named in book.yaml or galley.yaml, with their overrides. */
function pressSettings(options: BuildOptions, book: Book): PressSettings {
  try {
    return resolvePress(options.project.press, book.meta.press, book.meta.language);
  } catch (error) {
    if (error instanceof PressConfigError) {
      throw new GalleyError('press-config', error.message, { file: book.meta.press ? `content/${book.slug}/book.yaml` : 'galley.yaml' });
    }
    throw error;
  }
}

/** The printer book.yaml names, read before the book is parsed (a plain build then makes its press files). */
function bookPrinter(bookYaml: string): string | undefined {
  try {
    const raw = parseYaml(bookYaml) as { press?: RawPress } | null;
    return raw?.press?.printer;
  } catch {
    return undefined; // the parse proper reports it
  }
}

/** The outputs asked for: the flags', and the press outputs when a plain build meets a named printer. */
function requestedOutputs(options: BuildOptions, bookYaml: string): OutputId[] {
  const ids: OutputId[] = [...options.formats];
  if (options.pressWhenNamed && (options.project.press?.printer || bookPrinter(bookYaml))) ids.push('interior', 'cover');
  return ids;
}

export async function buildBook(slug: string, options: BuildOptions): Promise<BookResult> {
  const bookDir = join(options.project.root, 'content', slug);
  const diagnostics = new Diagnostics();
  const result: BookResult = { slug, outputs: [], diagnostics: diagnostics.items };
  try {
    const files = readBookFiles(bookDir, options.project.root);
    const revisionFromYaml = /^revision:\s*["']?(\d{4}-\d{2}-\d{2})/m.exec(files.bookYaml)?.[1];
    const revision = resolveRevision(bookDir, revisionFromYaml);
    const manifest = readManifest(options.outDir, slug);
    manifest.facts ??= {};
    const outputs = withNeeds(requestedOutputs(options, files.bookYaml));
    const pathOf = (_id: OutputId, file: string) => join(options.outDir, file);
    const hashOf = (def: (typeof outputs)[number], fromNeeded?: string) =>
      hashInputs(def.id, {
        packageRoot: PACKAGE_ROOT,
        projectRoot: options.project.root,
        bookDir,
        galleyVersion: options.galleyVersion,
        revision,
        fontFiles: options.project.fonts.body.faces.map((x) => x.file),
        folders: def.inputs,
        fromNeeded,
        bookYamlOnly: def.bookYamlOnly,
      });
    // what each output needs of another: from the manifest, until the other is rebuilt
    const facts: Partial<Record<OutputId, OutputFacts>> = {};
    const neededOf = (needs: OutputId[]) => Object.fromEntries(needs.map((id) => [id, facts[id] ?? manifest.facts?.[id]])) as Partial<Record<OutputId, OutputFacts>>;
    const isCurrent = (def: (typeof outputs)[number], hash: string) => !options.force && manifest[def.id] === hash && existsSync(pathOf(def.id, def.file(slug)));
    const stale = new Set<OutputId>();
    for (const def of outputs) {
      if (def.needs.some((id) => stale.has(id)) || !isCurrent(def, hashOf(def, def.fromNeeded?.(neededOf(def.needs))))) stale.add(def.id);
    }
    if (stale.size === 0) {
      for (const def of outputs) result.outputs.push({ format: def.id, path: pathOf(def.id, def.file(slug)), built: false, ms: 0 });
      options.onProgress?.({ book: slug, stage: 'current' });
      return result;
    }
    if (outputs.some((def) => stale.has(def.id) && def.usesBrowser)) {
      // the browser starts on the other core while this one parses the book and writes the EPUB
      const { startTypesetter } = await loadTypesetter();
      startTypesetter(options.pdfTimeoutMs ?? 600_000);
    }
    options.onProgress?.({ book: slug, stage: 'parse' });
    const { parseBook } = await import('../model/parse-book.js');
    const book = parseBook(files, diagnostics);
    const { resolveBookImages } = await import('../paths/book-images.js');
    book.images = resolveBookImages(book, options.project.root, files.displayDir, diagnostics);
    // book.yaml may set its own print: and fonts: over galley.yaml's
    const bookOptions = { ...options, project: projectForBook(options.project, files.bookYaml, `${files.displayDir}/book.yaml`) };
    if (diagnostics.errors.length > 0) {
      throw new GalleyError('content-invalid', `${diagnostics.errors.length} error(s) in the book's content`, { file: `content/${slug}` });
    }
    let press: PressSettings | undefined;
    const ctxPress = () => (press ??= pressSettings(options, book));
    for (const def of outputs) {
      const path = pathOf(def.id, def.file(slug));
      const needed = neededOf(def.needs);
      const hash = hashOf(def, def.fromNeeded?.(needed));
      if (isCurrent(def, hash)) {
        facts[def.id] = manifest.facts[def.id] ?? {};
        result.outputs.push({ format: def.id, path, built: false, ms: 0 });
        continue;
      }
      options.onProgress?.({ book: slug, stage: def.id });
      const start = performance.now();
      const built = await def.build({ book, options: bookOptions, revision, needed, press: ctxPress });
      writeFileAtomic(path, built.bytes);
      facts[def.id] = built.facts ?? {};
      manifest[def.id] = hash;
      if (built.facts) manifest.facts[def.id] = built.facts;
      else delete manifest.facts[def.id];
      writeFileAtomic(manifestPath(options.outDir, slug), `${JSON.stringify(manifest, null, 2)}\n`);
      result.outputs.push({ format: def.id, path, built: true, ms: performance.now() - start });
    }
    options.onProgress?.({ book: slug, stage: 'done' });
  } catch (error) {
    result.error = error instanceof GalleyError ? error : new GalleyError('build-failed', (error as Error).message ?? String(error), { cause: error, file: `content/${slug}` });
    options.onProgress?.({ book: slug, stage: 'failed' });
  }
  return result;
}

/** Build the books one after another (the browser and the CPU are the limits, not I/O). */
export async function buildBooks(options: BuildOptions): Promise<BookResult[]> {
  const results: BookResult[] = [];
  try {
    for (const slug of options.books) results.push(await buildBook(slug, options));
  } finally {
    await closeTypesetterIfLoaded();
  }
  return results;
}
