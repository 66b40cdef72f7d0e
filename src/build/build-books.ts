/**
 * The build: every requested book → the outputs of the registry (src/outputs/registry.ts: dist/<slug>.epub,
 * dist/<slug>.pdf, and for the press dist/<slug>-interior.pdf and dist/<slug>-cover.pdf), in the registry's
 * order, skipping outputs whose inputs are unchanged (content hashes in dist/.galley/<slug>.json; an output
 * that needs another hashes what it takes from it, as the cover the interior's page count). Renderers never
 * see CLI flags, only this resolved configuration. Outputs are written atomically; a failed book leaves its
 * old outputs untouched.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectForBook, type ProjectConfig } from '../config/load-project.js';
import { Diagnostics, GalleyError, type Diagnostic } from '../diagnostics.js';
import { readBookFiles } from '../model/read-book.js';
import type { Book } from '../model/types.js';
import type { BookFiles } from '../model/parse-book.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { OUTPUTS, outputById, withNeeds } from '../outputs/registry.js';
import { closeTypesetterIfLoaded, loadTypesetter } from '../outputs/typesetter.js';
import type { OutputContext, OutputDef, OutputFacts, OutputId } from '../outputs/types.js';
import { PressConfigError, resolvePress, type PressSettings, type RawPress } from '../press/presets.js';
import { CacheStore, sharedCacheDir } from './cache-store.js';
import { changesFile, compareOutput, type ChangeReport } from './change-report.js';
import { hashInputs, type Format } from './input-hash.js';
import { manifestPath, outputIntact, readManifest, recordedOutputs, removeManifest, writeManifest } from './manifest.js';
import { askBrowserVersion, browserAnswered, browserId, toolchainId } from './toolchain.js';
import { resolveModified, resolveRevision } from './resolve-revision.js';
import { runPool } from './run-pool.js';
import { writeFileAtomic } from './write-atomic.js';
import { mark } from './timings.js';
import { createRequire } from 'node:module';

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
  /** PDF typesetting time limit per book, as asked (--typeset-timeout, galley.yaml typeset: timeout:); unset: scaled with the book (render/print/typeset-timeout.ts) */
  pdfTimeoutMs?: number;
  /** books built at once (default 1): they share one browser and its tabs */
  jobs?: number;
  onProgress?: (event: ProgressEvent) => void;
  /** called as each book is done (built, current or failed), in the order they finish */
  onResult?: (result: BookResult) => void;
}

export interface ProgressEvent {
  book: string;
  stage: 'parse' | Format | 'current' | 'done' | 'failed';
  /** of the PDF: layout (pages being typeset), print (the laid-out pages printed), join (the parts joined into one file) */
  step?: 'layout' | 'print' | 'join';
  /** the pages the PDF is expected to have (render/print/estimate-pages.ts) */
  estimate?: number;
  /** pages typeset so far (pdf) */
  pages?: number;
}

export interface OutputResult {
  format: Format;
  path: string;
  /** false: dist/ was already current, or the output came from the shared cache */
  built: boolean;
  /** fetched from the shared cache (GALLEY_CACHE_DIR) instead of built */
  fromCache?: boolean;
  ms: number;
}

