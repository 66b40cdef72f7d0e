/**
 * Book → the plain data the EPUB templates need (files, navigation, metadata). Templates stay free of logic.
 */
import { basename } from 'node:path';
import type { ProjectConfig } from '../../config/load-project.js';
import type { Book, TocEntry } from '../../model/types.js';
import { buildApparatus, type Apparatus } from '../../transform/build-apparatus.js';
import { bindSpaces } from '../../transform/bind-spaces.js';
import { stringsFor } from '../../i18n/index.js';
import { renderChapterXhtml, type RenderedNote } from './render-chapter-xhtml.js';

export interface EpubOptions {
  galleyVersion: string;
  /** YYYY-MM-DD: the colophon's date */
  revision: string;
  /** the revision's moment to the second (dcterms:modified); midnight of `revision` when not given */
  modified?: string;
}

export interface NavItem {
  href: string;
  text: string;
  children: NavItem[];
  /** NCX play order and depth-first id */
  playOrder: number;
}

export interface ManifestItem {
  id: string;
  href: string;
  mediaType: string;
  properties?: string;
}

export interface EpubChapterView {
  fileName: string;
  /** aria-label of the chapter's notes section, in the book's language */
  notesLabel: string;
  title: string;
  body: string;
  notes: RenderedNote[];
}

export interface FontView {
  /** file name inside OEBPS/fonts/ */
  fileName: string;
  path: string;
  weight: number;
  style: string;
}

export interface EpubView {
  lang: string;
  apparatus: Apparatus;
  modified: string;
  creators: { id: string; name: string; fileAs?: string; role: string }[];
  subjects: string[];
  chapters: EpubChapterView[];
  nav: NavItem[];
  pages: { href: string; label: string }[];
  landmarks: { type: string; href: string; text: string }[];
  manifest: ManifestItem[];
  spine: { idref: string; linear: boolean }[];
  fonts: FontView[];
  fontFamily: string;
  hasPageList: boolean;
  /** the NCX page list: dtb:totalPageCount, dtb:maxPageNumber and a pageTarget per page marker */
  ncxPages: { total: number; max: number; targets: { href: string; label: string; type: 'normal' | 'front'; value: number; playOrder: number }[] };
  accessibilityFeatures: string[];
  /** what the accessibility summary may truthfully say */
  accessibilitySummary: string;
  /** the summary is written in English: its xml:lang when the book is in another language */
  accessibilitySummaryLang?: string;
  series?: { name: string; position?: string };
  firstChapterHref: string;
  depth: number;
}

const MARC_ROLE = { author: 'aut', translator: 'trl', editor: 'edt', transcriber: 'trc' } as const;

export const COVER_FILE = 'cover.jpg';

function toNav(entries: TocEntry[], fileOf: (chapter: number) => string, counter: { n: number }): NavItem[] {
  return entries.map((e) => {
    const playOrder = ++counter.n;
    const href = `${fileOf(e.chapter)}#${e.id}`;
    return { href, text: bindSpaces(e.text), playOrder, children: toNav(e.children, fileOf, counter) };
  });
}

/** The apparatus with non-breaking spaces in the names, titles and citations the EPUB sets (title page, imprint, OPF). */
function bindApparatus(a: Apparatus): Apparatus {
  const names = (list: string[]) => list.map(bindSpaces);
  const source = (s: Apparatus['sources'][number]) => ({
    ...s,
    title: bindSpaces(s.title),
    citation: s.citation && bindSpaces(s.citation),
    credits: s.credits.map((c) => ({ ...c, value: bindSpaces(c.value) })),
  });
  return {
    ...a,
    title: bindSpaces(a.title),
    subtitle: a.subtitle && bindSpaces(a.subtitle),
    byline: bindSpaces(a.byline),
    text: {
      ...a.text,
      translatedBy: a.text.translatedBy && bindSpaces(a.text.translatedBy),
      editedBy: a.text.editedBy && bindSpaces(a.text.editedBy),
      publishedBy: bindSpaces(a.text.publishedBy),
      coverAlt: bindSpaces(a.text.coverAlt),
    },
    publicationLine: bindSpaces(a.publicationLine),
    transcribers: names(a.transcribers),
    authors: names(a.authors),
    translators: names(a.translators),
    editors: names(a.editors),
    sources: a.sources.map(source),
    workSources: a.workSources.map((w) => ({ work: bindSpaces(w.work), sources: w.sources.map(source) })),
  };
}

/** The accessibility summary: what the book has, and who checked it how, nothing more. */
function accessibilitySummary(book: Book, pages: number): string {
  const notes = book.chapters.reduce((n, c) => n + c.notes.length, 0);
  const has = [
    'structured headings',
    'a table of contents',
    ...(notes > 0 ? ['footnotes linked to and from their references'] : []),
    ...(pages > 0 ? [`markers for the ${pages} pages of the printed source that the text records, with a page list`] : []),
  ];
  const images = (book.images ?? []).length;
  return `This publication is reflowable text${images > 0 ? ` with ${images} image(s) described in alternative text` : ' only'}, with ${joinList(has)}. Its producer checked it with EPUBCheck and DAISY Ace against EPUB Accessibility 1.1 and WCAG 2.1 Level AA; no third party has reviewed it.`;
}

function joinList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function depthOf(items: NavItem[]): number {
  return items.reduce((max, i) => Math.max(max, 1 + depthOf(i.children)), 0);
}

