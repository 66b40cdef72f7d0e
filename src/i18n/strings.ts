/**
 * The words of the generated pages (title page, contents, "about this edition", colophon, cover, notes), one
 * file per language (en.ts, fr.ts…). The interface makes every language give every string: a language that
 * lacks one does not compile. Sentences with parts are functions, so each language orders them its own way.
 */
export interface DateParts {
  year: number;
  /** 1–12 */
  month?: number;
  day?: number;
}

export interface ApparatusStrings {
  /** the BCP 47 primary language these strings are written in */
  lang: string;
  titlePage: string;
  contents: string;
  aboutThisEdition: string;
  colophon: string;
  cover: string;
  startOfText: string;
  landmarks: string;
  pageList: string;
  notes: string;
  sources: string;
  rights: string;
  /** the last separator of a list of names: "A, B and C" */
  and: string;
  translatedBy: (names: string) => string;
  editedBy: (names: string) => string;
  publishedBy: (imprint: string, place?: string) => string;
  /** the alternative text of the cover image */
  coverAlt: (title: string, byline: string) => string;
  credit: { written: string; published: string; translated: string; transcription: string; markup: string };
  /** "Source: Marxists Internet Archive." (a "please credit" request honoured) */
  sourceCredit: (credit: string) => string;
  /** "in March 1912", "on April 12, 1912", "in 1924": a date as the complement of "was first published" */
  datePhrase: (date: DateParts) => string;
  /** "For the Party, by J. V. Stalin, was first published in March 1912." (date: a datePhrase) */
  publishedLine: (title: string, byline: string, date?: string) => string;
  /** a volume of works that appeared separately */
  collectionLine: (title: string, byline: string, date: string, volumeYear?: string) => string;
  /** the title is set in <cite> by the template: the sentence is split where the title stands */
  colophonMadeBy: (title: string, imprint: string) => string;
  colophonSetIn: (typeface: string) => string;
  colophonProducedWith: (tool: string) => string;
  colophonRevision: (revision: string, identifier: string) => string;
  /** the print imprint's short colophon: "Set in EB Garamond. Made with galley 0.1.0." */
  printColophon: (typeface: string, tool: string) => string;
  printRevision: (revision: string) => string;
  /** aria-label of a note's link back to its reference */
  backToNote: (note: number | string) => string;
  backToReference: (ref: number, note: number | string) => string;
  /** the default rights statement, scoped like Standard Ebooks' (public domain in the United States) */
  defaultRights: string;
  /**
   * A reference to a page of this same volume ("see this volume, pp. 246–73"), global, with two groups: the
   * words before the page number, and the first page number. Where the book carries the source's page
   * markers, the EPUB links the number to that page.
   */
  samePageReference: RegExp;
}

/** Month names through the platform's ICU data (Node ships full ICU), in the nominative. */
export function monthName(lang: string, month: number): string {
  return new Date(Date.UTC(2000, month - 1, 1)).toLocaleString(lang, { month: 'long', timeZone: 'UTC' });
}
