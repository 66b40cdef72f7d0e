/**
 * One book → what the preview serves: the print HTML galley typesets (the same renderPrintHtml, CSS and
 * Paged.js as the PDF, laid out in the reader's browser instead of a hidden tab), the EPUB's files (the same
 * renderEpubFiles: XHTML chapters, style.css), and the files they load (fonts, the book's images), each under
 * the address the server answers to. Nothing is written; the server looks addresses up in this table and
 * serves nothing else.
 *
 * A book that does not build gives its diagnostics instead (the file, line and code of each problem).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseBookFiles } from '../build/build-books.js';
import { resolveRevision } from '../build/resolve-revision.js';
import { loadProjectConfig } from '../config/load-project.js';
import { Diagnostics, GalleyError, type Diagnostic } from '../diagnostics.js';
import { readBookFiles } from '../model/read-book.js';
import { errorDiagnostics } from '../cli/output.js';
import { join } from 'node:path';

/** A file the server may send: bytes made in memory, or a file read when asked for (a font, an image). */
export type PreviewFile = { type: string; data: string | Uint8Array } | { type: string; path: string };

export interface PreviewSpineItem {
  href: string;
  title: string;
}

export interface PreviewRender {
  ok: boolean;
  title: string;
  /** the book's diagnostics: its warnings when it builds, its errors when it does not */
  diagnostics: Diagnostic[];
  /** address (no leading slash) → file */
  files: Map<string, PreviewFile>;
  /** the EPUB's reading order (the linear items), addresses under ebook/ */
  spine: PreviewSpineItem[];
  /** milliseconds the render took */
  ms: number;
}

export const PRINT_PAGE = 'print/';
export const BOOK_BASE = 'book/';
export const EBOOK_BASE = 'ebook/';

const XHTML = 'application/xhtml+xml; charset=utf-8';

/** The print HTML for the browser: its fonts by the server's addresses, its images under book/, Paged.js and the preview's script. */
export function printPageHtml(html: string, fontUrls: Map<string, string>, scripts: string[]): string {
  let out = html;
  // renderPrintHtml names each font by its file:// URL (the PDF's browser is allowed exactly those files)
  for (const [fileUrl, url] of fontUrls) out = out.split(fileUrl).join(url);
  const head = [`<base href="/${BOOK_BASE}">`, ...scripts.map((src) => `<script src="${src}"></script>`)].join('\n');
  // the body stays undisplayed until Paged.js takes the content, as in the PDF's tab (typeset-pdf.ts)
  return out
    .replace(/<head>/i, `<head>\n${head}`)
    .replace(/<body([^>]*)>/i, (tag, attributes: string) =>
      /\sstyle="/i.test(attributes) ? tag.replace(/\sstyle="/i, ' style="display: none; ') : `<body${attributes} style="display: none">`,
    );
}

export interface RenderPreviewOptions {
  root: string;
  slug: string;
  galleyVersion: string;
  /** the addresses of the preview's own files, put into the print page */
  printScripts: string[];
}

