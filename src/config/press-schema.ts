/** JSON Schema of `press:` in galley.yaml and book.yaml: the printer, its paper, and overrides of its preset. */
const length = { type: 'string', pattern: '^\\d+(\\.\\d+)?(mm|in|pt|cm)$' } as const;
const colour = { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' } as const;

export const pressSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    printer: { enum: ['kdp', 'ingramspark'] },
    paper: { type: 'string', minLength: 1 },
    bleed: length,
    safety: length,
    pdfx: { enum: ['X-1a', 'X-3'] },
    bookmarks: { type: 'boolean' },
    'blank-final-page': { type: 'boolean' },
    'pad-to-minimum': { type: 'boolean' },
    'spine-per-page': { type: 'number', exclusiveMinimum: 0, maximum: 0.01 },
    'spine-text-min-pages': { type: 'integer', minimum: 1 },
    'spine-direction': { enum: ['top-to-bottom', 'bottom-to-top'] },
    cover: {
      type: 'object',
      additionalProperties: false,
      properties: { background: colour, ink: colour, accent: colour },
    },
  },
} as const;
