/**
 * The typed model of a book, made by parse-book.ts from content/<slug>/ and consumed by the
 * transform and render stages. Markdown stays as markdown-it tokens, parsed once; each output format
 * renders the tokens with its own rules (footnotes differ most between EPUB and print).
 */
import type { RawPress } from '../press/presets.js';
import type { Token } from 'markdown-it';

export type CreatorRole = 'author' | 'translator' | 'editor' | 'transcriber';

export interface Creator {
  name: string;
  fileAs?: string;
  role: CreatorRole;
}

/** Where (part of) the edition came from, with the credits owed. */
export interface Source {
  title: string;
  publisher?: string;
  place?: string;
  year?: number | string;
  url?: string;
  written?: string;
  published?: string;
  translated?: string;
  transcription?: string;
  markup?: string;
  rights?: string;
  /** a "please credit X as your source" request, honoured on the attribution page */
  credit?: string;
}

export interface BookMeta {
  identifier: string;
  title: string;
  subtitle?: string;
  language: string;
  creators: Creator[];
  date?: string;
  description: string;
  subjects: string[];
  series?: { name: string; position?: number | string };
  /** `titles:`: books and periodicals the text names, set as <cite> wherever they appear (transform/cite-titles.ts) */
  titles?: string[];
  /** as book.yaml gives it; the apparatus falls back to the press's statement */
  rights?: string;
  sources: Source[];
  files?: string[];
  cover?: string;
  revision?: string;
  /** `press:`: this book's printer settings, over galley.yaml's */
  press?: RawPress;
  /** `notes:`: how notes are marked (transform/mark-notes.ts) */
  notes?: { numbers?: 'order' | 'source'; symbols?: Record<string, string>; about?: string };
}

export interface Heading {
  level: number;
  /** plain text, for navigation and running heads */
  text: string;
  /** unique in the whole book */
  id: string;
  /** 1-based line in the Markdown file */
  line: number;
}

export interface Note {
  /** the label in the source, `12` for `[^12]` */
  label: string;
  /** 1-based, in order of first reference within the chapter (ids are made from it) */
  number: number;
  /** what the reader sees at the call and before the note: its number, or as book.yaml notes: says (transform/mark-notes.ts) */
  mark: string;
  /** how many times it is referenced */
  refCount: number;
  /** block tokens of the note body */
  tokens: Token[];
}

export interface PageMarker {
  /** the original page number, as written in `{{page 6}}` */
  page: string;
  /** unique in the whole book */
  id: string;
}

/** Per-work metadata from optional YAML front matter at the top of a chapter file. */
export interface WorkMeta {
  sources?: Source[];
}

export interface Chapter {
  /** file name inside the book folder, e.g. `01-for-the-party.md` */
  file: string;
  /** stable, file-safe name derived from the file name, e.g. `for-the-party` */
  slug: string;
  /** plain text of the first heading, or the slug */
  title: string;
  work: WorkMeta;
  /** body tokens without the footnotes block */
  tokens: Token[];
  headings: Heading[];
  notes: Note[];
  pages: PageMarker[];
  /** the markdown-it environment of this chapter (footnote labels etc.) */
  env: ChapterEnv;
}

export interface ChapterEnv {
  /** the chapter's slug, used by renderers to make note ids unique in the book */
  chapterSlug: string;
  [key: string | symbol]: unknown;
}

export interface TocEntry {
  id: string;
  text: string;
  level: number;
  /** index into Book.chapters */
  chapter: number;
  children: TocEntry[];
}

export interface Book {
  /** folder name: content/<slug>/ */
  slug: string;
  /** absolute path of the book folder */
  dir: string;
  meta: BookMeta;
  chapters: Chapter[];
  /** built by transform/build-toc.ts */
  toc: TocEntry[];
  /** the local images the chapters show, resolved inside the project (paths/book-images.ts) */
  images?: BookImage[];
}

export interface BookImage {
  /** the address as written in the Markdown */
  src: string;
  /** real path of the file */
  path: string;
  /** its name inside the EPUB, e.g. images/1-map.png */
  href: string;
  mediaType: string;
  /** where the book first shows it, for messages: content/<book>/<chapter>.md and its line */
  file?: string;
  line?: number;
}
