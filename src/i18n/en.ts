import { monthName, type ApparatusStrings } from './strings.js';

const month = (m: number) => monthName('en', m);

export const en: ApparatusStrings = {
  lang: 'en',
  titlePage: 'Title Page',
  contents: 'Contents',
  aboutThisEdition: 'About This Edition',
  colophon: 'Colophon',
  cover: 'Cover',
  startOfText: 'Start of Text',
  landmarks: 'Landmarks',
  pageList: 'Page List',
  notes: 'Notes',
  sources: 'Sources',
  rights: 'Rights',
  and: 'and',
  translatedBy: (names) => `Translated by ${names}`,
  editedBy: (names) => `Edited by ${names}`,
  publishedBy: (imprint, place) => `Published by ${imprint}${place ? `, ${place}` : ''}.`,
  coverAlt: (title, byline) => `Cover: ${title}, by ${byline}`,
  credit: { written: 'Written', published: 'First published', translated: 'Translated by', transcription: 'Transcription', markup: 'Markup' },
  sourceCredit: (credit) => `Source: ${credit}.`,
  datePhrase: ({ year, month: m, day }) => (day && m ? `on ${month(m)} ${day}, ${year}` : m ? `in ${month(m)} ${year}` : `in ${year}`),
  publishedLine: (title, byline, date) => (date ? `${title}, by ${byline}, was first published ${date}.` : `${title}, by ${byline}.`),
  collectionLine: (title, byline, date, volumeYear) =>
    `The works collected in ${title}, by ${byline}, were first published ${date}${volumeYear ? `; the volume was first published in ${volumeYear}` : ''}.`,
  colophonMadeBy: (title, imprint) => `This edition of ${title} was made by ${imprint}.`,
  colophonSetIn: (typeface) => `The text is set in ${typeface}.`,
  colophonProducedWith: (tool) => `It was produced with ${tool} from the edition’s cleaned sources.`,
  colophonRevision: (revision, identifier) => `Revision of ${revision}. Identifier: ${identifier}.`,
  printColophon: (typeface, tool) => `Set in ${typeface}. Made with ${tool}.`,
  printRevision: (revision) => `Revision of ${revision}.`,
  backToNote: (n) => `Back to the text of note ${n}`,
  backToReference: (r, n) => `Back to reference ${r} of note ${n}`,
  defaultRights:
    'The source text of this ebook is believed to be in the public domain in the United States, that is, free of copyright restrictions there. It may still be under copyright in other countries: readers outside the United States should check the laws of their country before using it. The producers of this edition dedicate their own contributions (editing, markup and typography) to the public domain worldwide under the CC0 1.0 Universal Public Domain Dedication.',
  samePageReference: /(\bthis volume,?\s+pp?\.\s?)(\d+)/g,
};
