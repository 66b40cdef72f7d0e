/** JSON Schema of content/<book>/book.yaml (docs/book-format.md). */
import { pressSchema } from './press-schema.js';

const text = { type: 'string', minLength: 1 } as const;

export const sourceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['title'],
  properties: {
    title: text,
    publisher: text,
    place: text,
    year: { type: ['integer', 'string'] },
    url: { type: 'string', pattern: '^https?://' },
    written: text,
    published: text,
    translated: text,
    transcription: text,
    markup: text,
    rights: text,
    credit: text,
  },
} as const;

export const bookSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['identifier', 'title', 'language', 'creators', 'description', 'rights', 'sources'],
  properties: {
    identifier: { type: 'string', pattern: '^(urn:uuid:[0-9a-f-]{36}|urn:isbn:[0-9X-]+|[A-Za-z][\\w.:/-]{7,})$' },
    title: text,
    subtitle: text,
    language: { type: 'string', pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' },
    creators: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'role'],
        properties: {
          name: text,
          'file-as': text,
          role: { enum: ['author', 'translator', 'editor'] },
        },
      },
    },
    date: { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' },
    description: text,
    subjects: { type: 'array', items: text },
    rights: { type: 'string', minLength: 1, not: { pattern: '[Aa]ll rights reserved' } },
    sources: { type: 'array', items: sourceSchema },
    files: { type: 'array', minItems: 1, items: { type: 'string', pattern: '\\.md$' } },
    cover: { type: 'string', pattern: '\\.(jpe?g|png)$' },
    revision: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
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
