import { monthName, type ApparatusStrings } from './strings.js';

const month = (m: number) => monthName('de', m);

export const de: ApparatusStrings = {
  lang: 'de',
  titlePage: 'Titelseite',
  contents: 'Inhalt',
  aboutThisEdition: 'Über diese Ausgabe',
  colophon: 'Impressum',
  cover: 'Umschlag',
  startOfText: 'Textbeginn',
  landmarks: 'Orientierungspunkte',
  pageList: 'Seitenliste',
  notes: 'Anmerkungen',
  sources: 'Quellen',
  rights: 'Rechte',
  and: 'und',
  translatedBy: (names) => `Übersetzt von ${names}`,
  editedBy: (names) => `Herausgegeben von ${names}`,
  publishedBy: (imprint, place) => `Veröffentlicht von ${imprint}${place ? `, ${place}` : ''}.`,
  coverAlt: (title, byline) => `Umschlag: ${title}, von ${byline}`,
  credit: { written: 'Geschrieben', published: 'Erstveröffentlichung', translated: 'Übersetzt von', transcription: 'Transkription', markup: 'Auszeichnung' },
  sourceCredit: (credit) => `Quelle: ${credit}.`,
  datePhrase: ({ year, month: m, day }) => (day && m ? `am ${day}. ${month(m)} ${year}` : m ? `im ${month(m)} ${year}` : `${year}`),
  publishedLine: (title, byline, date) => (date ? `${title}, von ${byline}, erschien erstmals ${date}.` : `${title}, von ${byline}.`),
  collectionLine: (title, byline, date, volumeYear) =>
    `Die in ${title}, von ${byline}, gesammelten Werke erschienen erstmals ${date}${volumeYear ? `; der Band erschien erstmals ${volumeYear}` : ''}.`,
  colophonMadeBy: (title, imprint) => `Diese Ausgabe von ${title} wurde von ${imprint} hergestellt.`,
  colophonSetIn: (typeface) => `Der Text ist aus der ${typeface} gesetzt.`,
  colophonProducedWith: (tool) => `Sie wurde mit ${tool} aus den bereinigten Quellen der Ausgabe erzeugt.`,
  colophonRevision: (revision, identifier) => `Stand vom ${revision}. Kennung: ${identifier}.`,
  printColophon: (typeface, tool) => `Gesetzt aus der ${typeface}. Hergestellt mit ${tool}.`,
  printRevision: (revision) => `Stand vom ${revision}.`,
  backToNote: (n) => `Zurück zum Text der Anmerkung ${n}`,
  backToReference: (r, n) => `Zurück zum Verweis ${r} der Anmerkung ${n}`,
  defaultRights:
    'Der Quelltext dieses E-Books gilt in den Vereinigten Staaten als gemeinfrei, ist dort also frei von Urheberrechten. In anderen Ländern kann er noch urheberrechtlich geschützt sein: Leser außerhalb der Vereinigten Staaten sollten vor der Nutzung die Gesetze ihres Landes prüfen. Die Hersteller dieser Ausgabe stellen ihre eigenen Beiträge (Lektorat, Auszeichnung und Typografie) weltweit unter der CC0 1.0 Universal Public Domain Dedication gemeinfrei.',
  samePageReference: /(\b(?:dieses|diesem|diesen|vorliegenden|vorliegendem) Band(?:es)?,?\s+S\.\s?)(\d+)/g,
};
