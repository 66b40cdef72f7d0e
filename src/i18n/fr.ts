import { monthName, type ApparatusStrings } from './strings.js';

const month = (m: number) => monthName('fr', m);
/** « le 1er avril », « le 12 avril » */
const dayOf = (d: number) => (d === 1 ? '1er' : String(d));

export const fr: ApparatusStrings = {
  lang: 'fr',
  titlePage: 'Page de titre',
  contents: 'Table des matières',
  aboutThisEdition: 'À propos de cette édition',
  colophon: 'Colophon',
  cover: 'Couverture',
  startOfText: 'Début du texte',
  landmarks: 'Repères',
  pageList: 'Liste des pages',
  notes: 'Notes',
  sources: 'Sources',
  rights: 'Droits',
  and: 'et',
  translatedBy: (names) => `Traduit par ${names}`,
  editedBy: (names) => `Édité par ${names}`,
  publishedBy: (imprint, place) => `Publié par ${imprint}${place ? `, ${place}` : ''}.`,
  coverAlt: (title, byline) => `Couverture : ${title}, de ${byline}`,
  credit: { written: 'Écrit', published: 'Première publication', translated: 'Traduit par', transcription: 'Transcription', markup: 'Balisage' },
  sourceCredit: (credit) => `Source : ${credit}.`,
  datePhrase: ({ year, month: m, day }) => (day && m ? `le ${dayOf(day)} ${month(m)} ${year}` : m ? `en ${month(m)} ${year}` : `en ${year}`),
  publishedLine: (title, byline, date) => (date ? `${title}, de ${byline}, a paru pour la première fois ${date}.` : `${title}, de ${byline}.`),
  collectionLine: (title, byline, date, volumeYear) =>
    `Les œuvres réunies dans ${title}, de ${byline}, ont paru pour la première fois ${date}${volumeYear ? ` ; le volume a paru pour la première fois en ${volumeYear}` : ''}.`,
  colophonMadeBy: (title, imprint) => `Cette édition de ${title} a été réalisée par ${imprint}.`,
  colophonSetIn: (typeface) => `Le texte est composé en ${typeface}.`,
  colophonProducedWith: (tool) => `Elle a été produite avec ${tool} à partir des sources corrigées de l’édition.`,
  colophonRevision: (revision, identifier) => `Révision du ${revision}. Identifiant : ${identifier}.`,
  printColophon: (typeface, tool) => `Composé en ${typeface}. Réalisé avec ${tool}.`,
  printRevision: (revision) => `Révision du ${revision}.`,
  backToNote: (n) => `Retour au texte de la note ${n}`,
  backToReference: (r, n) => `Retour à l’appel ${r} de la note ${n}`,
  defaultRights:
    'Le texte source de ce livre numérique est réputé appartenir au domaine public aux États-Unis, c’est-à-dire y être libre de droits d’auteur. Il peut encore être protégé dans d’autres pays : les lecteurs hors des États-Unis doivent vérifier la loi de leur pays avant de l’utiliser. Les producteurs de cette édition versent leurs propres contributions (édition, balisage et typographie) au domaine public dans le monde entier sous la licence CC0 1.0 Universel.',
  samePageReference: /(\b(?:ce|le présent) volume,?\s+p\.\s?)(\d+)/g,
};
