/**
 * JSON Schema of content/<book>/book.yaml (docs/book-format.md). Every key has a `description`; `explain`
 * says a pattern in words for the error message ("a language code such as en or en-GB").
 */
import { fontSchema, printSchema } from './project-schema.js';
import { pressSchema } from './press-schema.js';

const text = { type: 'string', minLength: 1, pattern: '\\S', explain: 'a text that is not empty (nor spaces alone)' } as const;
/** months 01–12 and days 01–31: `2024-13-45` is no date */
const DAY = '(0[1-9]|[12]\\d|3[01])';
const MONTH = '(0[1-9]|1[0-2])';

export const sourceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['title'],
  description: 'where the text comes from: an edition, a transcription',
  properties: {
    title: { ...text, description: 'the title of the source' },
    publisher: { ...text, description: 'who published it' },
    place: { ...text, description: 'where' },
    year: { type: ['integer', 'string'], explain: 'a year such as 1924', description: 'when' },
    url: { type: 'string', pattern: '^https?://', explain: 'a web address starting with http:// or https://', description: 'where it can be read' },
    written: { ...text, description: 'when and where the work was written' },
    published: { ...text, description: 'its first publication' },
    translated: { ...text, description: 'its translation' },
    transcription: { ...text, description: 'who transcribed it' },
    markup: { ...text, description: 'who marked it up' },
    rights: { ...text, description: 'its rights statement' },
    credit: { ...text, description: 'a credit line, printed as given' },
  },
} as const;

export const bookSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['identifier', 'title', 'language', 'creators', 'description', 'sources'],
  properties: {
    identifier: {
      type: 'string',
      pattern: '^(urn:uuid:[0-9a-f-]{36}|urn:isbn:[0-9X-]+|[A-Za-z][\\w.:/-]{7,})$',
      explain: 'an identifier such as urn:uuid:6f1c0a52-3b8e-4d0e-9a57-1c2d3e4f5a6b, urn:isbn:978-0-00-000000-0, or a name of 8 or more letters, digits and . : / -',
      description: 'the book\'s unique identifier, kept across editions (galley import makes a urn:uuid)',
    },
    title: { ...text, description: 'the title' },
    subtitle: { ...text, description: 'the subtitle' },
    // checked against the IANA registry after the schema (config/language-tag.ts), at this key's line
    language: { type: 'string', minLength: 1, explain: 'a language code such as en or en-GB', description: 'the language of the text (a BCP 47 tag the IANA registry knows)' },
    creators: {
      type: 'array',
      minItems: 1,
      description: 'the authors, translators and editors, in the order they are credited',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'role'],
        properties: {
          name: { ...text, description: 'the name as printed' },
          'file-as': { ...text, description: 'the name as sorted: "Lenin, V. I."' },
          role: { enum: ['author', 'translator', 'editor', 'transcriber'], description: 'author, translator, editor or transcriber (MARC aut, trl, edt, trc)' },
        },
      },
    },
    date: { type: 'string', pattern: `^\\d{4}(-${MONTH}(-${DAY})?)?$`, explain: 'a date such as 1924, 1924-05 or 1924-05-17', description: 'when the work (or the works of a volume) was first published' },
    description: { ...text, description: 'a paragraph about the book (the EPUB\'s description, the back cover)' },
    subjects: { type: 'array', items: text, description: 'subject headings' },
    titles: {
      type: 'array',
      items: text,
      description: 'books and periodicals the text names, set in italics (<cite>) wherever the running text names them, as whole words and case: [Pravda, Two Tactics]',
    },
    series: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      description: 'the series the book belongs to and its place in it: { name: Works, position: 6 }',
      properties: { name: text, position: { type: ['integer', 'string'] } },
    },
    notes: {
      type: 'object',
      additionalProperties: false,
      description: 'how the notes are marked: numbered in order per file (the default) or as the source prints them',
      properties: {
        numbers: {
          enum: ['order', 'source'],
          description: 'order: 1, 2, 3… in each file, by first reference; source: the number in each note\'s label, [^n45] → 45, as the printed volume numbers it',
        },
        symbols: {
          type: 'object',
          description: 'notes whose label begins with these letters are marked with a symbol, as the source prints them: { t: "*", a: "*" } ([^t1] → *)',
          propertyNames: { pattern: '^[A-Za-z]+$' },
          additionalProperties: { type: 'string', pattern: '^[*†‡§¶‖#]+$', explain: 'a note symbol such as * or †' },
        },
        about: { type: 'string', minLength: 1, description: 'a sentence for About this edition saying whose notes are which: "The notes marked * are the author’s; the numbered notes are the editors’."' },
      },
    },
    rights: { type: 'string', minLength: 1, not: { pattern: '[Aa]ll rights reserved' }, explain: 'a rights statement other than "All rights reserved" (these books are in the public domain)', description: 'the rights statement of this edition (default: galley.yaml imprint.rights, else one scoped to the United States public domain)' },
    sources: { type: 'array', items: sourceSchema, description: 'the editions and transcriptions the text comes from' },
    files: { type: 'array', minItems: 1, items: { type: 'string', pattern: '\\.md$', explain: 'a Markdown file name ending in .md' }, description: 'the chapter files in reading order (default: every .md file, sorted)' },
    cover: { type: 'string', pattern: '\\.(jpe?g|png)$', explain: 'an image file ending in .jpg, .jpeg or .png', description: 'a cover image in the book folder (default: one made from the cover template)' },
    revision: { type: 'string', pattern: `^\\d{4}-${MONTH}-${DAY}$`, explain: 'a date such as 2026-11-23', description: 'the date of this edition (default: the last commit that changed the book)' },
    print: { ...printSchema, description: 'print settings of this book only, over galley.yaml\'s print: (trim, margins, type size)' },
    fonts: {
      type: 'object',
      additionalProperties: false,
      description: 'typefaces of this book only, over galley.yaml\'s fonts:',
      properties: { body: fontSchema },
    },
    press: pressSchema,
  },
} as const;

/** Front matter of a chapter file (a work in a volume may carry its own sources). */
export const workSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    sources: { type: 'array', items: sourceSchema },
  },
} as const;
