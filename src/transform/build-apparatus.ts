/**
 * Book → the generated pages' data: title page, attribution ("about this edition": every source and credit,
 * the rights, honouring "please credit" requests) and colophon. Shared by the EPUB and print renderers so
 * both say the same thing.
 */
import type { ProjectConfig } from '../config/load-project.js';
import type { Book, Creator, Source } from '../model/types.js';

export interface Credit {
  label: string;
  value: string;
}

export interface SourceView {
  title: string;
  /** "Foreign Languages Publishing House, Moscow, 1954" */
  citation?: string;
  url?: string;
  credits: Credit[];
  rights?: string;
  /** "Please credit “Marxists Internet Archive” as your source." is honoured with this line */
  creditLine?: string;
}

export interface WorkSourcesView {
  work: string;
  sources: SourceView[];
}

export interface Apparatus {
  title: string;
  subtitle?: string;
  /** "J. V. Stalin" or "J. V. Stalin and V. I. Lenin" */
  byline: string;
  authors: string[];
  translators: string[];
  editors: string[];
  originalDate?: string;
  /** "For the Party, by J. V. Stalin, was first published in March 1912." — or, for a volume of works that
   *  appeared separately, when the works and when the volume were first published */
  publicationLine: string;
  transcribers: string[];
  series?: { name: string; position?: number | string };
  language: string;
  identifier: string;
  description: string;
  rights: string;
  imprint: { name: string; place?: string; url?: string };
  sources: SourceView[];
  workSources: WorkSourcesView[];
  colophon: {
    typeface: string;
    typefaceLicense?: string;
    tool: string;
    revision: string;
    identifier: string;
  };
}

export interface ApparatusOptions {
  galleyVersion: string;
  /** YYYY-MM-DD, resolved by the command layer (book.yaml, SOURCE_DATE_EPOCH or the content's last change) */
  revision: string;
}

export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function namesWithRole(creators: Creator[], role: Creator['role']): string[] {
  return creators.filter((c) => c.role === role).map((c) => c.name);
}

const CREDIT_LABELS: [keyof Source, string][] = [
  ['written', 'Written'],
  ['published', 'First published'],
  ['translated', 'Translated by'],
  ['transcription', 'Transcription'],
  ['markup', 'Markup'],
];

export function toSourceView(source: Source): SourceView {
  const citation = [source.publisher, source.place, source.year].filter((x) => x !== undefined && x !== '').join(', ');
  return {
    title: source.title,
    citation: citation || undefined,
    url: source.url,
    credits: CREDIT_LABELS.filter(([key]) => source[key]).map(([key, label]) => ({ label, value: String(source[key]) })),
    rights: source.rights,
    creditLine: source.credit ? `Source: ${source.credit}.` : undefined,
  };
}

/**
 * The rights of an edition whose book.yaml states none: the press's statement, or this one, which claims only
 * what a producer can know, as Standard Ebooks' does (the public domain in the United States, and the
 * producer's own work dedicated to the public domain everywhere).
 */
export const DEFAULT_RIGHTS =
  'The source text of this ebook is believed to be in the public domain in the United States, that is, free of copyright restrictions there. It may still be under copyright in other countries: readers outside the United States should check the laws of their country before using it. The producers of this edition dedicate their own contributions (editing, markup and typography) to the public domain worldwide under the CC0 1.0 Universal Public Domain Dedication.';

/** A book of works that appeared separately: more than one chapter with its own `::: source` line. */
export function isCollection(book: Book): boolean {
  return book.chapters.filter((c) => c.work.sources?.length || c.tokens.some((t) => t.type === 'container_source_open')).length > 1;
}

/** "in March 1912", "on April 12, 1912", "in 1924" */
function datePhrase(date: string): string {
  return `${date.split('-').length === 3 ? 'on' : 'in'} ${formatDate(date)}`;
}

function publicationLine(book: Book, byline: string): string {
  const { meta } = book;
  const title = meta.subtitle ? `${meta.title}: ${meta.subtitle}` : meta.title;
  if (!meta.date) return `${title}, by ${byline}.`;
  if (!isCollection(book)) return `${title}, by ${byline}, was first published ${datePhrase(meta.date)}.`;
  const volumeYear = meta.sources.map((s) => s.year).find((y) => y !== undefined && String(y) !== meta.date!.slice(0, 4));
  return `The works collected in ${title}, by ${byline}, were first published ${datePhrase(meta.date)}${volumeYear ? `; the volume was first published in ${volumeYear}` : ''}.`;
}

/** An ISO date of the original work ("1912-03") in words ("March 1912"). */
export function formatDate(date: string | undefined): string | undefined {
  if (!date) return undefined;
  const [y, m, d] = date.split('-').map(Number);
  if (!m) return String(y);
  const month = new Date(Date.UTC(2000, m - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' });
  return d ? `${month} ${d}, ${y}` : `${month} ${y}`;
}

export function buildApparatus(book: Book, project: ProjectConfig, options: ApparatusOptions): Apparatus {
  const { meta } = book;
  const authors = namesWithRole(meta.creators, 'author');
  const byline = joinNames(authors.length > 0 ? authors : meta.creators.map((c) => c.name));
  return {
    title: meta.title,
    subtitle: meta.subtitle,
    byline,
    publicationLine: publicationLine(book, byline),
    transcribers: namesWithRole(meta.creators, 'transcriber'),
    series: meta.series,
    authors,
    translators: namesWithRole(meta.creators, 'translator'),
    editors: namesWithRole(meta.creators, 'editor'),
    originalDate: formatDate(meta.date),
    language: meta.language,
    identifier: meta.identifier,
    description: meta.description,
    rights: meta.rights ?? project.imprint.rights ?? DEFAULT_RIGHTS,
    imprint: project.imprint,
    sources: meta.sources.map(toSourceView),
    workSources: book.chapters
      .filter((c) => c.work.sources && c.work.sources.length > 0)
      .map((c) => ({ work: c.title, sources: (c.work.sources ?? []).map(toSourceView) })),
    colophon: {
      typeface: project.fonts.body.family,
      typefaceLicense: project.fonts.body.license,
      tool: `galley ${options.galleyVersion}`,
      revision: options.revision,
      identifier: meta.identifier,
    },
  };
}
