import { monthName, type ApparatusStrings } from './strings.js';

const month = (m: number) => monthName('es', m);

export const es: ApparatusStrings = {
  lang: 'es',
  titlePage: 'Portada',
  contents: 'Índice',
  aboutThisEdition: 'Sobre esta edición',
  colophon: 'Colofón',
  cover: 'Cubierta',
  startOfText: 'Comienzo del texto',
  landmarks: 'Puntos de referencia',
  pageList: 'Lista de páginas',
  notes: 'Notas',
  sources: 'Fuentes',
  rights: 'Derechos',
  and: 'y',
  translatedBy: (names) => `Traducción de ${names}`,
  editedBy: (names) => `Edición de ${names}`,
  publishedBy: (imprint, place) => `Publicado por ${imprint}${place ? `, ${place}` : ''}.`,
  coverAlt: (title, byline) => `Cubierta: ${title}, de ${byline}`,
  credit: { written: 'Escrito', published: 'Primera publicación', translated: 'Traducción de', transcription: 'Transcripción', markup: 'Marcado' },
  sourceCredit: (credit) => `Fuente: ${credit}.`,
  datePhrase: ({ year, month: m, day }) => (day && m ? `el ${day} de ${month(m)} de ${year}` : m ? `en ${month(m)} de ${year}` : `en ${year}`),
  publishedLine: (title, byline, date) => (date ? `${title}, de ${byline}, se publicó por primera vez ${date}.` : `${title}, de ${byline}.`),
  collectionLine: (title, byline, date, volumeYear) =>
    `Las obras reunidas en ${title}, de ${byline}, se publicaron por primera vez ${date}${volumeYear ? `; el volumen se publicó por primera vez en ${volumeYear}` : ''}.`,
  colophonMadeBy: (title, imprint) => `Esta edición de ${title} fue realizada por ${imprint}.`,
  colophonSetIn: (typeface) => `El texto está compuesto en ${typeface}.`,
  colophonProducedWith: (tool) => `Se produjo con ${tool} a partir de las fuentes corregidas de la edición.`,
  colophonRevision: (revision, identifier) => `Revisión del ${revision}. Identificador: ${identifier}.`,
  printColophon: (typeface, tool) => `Compuesto en ${typeface}. Hecho con ${tool}.`,
  printRevision: (revision) => `Revisión del ${revision}.`,
  backToNote: (n) => `Volver al texto de la nota ${n}`,
  backToReference: (r, n) => `Volver a la llamada ${r} de la nota ${n}`,
  defaultRights:
    'Se considera que el texto original de este libro electrónico es de dominio público en los Estados Unidos, es decir, libre de derechos de autor allí. Puede seguir protegido por derechos de autor en otros países: los lectores fuera de los Estados Unidos deben consultar las leyes de su país antes de usarlo. Los productores de esta edición dedican sus propias contribuciones (edición, marcado y tipografía) al dominio público en todo el mundo bajo la dedicación CC0 1.0 Universal.',
  samePageReference: /(\b(?:este|el presente) (?:volumen|tomo),?\s+págs?\.\s?)(\d+)/g,
};
