/**
 * The print layouts of the import corpus. Each names its typesetter and says where the notes go (`foot` of the
 * page or `end` of the text), what the running heads and feet print (`heads`: slot → content, where a slot is
 * h/f (head/foot) + L/C/R, optionally + E/O for even/odd pages only; content `folio`, or text with {title},
 * {author}, {TITLE}, {AUTHOR}, FOLIO), and how paragraphs are set. The strings a layout prints in its heads
 * are recorded with each case (furniture.json) so the scorer can count the ones left in an imported body.
 */
export const layouts = {
  'latex-foot': {
    typesetter: 'pandoc+pdflatex',
    description: 'A5, twoside; footnotes at the page foot; verso head: folio left, TITLE centred; recto head: author centred, folio right; indented paragraphs',
    notes: 'foot',
    heads: { hLE: 'folio', hCE: '{TITLE}', hCO: '{author}', hRO: 'folio' },
    paragraphs: 'indented',
    twoside: true,
  },
  'latex-end': {
    typesetter: 'pandoc+pdflatex',
    description: 'A5, oneside; notes at the end; head: title centred in the same case; folio at the foot centre; spaced paragraphs; letter-spaced emphasis',
    notes: 'end',
    heads: { hC: '{title}', fC: 'folio' },
    paragraphs: 'spaced',
    spacedEmphasis: true,
  },
  'weasy-foot': {
    typesetter: 'weasyprint',
    description: 'A5; CSS footnotes at the page foot; verso head: folio left, author right; recto head: chapter title centred, folio right; indented paragraphs',
    notes: 'foot',
    heads: { hLE: 'folio', hRE: '{AUTHOR}', hCO: '{chapter}', hRO: 'folio' },
    paragraphs: 'indented',
  },
  'weasy-end': {
    typesetter: 'weasyprint',
    description: 'A5; notes at the end; head: "AUTHOR · TITLE" centred, folio top right; spaced paragraphs; letter-spaced emphasis and chapter titles',
    notes: 'end',
    heads: { hC: '{author} · {title}', hR: 'folio' },
    paragraphs: 'spaced',
    spacedEmphasis: true,
    spacedHeadings: true,
  },
  'groff-foot': {
    typesetter: 'groff -ms',
    description: 'A4, a 4.6 in measure; footnotes at the page foot (.FS); head: title left, "Page FOLIO" right; indented paragraphs',
    notes: 'foot',
    heads: { hL: '{title}', hR: 'Page FOLIO' },
    paragraphs: 'indented',
  },
  'groff-end': {
    typesetter: 'groff -ms',
    description: 'notes at the end; head: AUTHOR centred; folio at the foot centre as "- FOLIO -"; spaced paragraphs',
    notes: 'end',
    heads: { hC: '{AUTHOR}', fC: '- FOLIO -' },
    paragraphs: 'spaced',
  },
};

/** The two layouts of the i-th text: always two different typesetters, notes at the foot in one of them. */
export const layoutPairs = [
  ['latex-foot', 'weasy-end'],
  ['weasy-foot', 'groff-end'],
  ['groff-foot', 'latex-end'],
  ['latex-foot', 'groff-end'],
  ['weasy-foot', 'latex-end'],
  ['groff-foot', 'weasy-end'],
];
