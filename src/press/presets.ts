/**
 * Print-on-demand presets: what each printer asks of an interior and a cover, with where each figure comes
 * from. A preset is data; `resolvePress` lays galley.yaml's `press:` and then book.yaml's `press:` over it.
 *
 * Figures are from the printers' published file specifications as found on 2026-12-01 (the printers change
 * them; the preset names its source so that a reader can check it). Lengths are inches.
 */

export type PrinterId = 'kdp' | 'ingramspark';
export type PdfxVersion = 'X-1a' | 'X-3';
export type SpineDirection = 'top-to-bottom' | 'bottom-to-top';

export interface PaperChoice {
  /** spine thickness a page, in inches */
  spinePerPage: number;
  /** fewest and most pages the printer binds on this paper */
  minPages: number;
  maxPages: number;
  source: string;
}

/** The least inside margin (gutter) for a page count: `[up to pages, inches]`, in order. */
export type GutterTable = [number, number][];

export interface Preset {
  id: PrinterId;
  name: string;
  papers: Record<string, PaperChoice>;
  defaultPaper: string;
  /** the least inside margin by page count */
  gutter: GutterTable;
  /** the least top, bottom and outside margin of the text block */
  minMargin: number;
  /** nothing printed (running heads, folios included) closer than this to the trim */
  safety: number;
  /** cover bleed on each side of the sheet; the interior is set without bleed (text only) */
  bleed: number;
  /** cover: live text at least this far inside the trim and the spine folds */
  coverSafety: number;
  /** cover: the clear area for the barcode on the back, and its distance from the foot and the spine */
  barcode: { width: number; height: number; fromBottom: number; fromSpine: number };
  /** spine text only from this many pages (a thinner spine shifts text onto the boards) */
  spineTextMinPages: number;
  /** text on the spine keeps this far from each fold */
  spineFoldMargin: number;
  pdfx: PdfxVersion;
  /** keep the outline in the interior (links never stay: PDF/X allows no annotations on the page) */
  bookmarks: boolean;
  /** add a blank page at the end */
  blankFinalPage: boolean;
  sources: string[];
}

