/** JSON Schema of galley.yaml, the settings all books of a project share. */
import { pressSchema } from './press-schema.js';

const length = { type: 'string', pattern: '^\\d+(\\.\\d+)?(mm|in|pt|cm)$' } as const;

export const fontFaceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['file'],
  properties: {
    weight: { type: 'integer', minimum: 100, maximum: 900 },
    style: { enum: ['normal', 'italic'] },
    /** a path relative to the project, usually into node_modules */
    file: { type: 'string', pattern: '\\.(ttf|otf|woff2?)$' },
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
      properties: { name: { type: 'string', minLength: 1 }, place: { type: 'string' }, url: { type: 'string' } },
    },
    print: {
      type: 'object',
      additionalProperties: false,
      required: ['width', 'height'],
      properties: {
        width: length,
        height: length,
        margin: {
          type: 'object',
          additionalProperties: false,
          properties: { top: length, bottom: length, inside: length, outside: length },
        },
        'font-size': length,
        'line-height': { type: 'number', minimum: 1, maximum: 2 },
      },
    },
    press: pressSchema,
    fonts: {
      type: 'object',
      additionalProperties: false,
      required: ['body'],
      properties: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['family', 'faces'],
          properties: {
            family: { type: 'string', minLength: 1 },
            license: { type: 'string' },
            faces: { type: 'array', minItems: 1, items: fontFaceSchema },
          },
        },
      },
    },
  },
} as const;
