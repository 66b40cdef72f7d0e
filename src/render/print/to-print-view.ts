/**
 * Book → the plain data the print templates need: front matter (half-title, title page, imprint with the
 * attribution shared with the EPUB), contents entries, chapters with their running heads, fonts and the
 * page geometry from galley.yaml. Templates stay free of logic.
 */
import { pathToFileURL } from 'node:url';
import type { ProjectConfig } from '../../config/load-project.js';
import type { Book, TocEntry } from '../../model/types.js';
import { buildApparatus, type Apparatus } from '../../transform/build-apparatus.js';
import { renderChapterHtml } from './render-chapter-html.js';
import { noteFootPadding } from './note-foot.js';
import type { ChapterCache } from './chapter-cache.js';

export interface PrintOptions {
  galleyVersion: string;
  /** YYYY-MM-DD: the colophon date */
  revision: string;
  /** the chapters' HTML of the last build (chapter-cache.ts): a correction renders again only its chapter */
  chapterCache?: ChapterCache;
}

/** Deepest heading level listed in the printed contents (parts and works; sections stay in the outline). */
export const PRINT_TOC_DEPTH = 2;
/**
 * Running heads longer than this are cut at a word boundary. 8.5pt italic EB Garamond sets about 3.1pt a
 * character, and a 4.05in measure leaves some 223pt between the folio boxes: 66 characters fit (Vol. 6’s
 * "The October Revolution and the Tactics of the Russian Communists" whole; at 48 it read "…Tactics of the…").
 */
const RUNNING_HEAD_MAX = 66;

export interface PrintTocEntry {
  id: string;
  text: string;
  level: number;
  /** an entry followed by its own sub-entries: kept on the page of the first of them (never stranded at a foot) */
  keepWithNext?: boolean;
}

export interface PrintChapterView {
  id: string;
  title: string;
  runningHead: string;
  body: string;
  /** the first chapter restarts the page numbers at 1 */
  first: boolean;
}

export interface PrintFontView {
  url: string;
  weight: number;
  style: string;
}

export interface PrintView {
  lang: string;
  apparatus: Apparatus;
  description: string;
  keywords: string;
  toc: PrintTocEntry[];
  chapters: PrintChapterView[];
  fonts: PrintFontView[];
  fontFamily: string;
  page: {
    width: string;
    height: string;
    top: string;
    bottom: string;
    inside: string;
    outside: string;
    fontSize: string;
    lineHeight: number;
    /** the space under the footnotes that sets their last line on the text block's last baseline */
    noteFoot?: string;
  };
  /** the book's title (plain text; the template escapes it as a CSS string), for the running head of left pages */
  runningTitle: string;
}

/** "The Foundations of Leninism: Lectures Delivered at the Sverdlov University" → cut at a word boundary. */
export function shortenRunningHead(text: string, max = RUNNING_HEAD_MAX): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  // never ending on a short word that leads into what was cut ("…Tactics of the…")
  const kept = (space > max / 2 ? cut.slice(0, space) : cut.slice(0, max)).replace(/(?:[\s,;:.–—-]+\p{Ll}{1,3})+$/u, '');
  return `${kept.replace(/[\s,;:.–—-]+$/, '')}…`;
}

/** A CSS string literal, safe inside <style> (render/shared/escape.ts). */
export { cssString } from '../shared/escape.js';

function flattenToc(entries: TocEntry[], depth: number, out: PrintTocEntry[] = []): PrintTocEntry[] {
  for (const e of entries) {
    if (e.level > depth) continue;
    out.push({ id: e.id, text: e.text, level: e.level });
    const at = out.length - 1;
    flattenToc(e.children, depth, out);
    if (out.length > at + 1) out[at].keepWithNext = true;
  }
  return out;
}

export function toPrintView(book: Book, project: ProjectConfig, options: PrintOptions): PrintView {
  const apparatus = buildApparatus(book, project, options);
  const { print } = project;
  return {
    lang: book.meta.language,
    apparatus,
    description: book.meta.description,
    keywords: book.meta.subjects.join(', '),
    toc: flattenToc(book.toc, PRINT_TOC_DEPTH),
    chapters: book.chapters.map((chapter, i) => ({
      id: `chapter-${chapter.slug}`,
      title: chapter.title,
      runningHead: shortenRunningHead(chapter.title),
      body: options.chapterCache
        ? options.chapterCache.html(chapter, book.meta.language, () => renderChapterHtml(chapter, book.meta.language))
        : renderChapterHtml(chapter, book.meta.language),
      first: i === 0,
    })),
    fonts: project.fonts.body.faces.map((f) => ({ url: pathToFileURL(f.file).href, weight: f.weight, style: f.style })),
    fontFamily: project.fonts.body.family,
    page: {
      width: print.width,
      height: print.height,
      top: print.margin.top,
      bottom: print.margin.bottom,
      inside: print.margin.inside,
      outside: print.margin.outside,
      fontSize: print.fontSize,
      lineHeight: print.lineHeight,
      noteFoot: noteFootPadding({ height: print.height, top: print.margin.top, bottom: print.margin.bottom, fontSize: print.fontSize, lineHeight: print.lineHeight }, project.fonts.body.faces[0].file),
    },
    runningTitle: shortenRunningHead(apparatus.title),
  };
}