export const PRESETS: Record<PrinterId, Preset> = {
  kdp: {
    id: 'kdp',
    name: 'Amazon KDP paperback',
    papers: {
      // KDP's cover calculator and cover guide: white paper 0.002252 in a page, cream 0.0025 in a page;
      // black-and-white interiors bind 24–828 pages on white, 24–776 on cream (KDP "Print options", as
      // tabled at https://kdpprintcover.com/blog/kdp-vs-ingramspark-cover-specs)
      white: { spinePerPage: 0.002252, minPages: 24, maxPages: 828, source: 'https://pubscout.app/pages/glossary/spine-width' },
      cream: { spinePerPage: 0.0025, minPages: 24, maxPages: 776, source: 'https://pubscout.app/pages/glossary/spine-width' },
    },
    defaultPaper: 'cream',
    // KDP "Set Trim Size, Bleed, and Margins" (help topic GVBQ3CMEQW3W2VL6): inside margin by page count
    gutter: [
      [150, 0.375],
      [300, 0.5],
      [500, 0.625],
      [700, 0.75],
      [828, 0.875],
    ],
    // same page: outside, top and bottom at least 0.25 in without bleed
    minMargin: 0.25,
    // IngramSpark's 0.5 in is the stricter of the two and costs a text page nothing: galley keeps running
    // heads and folios outside it for KDP too, so one interior suits both printers
    safety: 0.5,
    // KDP cover: 0.125 in bleed on every side; text 0.125 in inside the trim (KDP "Paperback cover")
    bleed: 0.125,
    coverSafety: 0.125,
    // KDP places a 2 × 1.2 in barcode in the lower right of the back, 0.25 in from the foot and the spine
    barcode: { width: 2, height: 1.2, fromBottom: 0.25, fromSpine: 0.25 },
    // KDP allows spine text from 80 pages ("more than 79 pages", quoted at
    // https://print.ymirtool.com/guides/kdp-spine-text-requirements/) and asks for 0.0625 in clear of each fold.
    // At 79 pages on white paper the spine is 0.178 in, leaving 0.053 in (under 4 pt) for type between the
    // folds; galley waits for 100 pages (0.225 in, 0.1 in of type: a 7 pt title), the old CreateSpace rule
    // ("no text on a spine for a book that's less than 101 pages", quoted at
    // https://thefastfingers.com/specification-requirements-for-a-createspace-book-cover/).
    spineTextMinPages: 100,
    spineFoldMargin: 0.0625,
    pdfx: 'X-1a',
    // KDP "Paperback Submission Guidelines" (G201857950): files should not contain bookmarks, comments or
    // annotations
    bookmarks: false,
    blankFinalPage: false,
    sources: [
      'https://kdp.amazon.com/en_US/help/topic/G201857950',
      'https://kdp.amazon.com/en_US/help/topic/GVBQ3CMEQW3W2VL6',
      'https://kdp.amazon.com/en_US/help/topic/G201953020',
    ],
  },
  ingramspark: {
    id: 'ingramspark',
    name: 'IngramSpark / Lightning Source paperback (perfect bound)',
    papers: {
      // IngramSpark does not publish a per-page figure, only its cover template generator. Its stocks are
      // 50 lb white and 50 lb creme; the pages-per-inch figures quoted from the generator are 440 (white)
      // and 430 (creme) (erelisdesign.com, "Book Spine Width Explained", 2025). Both printers allow a
      // 1/16 in variance at the spine, so these agree with the generator within the binding tolerance;
      // `press: spine-per-page:` in galley.yaml overrides them with the generator's figure for a book.
      // The least page count is IngramSpark's (18 pages, any binding: https://selfpublish.org/html/ingramSparkFAQ);
      // the most (1,200) is not verified for every trim: the template generator has the last word.
      white: { spinePerPage: 1 / 440, minPages: 18, maxPages: 1200, source: 'https://www.erelisdesign.com/post/book-spine-width-explained' },
      creme: { spinePerPage: 1 / 430, minPages: 18, maxPages: 1200, source: 'https://www.erelisdesign.com/post/book-spine-width-explained' },
    },
    defaultPaper: 'creme',
    // IngramSpark "File Requirements for Print Books": margins at least 0.5 in from the trim on all sides,
    // page numbers included (a 1/16 in shift is allowed in production)
    gutter: [[1200, 0.5]],
    minMargin: 0.5,
    safety: 0.5,
    bleed: 0.125,
    // Lightning Source "Manufacturing and File Setup Tips": cover art at least 0.25 in from the trim
    coverSafety: 0.25,
    barcode: { width: 2, height: 1.2, fromBottom: 0.25, fromSpine: 0.25 },
    // Lightning Source: perfect-bound books under 48 pages cannot have text on the spine; text on spines
    // narrower than 0.35 in may shift ("Guide for Acceptable Variations in Production"): galley waits for
    // 0.35 in, 151 pages on creme
    spineTextMinPages: 151,
    spineFoldMargin: 0.0625,
    // Lightning Source: "Always use the default setting PDF/X-1a:2001"
    pdfx: 'X-1a',
    bookmarks: true,
    // IngramSpark: "The final page should be blank. If there is no blank page, we'll add one for you."
    blankFinalPage: true,
    sources: [
      'https://www.ingramspark.com/blog/file-requirements-for-print-books',
      'https://help.lightningsource.com/hc/en-us/articles/217020566-Manufacturing-and-File-Setup-Tips',
      'https://help.lightningsource.com/hc/en-us/articles/5293923433229-Guide-for-Acceptable-Variations-in-Production',
    ],
  },
};

/** galley.yaml or book.yaml `press:`, as written (lengths as strings like "0.125in"). */
export interface RawPress {
  printer?: PrinterId;
  paper?: string;
  bleed?: string;
  safety?: string;
  pdfx?: PdfxVersion;
  bookmarks?: boolean;
  'blank-final-page'?: boolean;
  /** blank pages at the end up to the printer's least page count (a pamphlet bound as a short book) */
  'pad-to-minimum'?: boolean;
  'spine-per-page'?: number;
  'spine-text-min-pages'?: number;
  'spine-direction'?: SpineDirection;
  cover?: { background?: string; ink?: string; accent?: string };
}

export interface CoverColours {
  background: string;
  ink: string;
  accent: string;
}

