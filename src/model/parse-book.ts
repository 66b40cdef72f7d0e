/**
 * Book files (already read) → Book. Pure: the command layer reads the folder (read-book.ts).
 */
import { GalleyError, type Diagnostics } from '../diagnostics.js';
import { bookSchema, workSchema } from '../config/book-schema.js';
import { validateYamlWithPositions, validatorFor } from '../config/validate-yaml.js';
import { checkLanguageTag } from '../config/language-tag.js';
import type { Book, BookMeta, Creator, Source } from './types.js';
import { parseChapter } from './parse-chapter.js';
import { markNotes } from '../transform/mark-notes.js';
import { buildToc } from '../transform/build-toc.js';
import { typesetText } from '../transform/typography/typeset.js';
import { TEMPLATE_IDS } from '../render/shared/markdown.js';

export interface BookFiles {
  slug: string;
  dir: string;
  /** path prefix for messages, e.g. `content/for-the-party` */
  displayDir: string;
  bookYaml: string;
  /** every *.md in the folder, name → text */
  markdown: Map<string, string>;
}

interface RawBook extends Omit<BookMeta, 'creators' | 'subjects'> {
  creators: { name: string; 'file-as'?: string; role: Creator['role'] }[];
  subjects?: string[];
}

/** A chapter's front matter against its schema; a chapter without front matter ({}, which the schema allows: tests/model/parse-book.test.ts) does not load ajv. */
function workProblem(work: object): { instancePath: string; message?: string } | undefined {
  if (Object.keys(work).length === 0) return undefined;
  const check = validatorFor(workSchema);
  return check(work) ? undefined : (check.errors?.[0] ?? { instancePath: '' });
}

export function parseBookMeta(text: string, displayPath: string): BookMeta {
  const { data: raw, locate } = validateYamlWithPositions<RawBook>(text, bookSchema, displayPath);
  const language = checkLanguageTag(raw.language);
  if (!language.ok) throw new GalleyError('language-invalid', `language: ${language.reason}`, { file: displayPath, ...locate('/language') });
  return {
    ...raw,
    // the registry's case: en-gb → en-GB
    language: language.tag,
    // the language's typography (French spaces, guillemets…), as the chapters get it
    title: typesetText(raw.title, language.tag),
    subtitle: raw.subtitle === undefined ? undefined : typesetText(raw.subtitle, language.tag),
    description: typesetText(raw.description, language.tag),
    creators: raw.creators.map((c) => ({ name: c.name, fileAs: c['file-as'], role: c.role })),
    subjects: raw.subjects ?? [],
    sources: raw.sources as Source[],
  };
}

export function parseBook(files: BookFiles, diagnostics: Diagnostics): Book {
  const meta = parseBookMeta(files.bookYaml, `${files.displayDir}/book.yaml`);
  const order = meta.files ?? [...files.markdown.keys()].sort();
  if (order.length === 0) {
    throw new GalleyError('book-empty', 'The book has no Markdown files', { file: `${files.displayDir}/` });
  }
  // the print page's own ids are taken: a heading named "Contents" is contents-2 there, not a second id
  const usedIds = new Set<string>(TEMPLATE_IDS);
  const chapters = order.map((file) => {
    const text = files.markdown.get(file);
    if (text === undefined) {
      throw new GalleyError('file-missing', `book.yaml lists ${file}, which does not exist`, { file: `${files.displayDir}/book.yaml` });
    }
    if (text.trim() === '') {
      diagnostics.warn('chapter-empty', `${file} is ${text.length === 0 ? 'empty (0 bytes)' : 'only white space'}: it would print as a blank page`, { file: `${files.displayDir}/${file}`, line: 1 });
    }
    const chapter = parseChapter({ file, displayPath: `${files.displayDir}/${file}`, text, language: meta.language, titles: meta.titles }, usedIds, diagnostics);
    const err = workProblem(chapter.work);
    if (err) {
      diagnostics.error('front-matter-invalid', `Front matter ${err?.instancePath || '/'} ${err?.message}`, {
        file: `${files.displayDir}/${file}`,
        line: 1,
      });
    }
    return chapter;
  });
  const listed = new Set(order);
  for (const file of files.markdown.keys()) {
    if (!listed.has(file)) diagnostics.warn('file-unlisted', `${file} is not in book.yaml files and will not be built`, { file: `${files.displayDir}/${file}` });
  }
  const slugs = new Set<string>();
  for (const c of chapters) {
    if (slugs.has(c.slug)) throw new GalleyError('chapter-duplicate', `Two chapter files give the name "${c.slug}"`, { file: `${files.displayDir}/${c.file}` });
    slugs.add(c.slug);
  }
  markNotes(chapters, meta.notes, files.displayDir, diagnostics);
  const book: Book = { slug: files.slug, dir: files.dir, meta, chapters, toc: [] };
  return { ...book, toc: buildToc(book) };
}