export async function renderPreview(options: RenderPreviewOptions): Promise<PreviewRender> {
  const started = performance.now();
  const { root, slug } = options;
  const diagnostics = new Diagnostics();
  const files = new Map<string, PreviewFile>();
  let title = slug;
  try {
    const project0 = loadProjectConfig(root);
    const bookFiles = readBookFiles(join(root, 'content', slug), root);
    const { book, project } = await parseBookFiles(bookFiles, project0, diagnostics);
    title = book.meta.title;
    const revisionFromYaml = /^revision:\s*["']?(\d{4}-\d{2}-\d{2})/m.exec(bookFiles.bookYaml)?.[1];
    const revision = resolveRevision(book.dir, revisionFromYaml);
    const renderOptions = { galleyVersion: options.galleyVersion, revision };

    // print: the fonts under _galley/font/<n>, the images under book/<their address in the Markdown>
    const { renderPrintHtml } = await import('../render/print/render-print-html.js');
    const fontUrls = new Map<string, string>();
    project.fonts.body.faces.forEach((face, i) => {
      const name = `_galley/font/${i + 1}-${face.file.split('/').pop()}`;
      fontUrls.set(pathToFileURL(face.file).href, `/${name}`);
      files.set(name, { type: fontType(face.file), path: face.file });
    });
    for (const image of book.images ?? []) {
      files.set(`${BOOK_BASE}${normalizeAddress(image.src)}`, { type: image.mediaType, path: image.path });
    }
    const html = renderPrintHtml(book, project, renderOptions);
    files.set(PRINT_PAGE, { type: 'text/html; charset=utf-8', data: printPageHtml(html, fontUrls, options.printScripts) });

    // ebook: the EPUB's own files, as they are packaged (the cover is not made: it costs a render of its own)
    const { toEpubView } = await import('../render/epub/to-epub-view.js');
    const { renderEpubFiles } = await import('../render/epub/render-epub.js');
    const view = toEpubView(book, project, renderOptions);
    for (const f of renderEpubFiles(view, new Uint8Array())) {
      if (f.path.startsWith('images/')) continue;
      files.set(`${EBOOK_BASE}${f.path}`, { type: f.path.endsWith('.xhtml') ? XHTML : f.path.endsWith('.css') ? 'text/css; charset=utf-8' : 'application/octet-stream', data: f.data as string | Uint8Array });
    }
    // the whole font, not the EPUB's subset (the subset takes a second for a long book)
    for (const f of view.fonts) files.set(`${EBOOK_BASE}fonts/${f.fileName}`, { type: fontType(f.path), path: f.path });
    for (const image of book.images ?? []) files.set(`${EBOOK_BASE}${image.href}`, { type: image.mediaType, path: image.path });
    if (book.meta.cover) files.delete(`${EBOOK_BASE}cover.xhtml`);

    const hrefOf = new Map(view.manifest.map((m) => [m.id, m.href]));
    const titles = new Map<string, string>([
      ['titlepage.xhtml', view.apparatus.title],
      ['imprint.xhtml', view.apparatus.text.aboutThisEdition],
      ['nav.xhtml', view.apparatus.text.contents],
      ['colophon.xhtml', view.apparatus.text.colophon],
      ...view.chapters.map((c) => [c.fileName, c.title] as [string, string]),
    ]);
    const spine = view.spine
      .filter((s) => s.linear)
      .map((s) => hrefOf.get(s.idref))
      .filter((href): href is string => href !== undefined && files.has(`${EBOOK_BASE}${href}`))
      .map((href) => ({ href: `${EBOOK_BASE}${href}`, title: titles.get(href) ?? href }));
    return { ok: true, title, diagnostics: diagnostics.items, files, spine, ms: performance.now() - started };
  } catch (error) {
    // the book's own diagnostics (content-invalid says only how many), else the error itself
    const found = error instanceof GalleyError && error.code === 'content-invalid' && diagnostics.errors.length > 0 ? diagnostics.items : [...diagnostics.items, ...errorDiagnostics(error)];
    return { ok: false, title, diagnostics: found, files: new Map(), spine: [], ms: performance.now() - started };
  }
}

/** An address as the browser sends it and as the Markdown writes it, compared in one form: decoded, no ./ */
export function normalizeAddress(address: string): string {
  let a = address;
  try {
    a = decodeURIComponent(a);
  } catch {
    // a lone % is taken as written
  }
  return a.replace(/^(\.\/)+/, '');
}

function fontType(file: string): string {
  if (file.endsWith('.woff2')) return 'font/woff2';
  if (file.endsWith('.woff')) return 'font/woff';
  if (file.endsWith('.otf')) return 'font/otf';
  return 'font/ttf';
}

/** A served file's bytes. */
export function readPreviewFile(file: PreviewFile): string | Uint8Array {
  return 'path' in file ? readFileSync(file.path) : file.data;
}