/** Everything the press outputs need, resolved: the preset with the config laid over it. */
export interface PressSettings {
  printer: PrinterId;
  printerName: string;
  paper: string;
  spinePerPage: number;
  minPages: number;
  maxPages: number;
  gutter: GutterTable;
  minMargin: number;
  safety: number;
  bleed: number;
  coverSafety: number;
  barcode: Preset['barcode'];
  spineTextMinPages: number;
  spineFoldMargin: number;
  spineDirection: SpineDirection;
  pdfx: PdfxVersion;
  bookmarks: boolean;
  blankFinalPage: boolean;
  padToMinimum: boolean;
  colours: CoverColours;
}

/** The EPUB cover's palette (render/shared/make-cover.ts), so that both editions look alike. */
export const DEFAULT_COVER_COLOURS: CoverColours = { background: '#6e1d1d', ink: '#f3e9d2', accent: '#c9a96a' };

const UNIT_INCHES: Record<string, number> = { in: 1, mm: 1 / 25.4, cm: 1 / 2.54, pt: 1 / 72 };

/** "0.125in", "3mm", "9pt" → inches. */
export function toInches(length: string): number {
  const m = /^(\d+(?:\.\d+)?)(in|mm|cm|pt)$/.exec(length.trim());
  if (!m) throw new Error(`not a length: ${length}`);
  return Number(m[1]) * UNIT_INCHES[m[2]];
}

export class PressConfigError extends Error {}

/**
 * The preset named by the book's (else the project's) `printer` (KDP when neither names one), with the
 * project's and then the book's settings over it.
 */
export function resolvePress(project: RawPress | undefined, book: RawPress | undefined, language = 'en'): PressSettings {
  const merged: RawPress = { ...project, ...book, cover: { ...project?.cover, ...book?.cover } };
  const preset = PRESETS[merged.printer ?? 'kdp'];
  const paperName = merged.paper ?? preset.defaultPaper;
  const paper = preset.papers[paperName];
  if (!paper) {
    throw new PressConfigError(`${preset.name} has no paper "${paperName}" (choices: ${Object.keys(preset.papers).join(', ')})`);
  }
  return {
    printer: preset.id,
    printerName: preset.name,
    paper: paperName,
    spinePerPage: merged['spine-per-page'] ?? paper.spinePerPage,
    minPages: paper.minPages,
    maxPages: paper.maxPages,
    gutter: preset.gutter,
    minMargin: preset.minMargin,
    safety: merged.safety ? toInches(merged.safety) : preset.safety,
    bleed: merged.bleed ? toInches(merged.bleed) : preset.bleed,
    coverSafety: preset.coverSafety,
    barcode: preset.barcode,
    spineTextMinPages: merged['spine-text-min-pages'] ?? preset.spineTextMinPages,
    spineFoldMargin: preset.spineFoldMargin,
    // English-language (and most of the world's) spines read from the top down; German, French and other
    // continental European spines read from the foot up
    spineDirection: merged['spine-direction'] ?? (/^(de|fr|it|es|nl|sv|da|no|nb|nn|fi|pl|cs|ru|pt)\b/.test(language) ? 'bottom-to-top' : 'top-to-bottom'),
    pdfx: merged.pdfx ?? preset.pdfx,
    bookmarks: merged.bookmarks ?? preset.bookmarks,
    blankFinalPage: merged['blank-final-page'] ?? preset.blankFinalPage,
    padToMinimum: merged['pad-to-minimum'] ?? false,
    colours: { ...DEFAULT_COVER_COLOURS, ...merged.cover },
  };
}

/** The least inside margin the printer asks for at this page count. */
export function minGutter(settings: Pick<PressSettings, 'gutter'>, pages: number): number {
  for (const [upTo, inches] of settings.gutter) if (pages <= upTo) return inches;
  return settings.gutter[settings.gutter.length - 1][1];
}

/** Undefined when the printer binds this many pages, else the reason it does not. */
export function refusePageCount(settings: PressSettings, pages: number): string | undefined {
  if (pages < settings.minPages) return `${settings.printerName} binds at least ${settings.minPages} pages on ${settings.paper} paper; the interior has ${pages}`;
  if (pages > settings.maxPages) return `${settings.printerName} binds at most ${settings.maxPages} pages on ${settings.paper} paper; the interior has ${pages}`;
  return undefined;
}
