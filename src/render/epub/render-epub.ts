/**
 * renderEpub(book, project, options) → EPUB bytes. Pure apart from reading the stylesheet and fonts:
 * the view model feeds the templates, packaging is separate (package-epub.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectConfig } from '../../config/load-project.js';
import type { Book } from '../../model/types.js';
import { cssString, cssUrl } from '../shared/escape.js';
import { getTemplate } from '../shared/handlebars-env.js';
import { readLookFile, type Look } from '../../paths/look.js';
import { packageEpub, type EpubFile } from './package-epub.js';
import { charactersOf, subsetFontFile } from './subset-fonts.js';
import { COVER_FILE, toEpubView, type EpubOptions, type EpubView } from './to-epub-view.js';

export interface RenderEpubOptions extends EpubOptions {
  /** JPEG bytes of the cover (supplied by the book or made by makeCover) */
  cover: Uint8Array;
  /** where font subsets are kept between builds (optional) */
  cacheDir?: string;
  /** the book's earlier EPUB, made by the same zip writer (package-epub.ts ZIP_WRITER): its unchanged files are not deflated again */
  previous?: Uint8Array;
}

function page(view: EpubView, title: string, content: string, bodyType?: string, look?: Look): string {
  return getTemplate('epub/page.xhtml.hbs', look)({ lang: view.lang, title, content, bodyType });
}

/** @font-face rules for the embedded faces, then the house stylesheet (the project's own styles/epub/book.css, if it has one). */
export function buildEpubCss(view: Pick<EpubView, 'fonts' | 'fontFamily'>, look?: Look): string {
  const faces = view.fonts
    .map((f) => `@font-face { font-family: ${cssString(view.fontFamily)}; font-style: ${f.style}; font-weight: ${f.weight}; src: ${cssUrl(`fonts/${f.fileName}`)}; }`)
    .join('\n');
  const css = readLookFile(look, 'styles/epub/book.css');
  return `${faces}\n${css.replace(/font-family: "EB Garamond"/g, () => `font-family: ${cssString(view.fontFamily)}`)}`;
}

/** The EPUB's files; `look` says where a project's own templates and styles are (paths/look.ts). */
export function renderEpubFiles(view: EpubView, cover: Uint8Array, look?: Look): EpubFile[] {
  const t = (name: string) => getTemplate(name, look);
  const data = { ...view, coverFile: COVER_FILE, pageBreakSource: view.apparatus.sources[0] ? `${view.apparatus.sources[0].title}${view.apparatus.sources[0].citation ? `, ${view.apparatus.sources[0].citation}` : ''}` : 'none' };
  const { text } = view.apparatus;
  const files: EpubFile[] = [
    { path: 'content.opf', data: t('epub/content.opf.hbs')(data) },
    { path: 'toc.ncx', data: t('epub/toc.ncx.hbs')(data) },
    { path: 'nav.xhtml', data: page(view, text.contents, t('epub/nav.xhtml.hbs')(data), undefined, look) },
    { path: 'cover.xhtml', data: page(view, text.cover, t('epub/cover.xhtml.hbs')(data), undefined, look) },
    { path: 'titlepage.xhtml', data: page(view, view.apparatus.title, t('epub/titlepage.xhtml.hbs')(data), 'frontmatter', look) },
    { path: 'imprint.xhtml', data: page(view, text.aboutThisEdition, t('epub/imprint.xhtml.hbs')(data), 'frontmatter', look) },
    ...view.chapters.map((c) => ({ path: c.fileName, data: page(view, c.title, t('epub/chapter.xhtml.hbs')(c), 'bodymatter', look) })),
    { path: 'colophon.xhtml', data: page(view, text.colophon, t('epub/colophon.xhtml.hbs')(data), 'backmatter', look) },
    { path: 'style.css', data: buildEpubCss(view, look) },
    { path: `images/${COVER_FILE}`, data: cover },
  ];
  return files;
}

export async function renderEpub(book: Book, project: ProjectConfig, options: RenderEpubOptions): Promise<Buffer> {
  const view = toEpubView(book, project, options);
  const files = renderEpubFiles(view, options.cover, project.look);
  const characters = charactersOf(files.filter((f) => f.path.endsWith('.xhtml')).map((f) => f.data as string));
  const fonts = await Promise.all(view.fonts.map(async (f) => ({ path: `fonts/${f.fileName}`, data: await subsetFontFile(f.path, characters, options.cacheDir && join(options.cacheDir, 'font-subsets')) })));
  // the book's own images, resolved inside the project by paths/book-images.ts
  const images = (book.images ?? []).map((image) => ({ path: image.href, data: readFileSync(image.path) }));
  return packageEpub({
    title: book.meta.title,
    lang: book.meta.language,
    files: [...files, ...fonts, ...images],
    date: new Date(options.modified ?? `${options.revision}T00:00:00Z`),
    previous: options.previous,
  });
}