export function toEpubView(book: Book, project: ProjectConfig, options: EpubOptions): EpubView {
  const apparatus = bindApparatus(buildApparatus(book, project, options));
  const { text } = apparatus;
  const strings = stringsFor(book.meta.language);
  const images = new Map((book.images ?? []).map((image) => [image.src, image.href]));
  const fileNameOf = (i: number) => `${String(i + 1).padStart(3, '0')}-${book.chapters[i].slug}.xhtml`;
  // the source's page markers, for references to this volume's pages ("see this volume, p. 103")
  const pageHrefs = new Map(book.chapters.flatMap((chapter, i) => chapter.pages.map((p) => [p.page, `${fileNameOf(i)}#${p.id}`] as const)).reverse());
  const chapters = book.chapters.map((chapter, i) => {
    const rendered = renderChapterXhtml(chapter, images, strings, pageHrefs);
    return {
      fileName: fileNameOf(i),
      title: bindSpaces(chapter.title),
      body: rendered.body,
      notes: rendered.notes,
      notesLabel: text.notes,
    };
  });
  const fileOf = (i: number) => chapters[i].fileName;
  // the generated pages come first in play order, then the book's own headings
  const counter = { n: 2 };
  const bookNav = toNav(book.toc, fileOf, counter);
  const nav: NavItem[] = [
    { href: 'titlepage.xhtml', text: text.titlePage, children: [], playOrder: 1 },
    { href: 'imprint.xhtml', text: text.aboutThisEdition, children: [], playOrder: 2 },
    ...bookNav,
    { href: 'colophon.xhtml', text: text.colophon, children: [], playOrder: ++counter.n },
  ];
  const pages = book.chapters.flatMap((chapter, i) => chapter.pages.map((p) => ({ href: `${fileOf(i)}#${p.id}`, label: p.page })));
  const fonts = project.fonts.body.faces.map((f) => ({ fileName: basename(f.file), path: f.file, weight: f.weight, style: f.style }));

  const manifest: ManifestItem[] = [
    { id: 'cover-image', href: `images/${COVER_FILE}`, mediaType: 'image/jpeg', properties: 'cover-image' },
    { id: 'cover', href: 'cover.xhtml', mediaType: 'application/xhtml+xml' },
    { id: 'titlepage', href: 'titlepage.xhtml', mediaType: 'application/xhtml+xml' },
    { id: 'imprint', href: 'imprint.xhtml', mediaType: 'application/xhtml+xml' },
    { id: 'nav', href: 'nav.xhtml', mediaType: 'application/xhtml+xml', properties: 'nav' },
    ...chapters.map((c, i) => ({ id: `chapter-${i + 1}`, href: c.fileName, mediaType: 'application/xhtml+xml' })),
    { id: 'colophon', href: 'colophon.xhtml', mediaType: 'application/xhtml+xml' },
    { id: 'ncx', href: 'toc.ncx', mediaType: 'application/x-dtbncx+xml' },
    { id: 'css', href: 'style.css', mediaType: 'text/css' },
    ...fonts.map((f, i) => ({ id: `font-${i + 1}`, href: `fonts/${f.fileName}`, mediaType: f.fileName.endsWith('.otf') ? 'font/otf' : 'font/ttf' })),
    ...(book.images ?? []).map((image, i) => ({ id: `image-${i + 1}`, href: image.href, mediaType: image.mediaType })),
  ];
  const spine = [
    { idref: 'cover', linear: false },
    { idref: 'titlepage', linear: true },
    { idref: 'imprint', linear: true },
    { idref: 'nav', linear: true },
    ...chapters.map((_, i) => ({ idref: `chapter-${i + 1}`, linear: true })),
    { idref: 'colophon', linear: true },
  ];
  const hasPageList = pages.length > 0;
  const arabic = pages.map((p) => /^\d+/.exec(p.label)).map((m) => (m ? Number(m[0]) : 0));
  const ncxPages = {
    total: pages.length,
    max: Math.max(0, ...arabic),
    // play order after the navigation points (the colophon's is counter.n)
    targets: pages.map((p, i) => ({ href: p.href, label: p.label, type: arabic[i] > 0 ? ('normal' as const) : ('front' as const), value: arabic[i] > 0 ? arabic[i] : i + 1, playOrder: counter.n + 1 + i })),
  };
  return {
    lang: book.meta.language,
    apparatus,
    modified: options.modified ?? `${options.revision}T00:00:00Z`,
    creators: book.meta.creators.map((c, i) => ({ id: `creator-${i + 1}`, name: bindSpaces(c.name), fileAs: c.fileAs, role: MARC_ROLE[c.role] })),
    subjects: book.meta.subjects,
    chapters,
    nav,
    pages,
    landmarks: [
      { type: 'cover', href: 'cover.xhtml', text: text.cover },
      { type: 'titlepage', href: 'titlepage.xhtml', text: text.titlePage },
      { type: 'toc', href: 'nav.xhtml', text: text.contents },
      { type: 'bodymatter', href: chapters[0].fileName, text: text.startOfText },
      { type: 'colophon', href: 'colophon.xhtml', text: text.colophon },
    ],
    manifest,
    spine,
    fonts,
    fontFamily: project.fonts.body.family,
    hasPageList,
    ncxPages,
    // only what the book has: alternative text where it has images, page navigation where it records pages
    accessibilityFeatures: [
      'structuralNavigation',
      'tableOfContents',
      'readingOrder',
      'displayTransformability',
      ...((book.images ?? []).length > 0 ? ['alternativeText'] : []),
      ...(hasPageList ? ['pageBreakMarkers', 'pageNavigation'] : []),
    ],
    accessibilitySummary: accessibilitySummary(book, pages.length),
    accessibilitySummaryLang: strings.lang === 'en' ? undefined : 'en',
    series: book.meta.series && { name: bindSpaces(book.meta.series.name), position: book.meta.series.position === undefined ? undefined : String(book.meta.series.position) },
    firstChapterHref: chapters[0].fileName,
    depth: Math.max(1, depthOf(bookNav)),
  };
}
