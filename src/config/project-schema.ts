import { pressSchema } from './press-schema.js';

/**
 * JSON Schema of galley.yaml, the settings all books of a project share. Every key has a `description` (the
 * documentation of the file, and what `galley init` writes as comments); `explain` says a pattern in words for
 * the error message ("a length such as 5.5in or 140mm").
 */
export const length = {
  type: 'string',
  pattern: '^\\d+(\\.\\d+)?(mm|in|pt|cm)$',
  explain: 'a length such as 5.5in, 140mm, 1.2cm or 10.5pt',
} as const;

export const fontFaceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['file'],
  description: 'one face (weight and style) of the font',
  properties: {
    weight: { type: 'integer', minimum: 100, maximum: 900, explain: 'a weight from 100 to 900, such as 400 (regular) or 700 (bold)', description: 'the weight of this face: 400 regular, 600 semibold, 700 bold' },
    style: { enum: ['normal', 'italic'], description: 'normal or italic' },
    package: { type: 'string', minLength: 1, explain: 'an npm package name such as @expo-google-fonts/eb-garamond', description: 'the npm package holding this face, when not the family\'s package' },
    file: {
      type: 'string',
      pattern: '\\.(ttf|otf|woff2?)$',
      explain: 'a font file ending in .ttf, .otf, .woff or .woff2',
      description: 'the font file: inside the package when one is named, else a path relative to the project',
    },
  },
} as const;

/** The print settings: in galley.yaml for every book, in a book's book.yaml (`print:`) for that book only. */
export const printSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'the printed book: trim size, margins, type size',
  properties: {
    width: { ...length, description: 'the trim width of the page' },
    height: { ...length, description: 'the trim height of the page' },
    margin: {
      type: 'object',
      additionalProperties: false,
      description: 'the page margins',
      properties: {
        top: { ...length, description: 'above the text (the running head sits in it)' },
        bottom: { ...length, description: 'below the text (the folio sits in it)' },
        inside: { ...length, description: 'the gutter side, by the binding' },
        outside: { ...length, description: 'the outer edge' },
      },
    },
    'font-size': { ...length, description: 'the size of the body text' },
    'line-height': { type: 'number', minimum: 1, maximum: 2, explain: 'a number from 1 to 2, such as 1.35', description: 'the line spacing, as a multiple of the font size' },
  },
} as const;

export const fontSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['family', 'faces'],
  description: 'the body typeface',
  properties: {
    family: { type: 'string', minLength: 1, description: 'the family name, as the CSS and the colophon give it' },
    license: { type: 'string', description: 'its license, printed in the colophon' },
    package: {
      type: 'string',
      minLength: 1,
      explain: 'an npm package name such as @expo-google-fonts/eb-garamond',
      description: 'the npm package holding the font files, looked for in the project, then among galley\'s own dependencies',
    },
    faces: { type: 'array', minItems: 1, items: fontFaceSchema, description: 'the faces used: regular, italic, semibold…' },
  },
} as const;

export const projectSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['imprint', 'print', 'fonts'],
  properties: {
    imprint: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      description: 'the press, named on the title page, the colophon and in the metadata',
      properties: {
        name: { type: 'string', minLength: 1, description: 'the name of the press' },
        place: { type: 'string', description: 'where it is' },
        url: { type: 'string', description: 'its web site' },
        rights: {
          type: 'string',
          minLength: 1,
          not: { pattern: '[Aa]ll rights reserved' },
          description: 'the press\'s rights statement, for every book whose book.yaml gives none (default: one scoped to the United States public domain, as Standard Ebooks scopes it)',
        },
      },
    },
    press: pressSchema,
    theme: {
      type: 'string',
      minLength: 1,
      pattern: '^(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$',
      explain: 'an npm package name such as galley-theme-plain or @mypress/galley-theme',
      description: 'an npm package whose templates/ and styles/ replace galley\'s files of the same names (the project\'s own templates/ and styles/ come first)',
    },
    cache: {
      type: 'object',
      additionalProperties: false,
      required: ['dir'],
      description: 'a build cache shared by several machines (CI runners): outputs stored by the hash of their inputs, so a book built by one is never built again by another',
      properties: {
        dir: { type: 'string', minLength: 1, description: 'the shared folder, relative to the project or absolute (GALLEY_CACHE_DIR overrides it)' },
      },
    },
    typeset: {
      type: 'object',
      additionalProperties: false,
      description: 'the typesetting of the print PDF',
      properties: {
        timeout: {
          type: 'number',
          exclusiveMinimum: 0,
          explain: 'a number of seconds such as 900',
          description: "the time limit to typeset one book's PDF, in seconds (default: 600 s, and 3 s a page beyond 200 pages); galley build --typeset-timeout overrides it",
        },
      },
    },
    print: { ...printSchema, required: ['width', 'height'] },
    fonts: {
      type: 'object',
      additionalProperties: false,
      required: ['body'],
      description: 'the typefaces of the books',
      properties: { body: fontSchema },
    },
  },
} as const;