export interface BookResult {
  slug: string;
  outputs: OutputResult[];
  /** the book's diagnostics (those of its last build, when it was current) */
  diagnostics: Diagnostic[];
  error?: GalleyError;
  /** what this build changed in the outputs it made (also written as dist/<book>.changes.json) */
  changes?: ChangeReport;
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
    // yaml loaded only here, for a plain build (an EPUB-only rebuild whose book.yaml was checked before loads none)
    const raw = (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(bookYaml) as { press?: RawPress } | null;
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

/** The files outside the book folder that its build reads: a cover or images elsewhere in the project, the fonts. */
function readsOf(book: Book, project: ProjectConfig): string[] {
  const reads = new Set<string>(project.fonts.body.faces.map((f) => f.file));
  if (book.meta.cover) reads.add(join(book.dir, book.meta.cover));
  for (const image of book.images ?? []) reads.add(image.path);
  return [...reads].sort();
}

/**
 * A book's files → the Book the outputs are made from (its images resolved) and the project as the book sees
 * it (book.yaml may set its own print: and fonts: over galley.yaml's). The book's problems go to
 * `diagnostics`; if any is an error, throws content-invalid. The build and the preview both start here.
 */
export async function parseBookFiles(files: BookFiles, project: ProjectConfig, diagnostics: Diagnostics, { forPrint = true }: { forPrint?: boolean } = {}): Promise<{ book: Book; project: ProjectConfig }> {
  const { parseBook } = await import('../model/parse-book.js');
  const book = parseBook(files, diagnostics);
  const { resolveBookImages } = await import('../paths/book-images.js');
  book.images = resolveBookImages(book, project.root, files.displayDir, diagnostics);
  const bookProject = projectForBook(project, files.bookYaml, `${files.displayDir}/book.yaml`);
  if (book.images.length > 0) {
    // sharp (libvips) is loaded only for a book that shows images
    const { inspectImages } = await import('../check/image-files.js');
    // an image's print resolution is a finding of the print outputs only: an EPUB-only build does not warn of it
    book.images = await inspectImages(book.images, bookProject.print, diagnostics, { resolution: forPrint });
  }
  if (diagnostics.errors.length > 0) {
    throw new GalleyError('content-invalid', `${diagnostics.errors.length} error(s) in the book's content`, { file: `content/${book.slug}` });
  }
  return { book, project: bookProject };
}

/** An output's structural validation (outputs/<id>.ts `validate`): its findings reported, an error fails the book. */
async function validateOutput(def: OutputDef, bytes: Uint8Array, ctx: OutputContext, path: string, diagnostics: Diagnostics): Promise<void> {
  if (!def.validate) return;
  const where = relative(process.cwd(), path) || path;
  const found = await def.validate(bytes, ctx, where);
  found.forEach((d) => diagnostics.report(d));
  const errors = found.filter((d) => d.severity === 'error').length;
  if (errors > 0) throw new GalleyError('output-invalid', `${where} was not written: ${errors} error(s) in its structural validation (the previous file, if any, is kept)`, { file: where });
}

export async function buildBook(slug: string, options: BuildOptions, store?: CacheStore): Promise<BookResult> {
  const bookDir = join(options.project.root, 'content', slug);
  const diagnostics = new Diagnostics();
  const result: BookResult = { slug, outputs: [], diagnostics: diagnostics.items };
  try {
    const files = readBookFiles(bookDir, options.project.root);
    const revisionFromYaml = /^revision:\s*["']?(\d{4}-\d{2}-\d{2})/m.exec(files.bookYaml)?.[1];
    // one look at git for both (resolveRevision is the date of resolveModified's moment)
    const modified = resolveModified(bookDir, revisionFromYaml);
    const revision = resolveRevision(bookDir, revisionFromYaml, process.env, modified);
    const entry = readManifest(options.outDir, slug);
    if (entry.problem) {
      const file = relative(process.cwd(), manifestPath(options.outDir, slug)) || manifestPath(options.outDir, slug);
      diagnostics.warn('cache-corrupt', `The cache entry ${entry.problem}: ignored, the book is built again and the entry rewritten`, { file });
    }
    const manifest = entry.manifest;
    const outputs = withNeeds(requestedOutputs(options, files.bookYaml));
    type Def = (typeof outputs)[number];
    const pathOf = (def: Def) => join(options.outDir, def.file(slug));
    const keyOf = (def: Def, reads: string[], fromNeeded?: string, browser?: string) =>
      hashInputs(def.id, {
        packageRoot: PACKAGE_ROOT,
        projectRoot: options.project.root,
        bookDir,
        slug,
        galleyVersion: options.galleyVersion,
        revision,
        modified: def.usesModified ? modified : undefined,
        fontFiles: options.project.fonts.body.faces.map((x) => x.file),
        reads,
        toolchain: toolchainId(Boolean(def.usesBrowser), undefined, undefined, browser),
        folders: def.inputs,
        lookDirs: options.project.look?.dirs,
        fromNeeded,
        bookYamlOnly: def.bookYamlOnly,
      });
    // what each output needs of another: from the manifest, until the other is rebuilt
    const facts: Partial<Record<OutputId, OutputFacts>> = {};
    const recordedFacts = (id: OutputId) => manifest.outputs[id]?.facts;
    const neededOf = (needs: OutputId[]) => Object.fromEntries(needs.map((id) => [id, facts[id] ?? recordedFacts(id)])) as Partial<Record<OutputId, OutputFacts>>;
    // current: the same key as when it was written, and the file in dist/ still the one written then
    const isCurrent = (def: Def, key: string) => !options.force && manifest.outputs[def.id]?.key === key && outputIntact(pathOf(def), manifest.outputs[def.id]);
    const staleWith = (browser?: string) => {
      const stale = new Set<OutputId>();
      for (const def of outputs) {
        if (def.needs.some((id) => stale.has(id)) || !isCurrent(def, keyOf(def, manifest.outputs[def.id]?.reads ?? [], def.fromNeeded?.(neededOf(def.needs)), def.usesBrowser ? browser : undefined))) stale.add(def.id);
      }
      return stale;
    };
    // the browser's version is in the key of what it makes: asked at start-up (cli/index.ts), which takes
    // `chromium --version` some 0.3 s. The version the last build recorded is the guess meanwhile: when an
    // output is stale even so (the book changed), the browser starts and the book is parsed while the answer
    // comes; every output's key is then made again with the real version before anything is built or kept
    // (below). Only a guess that finds everything current waits for the answer to say so.
    const usesBrowser = outputs.some((def) => def.usesBrowser);
    const guess = usesBrowser && !browserAnswered() ? Object.values(manifest.outputs).find((o) => o?.browser)?.browser : undefined;
    if (guess) void askBrowserVersion();
    let stale = guess ? staleWith(guess) : new Set<OutputId>();
    if (!guess || stale.size === 0) {
      if (usesBrowser) await askBrowserVersion();
      stale = staleWith();
    }
    if (stale.size === 0) {
      // the diagnostics of the build that made these outputs, so --strict fails the same cached or not
      for (const d of manifest.diagnostics) diagnostics.report(d);
      for (const def of outputs) result.outputs.push({ format: def.id, path: pathOf(def), built: false, ms: 0 });
      options.onProgress?.({ book: slug, stage: 'current' });
      return result;
    }
    if (!store && outputs.some((def) => stale.has(def.id) && def.usesBrowser)) {
      // the browser starts on the other core while this one parses the book and writes the EPUB
      const { startTypesetter } = await loadTypesetter();
      startTypesetter(options.pdfTimeoutMs ?? 600_000);
    }
    options.onProgress?.({ book: slug, stage: 'parse' });
    mark('hashed, parse');
    const parsed = await parseBookFiles(files, options.project, diagnostics, { forPrint: outputs.some((def) => def.id !== 'epub') });
    mark('parsed');
    // the real version, for the keys made below (answered by now: it was asked while the book was parsed)
    if (usesBrowser) await askBrowserVersion();
    const book = parsed.book;
    const bookOptions = { ...options, project: parsed.project };
    // the book's own diagnostics, kept with its outputs (not this run's remarks on the cache)
    const bookDiagnostics = diagnostics.items.filter((d) => d.code !== 'cache-corrupt');
    const reads = readsOf(book, bookOptions.project);
    let press: PressSettings | undefined;
    const ctxPress = () => (press ??= pressSettings(options, book));
    const changes: ChangeReport = { schema: 1, book: slug, outputs: [] };
    for (const def of outputs) {
      const path = pathOf(def);
      const needed = neededOf(def.needs);
      const key = keyOf(def, reads, def.fromNeeded?.(needed));
      if (isCurrent(def, key)) {
        facts[def.id] = recordedFacts(def.id) ?? {};
        result.outputs.push({ format: def.id, path, built: false, ms: 0 });
        const record = manifest.outputs[def.id];
        if (def.usesBrowser && record && record.browser !== browserId()) {
          // current, though the recorded version (the guess) said otherwise: the next build guesses right
          record.browser = browserId();
          writeManifest(options.outDir, slug, manifest);
        }
        continue;
      }
      const start = performance.now();
      let made: { bytes: Uint8Array; facts?: OutputFacts } | undefined;
      let release: (() => void) | 'stored' | undefined;
      if (store && !options.force) {
        // another process may be building it: wait for its result rather than build it twice
        release = await store.claim(key, options.pdfTimeoutMs ?? 600_000);
        const stored = store.get(key);
        if (stored && 'problem' in stored) diagnostics.warn('cache-corrupt', `The shared cache entry ${stored.problem}: ignored, built again`);
        else if (stored) made = stored;
      }
      try {
        const fromCache = made !== undefined;
        if (!made) {
          options.onProgress?.({ book: slug, stage: def.id });
          // the file the last build wrote, still as it was written, for an output that reuses its parts
          const record = manifest.outputs[def.id];
          const previous = def.reusesPrevious && !options.force && outputIntact(path, record) ? { bytes: readFileSync(path), facts: record?.facts } : undefined;
          made = await def.build({ book, options: bookOptions, revision, modified, needed, press: ctxPress, previous });
        }
        // what was made is read back before it is written: an invalid output never reaches dist/
        mark(`${def.id} made`);
        await validateOutput(def, made.bytes, { book, options: bookOptions, revision, modified, needed, press: ctxPress }, path, diagnostics);
        if (!fromCache) store?.put(key, made.bytes, made.facts);
        mark(`${def.id} validated`);
        writeFileAtomic(path, made.bytes);
        const change = compareOutput(def.id, def.file(slug), manifest.outputs[def.id]?.facts, made.facts);
        if (change) changes.outputs.push(change);
        facts[def.id] = made.facts ?? {};
        manifest.outputs[def.id] = {
          key,
          reads,
          sha256: createHash('sha256').update(made.bytes).digest('hex'),
          bytes: made.bytes.length,
          ...(made.facts ? { facts: made.facts } : {}),
          ...(def.usesBrowser ? { browser: browserId() } : {}),
        };
        manifest.diagnostics = bookDiagnostics;
        writeManifest(options.outDir, slug, manifest);
        result.outputs.push({ format: def.id, path, built: !fromCache, ...(fromCache ? { fromCache } : {}), ms: performance.now() - start });
      } finally {
        if (typeof release === 'function') release();
      }
    }
    if (changes.outputs.some((c) => c.status !== 'new')) {
      // for the proofreader and a press's tools: what this rebuild changed (docs/changes.md); a first build has nothing to say
      writeFileAtomic(join(options.outDir, changesFile(slug)), `${JSON.stringify(changes, null, 2)}\n`);
      result.changes = changes;
    }
    mark('done');
    options.onProgress?.({ book: slug, stage: 'done' });
  } catch (error) {
    result.error = error instanceof GalleyError ? error : new GalleyError('build-failed', (error as Error).message ?? String(error), { cause: error, file: `content/${slug}` });
    options.onProgress?.({ book: slug, stage: 'failed' });
  }
  return result;
}

/**
 * The outputs of books no longer in content/ (a cache entry in dist/.galley without its book): each file
 * the entry names is removed with the entry, and reported. Only galley's own outputs are touched.
 */
export function removeOrphans(options: Pick<BuildOptions, 'project' | 'outDir'>): Diagnostic[] {
  const dir = join(options.outDir, '.galley');
  if (!existsSync(dir)) return [];
  const found: Diagnostic[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json') || name.startsWith('.')) continue;
    const slug = name.slice(0, -5);
    if (existsSync(join(options.project.root, 'content', slug, 'book.yaml'))) continue;
    const recorded = recordedOutputs(options.outDir, slug);
    const removed: string[] = [];
    for (const id of recorded.length > 0 ? recorded : OUTPUTS.map((o) => o.id)) {
      const file = join(options.outDir, outputById(id).file(slug));
      if (existsSync(file)) {
        rmSync(file, { force: true });
        removed.push(relative(process.cwd(), file) || file);
      }
    }
    removeManifest(options.outDir, slug);
    rmSync(join(options.outDir, changesFile(slug)), { force: true });
    found.push({
      severity: 'info',
      code: 'output-removed',
      message: `content/${slug} is gone: ${removed.length > 0 ? `removed ${removed.join(', ')}` : 'removed its cache entry'}`,
      file: relative(process.cwd(), join(dir, name)) || name,
    });
  }
  return found;
}

/**
 * Build the books, `options.jobs` at a time (default one after another), in one process: the books share
 * one browser, whose tabs lay out one book's parts while this thread parses, renders and zips another's.
 * Each book's outputs are the same bytes whatever the number of jobs (tests/build/jobs.test.ts): a book's
 * build reads nothing another book writes. The results come back in the order of `options.books`;
 * `onResult` hears of each as it is done.
 */
export async function buildBooks(options: BuildOptions): Promise<BookResult[]> {
  const dir = sharedCacheDir(options.project);
  const store = dir ? new CacheStore(dir) : undefined;
  try {
    return await runPool(options.books, options.jobs ?? 1, (slug) => buildBook(slug, options, store), (r) => options.onResult?.(r));
  } finally {
    await closeTypesetterIfLoaded();
  }
}
