/**
 * Book → the generated pages' data: title page, attribution ("about this edition": every source and credit,
 * the rights, honouring "please credit" requests) and colophon. Shared by the EPUB and print renderers so
 * both say the same thing.
 */
import type { ProjectConfig } from '../config/load-project.js';
import type { Book, Creator, Source } from '../model/types.js';
import { stringsFor, type ApparatusStrings } from '../i18n/index.js';
import { typesetText } from './typography/typeset.js';

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

/** The generated pages' labels in the book's language (i18n/<lang>.ts), and its sentences already made. */
export interface ApparatusText
  extends Pick<ApparatusStrings, 'titlePage' | 'contents' | 'aboutThisEdition' | 'colophon' | 'cover' | 'startOfText' | 'landmarks' | 'pageList' | 'notes' | 'sources' | 'rights'> {
  translatedBy?: string;
  editedBy?: string;
  publishedBy: string;
  coverAlt: string;
  /** the colophon's first sentence, split where the title stands (the template sets it in <cite>) */
  madeBy: { before: string; after: string };
  setIn: string;
  producedWith: string;
  revision: string;
  printColophon: string;
  printRevision: string;
}

export interface Apparatus {
  /** the primary language of the strings (en, fr, de, es, ru) */
  stringsLang: string;
  text: ApparatusText;
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
  /** book.yaml notes.about: which notes are whose, as the book marks them (one paragraph of About this edition) */
  notesAbout?: string;
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

export function joinNames(names: string[], and = 'and'): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`;
}

function namesWithRole(creators: Creator[], role: Creator['role']): string[] {
  return creators.filter((c) => c.role === role).map((c) => c.name);
}

const CREDIT_KEYS = ['written', 'published', 'translated', 'transcription', 'markup'] as const;

export function toSourceView(source: Source, strings: ApparatusStrings = stringsFor('en')): SourceView {
  const citation = [source.publisher, source.place, source.year].filter((x) => x !== undefined && x !== '').join(', ');
  return {
    title: source.title,
    citation: citation || undefined,
    url: source.url,
    credits: CREDIT_KEYS.filter((key) => source[key]).map((key) => ({ label: strings.credit[key], value: String(source[key]) })),
    rights: source.rights,
    creditLine: source.credit ? strings.sourceCredit(source.credit) : undefined,
  };
}

/**
 * The rights of an edition whose book.yaml states none: the press's statement, or this one, which claims only
 * what a producer can know, as Standard Ebooks' does (the public domain in the United States, and the
 * producer's own work dedicated to the public domain everywhere).
 */
export const DEFAULT_RIGHTS = stringsFor('en').defaultRights;

/** A book of works that appeared separately: more than one chapter with its own `::: source` line. */
export function isCollection(book: Book): boolean {
  return book.chapters.filter((c) => c.work.sources?.length || c.tokens.some((t) => t.type === 'container_source_open')).length > 1;
}

/** Every sentence of a language's strings through its typography rules (a no-op for English). */
function typesetStrings(strings: ApparatusStrings, language: string): ApparatusStrings {
  const t = (x: string) => typesetText(x, language);
  const wrap =
    <A extends unknown[]>(f: (...args: A) => string) =>
    (...args: A) =>
      t(f(...args));
  const out = { ...strings } as Record<string, unknown>;
  for (const [key, value] of Object.entries(strings)) {
    if (key === 'lang') continue;
    if (typeof value === 'string') out[key] = t(value);
    else if (typeof value === 'function') out[key] = wrap(value as (...args: unknown[]) => string);
  }
  out.credit = Object.fromEntries(Object.entries(strings.credit).map(([k, v]) => [k, t(v)]));
  return out as unknown as ApparatusStrings;
}

/** "1912-03" → { year: 1912, month: 3 } */
function dateParts(date: string): { year: number; month?: number; day?: number } {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month: month || undefined, day: day || undefined };
}

function publicationLine(book: Book, byline: string, strings: ApparatusStrings): string {
  const { meta } = book;
  const title = meta.subtitle ? `${meta.title}: ${meta.subtitle}` : meta.title;
  if (!meta.date) return strings.publishedLine(title, byline);
  const date = strings.datePhrase(dateParts(meta.date));
  if (!isCollection(book)) return strings.publishedLine(title, byline, date);
  const volumeYear = meta.sources.map((s) => s.year).find((y) => y !== undefined && String(y) !== meta.date!.slice(0, 4));
  return strings.collectionLine(title, byline, date, volumeYear === undefined ? undefined : String(volumeYear));
}

/** An ISO date of the original work ("1912-03") in words ("March 1912"). */
export function formatDate(date: string | undefined): string | undefined {
  if (!date) return undefined;
  const [y, m, d] = date.split('-').map(Number);
  if (!m) return String(y);
  const month = new Date(Date.UTC(2000, m - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' });
  return d ? `${month} ${d}, ${y}` : `${month} ${y}`;
}

function apparatusText(strings: ApparatusStrings, parts: { title: string; byline: string; translators: string[]; editors: string[]; project: ProjectConfig; tool: string; revision: string; identifier: string }): ApparatusText {
  const { imprint, fonts } = parts.project;
  const typeface = fonts.body.license ? `${fonts.body.family} (${fonts.body.license})` : fonts.body.family;
  const MARK = '\u0000';
  const [before, after = ''] = strings.colophonMadeBy(MARK, imprint.name).split(MARK);
  return {
    titlePage: strings.titlePage,
    contents: strings.contents,
    aboutThisEdition: strings.aboutThisEdition,
    colophon: strings.colophon,
    cover: strings.cover,
    startOfText: strings.startOfText,
    landmarks: strings.landmarks,
    pageList: strings.pageList,
    notes: strings.notes,
    sources: strings.sources,
    rights: strings.rights,
    translatedBy: parts.translators.length > 0 ? strings.translatedBy(parts.translators.join(', ')) : undefined,
    editedBy: parts.editors.length > 0 ? strings.editedBy(parts.editors.join(', ')) : undefined,
    publishedBy: strings.publishedBy(imprint.name, imprint.place),
    coverAlt: strings.coverAlt(parts.title, parts.byline),
    madeBy: { before, after },
    setIn: strings.colophonSetIn(typeface),
    producedWith: strings.colophonProducedWith(parts.tool),
    revision: strings.colophonRevision(parts.revision, parts.identifier),
    printColophon: strings.printColophon(typeface, parts.tool),
    printRevision: strings.printRevision(parts.revision),
  };
}

export function buildApparatus(book: Book, project: ProjectConfig, options: ApparatusOptions): Apparatus {
  const { meta } = book;
  // the translations are typed with plain spaces: the language's typography sets them (« Source : … »)
  const strings = typesetStrings(stringsFor(meta.language), meta.language);
  const authors = namesWithRole(meta.creators, 'author');
  const byline = joinNames(authors.length > 0 ? authors : meta.creators.map((c) => c.name), strings.and);
  const translators = namesWithRole(meta.creators, 'translator');
  const editors = namesWithRole(meta.creators, 'editor');
  const tool = `galley ${options.galleyVersion}`;
  return {
    stringsLang: strings.lang,
    text: apparatusText(strings, { title: meta.title, byline, translators, editors, project, tool, revision: options.revision, identifier: meta.identifier }),
    title: meta.title,
    subtitle: meta.subtitle,
    byline,
    publicationLine: publicationLine(book, byline, strings),
    notesAbout: meta.notes?.about === undefined ? undefined : typesetText(meta.notes.about, meta.language),
    transcribers: namesWithRole(meta.creators, 'transcriber'),
    series: meta.series,
    authors,
    translators,
    editors,
    originalDate: formatDate(meta.date),
    language: meta.language,
    identifier: meta.identifier,
    description: meta.description,
    rights: meta.rights ?? project.imprint.rights ?? strings.defaultRights,
    imprint: project.imprint,
    sources: meta.sources.map((s) => toSourceView(s, strings)),
    workSources: book.chapters
      .filter((c) => c.work.sources && c.work.sources.length > 0)
      .map((c) => ({ work: c.title, sources: (c.work.sources ?? []).map((s) => toSourceView(s, strings)) })),
    colophon: {
      typeface: project.fonts.body.family,
      typefaceLicense: project.fonts.body.license,
      tool,
      revision: options.revision,
      identifier: meta.identifier,
    },
  };
}
