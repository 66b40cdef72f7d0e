/**
 * The build: every requested book → dist/<slug>.epub and dist/<slug>.pdf, skipping outputs whose inputs are
 * unchanged (content hashes in dist/.galley/<slug>.json). Renderers never see CLI flags, only this resolved
 * configuration. Outputs are written atomically; a failed book leaves its old outputs untouched.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectConfig } from '../config/load-project.js';
import { Diagnostics, GalleyError, type Diagnostic } from '../diagnostics.js';
import { readBookFiles } from '../model/read-book.js';
import type { Book } from '../model/types.js';
import { buildApparatus } from '../transform/build-apparatus.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { resolveProjectPath } from '../paths/resolve-path.js';
import { hashInputs, type Format } from './input-hash.js';
import { resolveRevision } from './resolve-revision.js';
import { writeFileAtomic } from './write-atomic.js';

export interface BuildOptions {
  project: ProjectConfig;
  /** book slugs under content/ */
  books: string[];
  formats: Format[];
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
  stage: 'parse' | 'epub' | 'pdf' | 'current' | 'done' | 'failed';
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

interface Manifest {
  epub?: string;
  pdf?: string;
}

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

/** A supplied cover (book.yaml `cover`) or one made from the cover template. */
async function coverFor(book: Book, options: BuildOptions, revision: string): Promise<Uint8Array> {
  if (book.meta.cover) {
    const file = `content/${book.slug}/book.yaml`;
    if (!existsSync(join(book.dir, book.meta.cover))) throw new GalleyError('cover-missing', `Cover image ${book.meta.cover} not found`, { file });
    const path = resolveProjectPath({ root: options.project.root, base: book.dir, value: book.meta.cover, kind: 'cover', key: 'cover', file });
    const { default: sharp } = await import('sharp');
    return sharp(path).resize(1600, 2560, { fit: 'cover' }).jpeg({ quality: 86, mozjpeg: true }).toBuffer();
  }
  const { makeCover } = await import('../render/shared/make-cover.js');
  return makeCover(buildApparatus(book, options.project, { galleyVersion: options.galleyVersion, revision }), options.project, join(options.project.root, '.cache'));
}

async function buildEpub(book: Book, options: BuildOptions, revision: string): Promise<Uint8Array> {
  const { renderEpub } = await import('../render/epub/render-epub.js');
  const cover = await coverFor(book, options, revision);
  return renderEpub(book, options.project, { galleyVersion: options.galleyVersion, revision, cover, cacheDir: join(options.project.root, '.cache') });
}

/** The typesetter's module, loaded by the first book that needs a PDF (a no-op build never loads it). */
let typesetter: Promise<typeof import('../render/print/typeset-pdf.js')> | undefined;
function loadTypesetter(): Promise<typeof import('../render/print/typeset-pdf.js')> {
  typesetter ??= import('../render/print/typeset-pdf.js');
  return typesetter;
}

async function buildPdf(book: Book, options: BuildOptions, revision: string): Promise<Uint8Array> {
  const { renderPrintHtml } = await import('../render/print/render-print-html.js');
  const { typesetPdf } = await loadTypesetter();
  const html = renderPrintHtml(book, options.project, { galleyVersion: options.galleyVersion, revision });
  return typesetPdf(html, {
    baseDir: book.dir,
    timeoutMs: options.pdfTimeoutMs ?? 600_000,
    title: book.meta.title,
    author: buildApparatus(book, options.project, { galleyVersion: options.galleyVersion, revision }).byline,
    language: book.meta.language,
    revision,
    onProgress: (p: { pages?: number }) => options.onProgress?.({ book: book.slug, stage: 'pdf', pages: p.pages }),
  });
}

const BUILDERS: Record<Format, (book: Book, options: BuildOptions, revision: string) => Promise<Uint8Array>> = {
  epub: buildEpub,
  pdf: buildPdf,
};

export async function buildBook(slug: string, options: BuildOptions): Promise<BookResult> {
  const bookDir = join(options.project.root, 'content', slug);
  const diagnostics = new Diagnostics();
  const result: BookResult = { slug, outputs: [], diagnostics: diagnostics.items };
  try {
    const files = readBookFiles(bookDir, options.project.root);
    const revisionFromYaml = /^revision:\s*["']?(\d{4}-\d{2}-\d{2})/m.exec(files.bookYaml)?.[1];
    const revision = resolveRevision(bookDir, revisionFromYaml);
    const manifest = readManifest(options.outDir, slug);
    const hashes = Object.fromEntries(
      options.formats.map((f) => [
        f,
        hashInputs(f, {
          packageRoot: PACKAGE_ROOT,
          projectRoot: options.project.root,
          bookDir,
          galleyVersion: options.galleyVersion,
          revision,
          fontFiles: options.project.fonts.body.faces.map((x) => x.file),
        }),
      ]),
    ) as Record<Format, string>;
    const todo = options.formats.filter((f) => options.force || manifest[f] !== hashes[f] || !existsSync(join(options.outDir, `${slug}.${f}`)));
    for (const f of options.formats.filter((x) => !todo.includes(x))) {
      result.outputs.push({ format: f, path: join(options.outDir, `${slug}.${f}`), built: false, ms: 0 });
    }
    if (todo.length === 0) {
      options.onProgress?.({ book: slug, stage: 'current' });
      return result;
    }
    if (todo.includes('pdf')) {
      // the browser starts on the other core while this one parses the book and writes the EPUB
      const { startTypesetter } = await loadTypesetter();
      startTypesetter(options.pdfTimeoutMs ?? 600_000);
    }
    options.onProgress?.({ book: slug, stage: 'parse' });
    const { parseBook } = await import('../model/parse-book.js');
    const book = parseBook(files, diagnostics);
    const { resolveBookImages } = await import('../paths/book-images.js');
    book.images = resolveBookImages(book, options.project.root, files.displayDir, diagnostics);
    if (diagnostics.errors.length > 0) {
      throw new GalleyError('content-invalid', `${diagnostics.errors.length} error(s) in the book's content`, { file: `content/${slug}` });
    }
    for (const format of todo) {
      options.onProgress?.({ book: slug, stage: format });
      const start = performance.now();
      const bytes = await BUILDERS[format](book, options, revision);
      const path = join(options.outDir, `${slug}.${format}`);
      writeFileAtomic(path, bytes);
      manifest[format] = hashes[format];
      writeFileAtomic(manifestPath(options.outDir, slug), `${JSON.stringify(manifest, null, 2)}\n`);
      result.outputs.push({ format, path, built: true, ms: performance.now() - start });
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
    const print = await typesetter?.catch(() => undefined);
    await print?.closeTypesetter();
  }
  return results;
}
