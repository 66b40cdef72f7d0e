import type { ApparatusStrings } from './strings.js';

// the platform gives month names in the nominative ("март"); Russian dates need the genitive ("12 марта")
// and the prepositional ("в марте")
const GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const PREPOSITIONAL = ['январе', 'феврале', 'марте', 'апреле', 'мае', 'июне', 'июле', 'августе', 'сентябре', 'октябре', 'ноябре', 'декабре'];

export const ru: ApparatusStrings = {
  lang: 'ru',
  titlePage: 'Титульный лист',
  contents: 'Содержание',
  aboutThisEdition: 'Об этом издании',
  colophon: 'Выходные сведения',
  cover: 'Обложка',
  startOfText: 'Начало текста',
  landmarks: 'Ориентиры',
  pageList: 'Список страниц',
  notes: 'Примечания',
  sources: 'Источники',
  rights: 'Права',
  and: 'и',
  translatedBy: (names) => `Перевод: ${names}`,
  editedBy: (names) => `Редакция: ${names}`,
  publishedBy: (imprint, place) => `Издатель: ${imprint}${place ? `, ${place}` : ''}.`,
  coverAlt: (title, byline) => `Обложка: ${byline}, «${title}»`,
  credit: { written: 'Написано', published: 'Впервые опубликовано', translated: 'Перевод', transcription: 'Транскрипция', markup: 'Разметка' },
  sourceCredit: (credit) => `Источник: ${credit}.`,
  datePhrase: ({ year, month: m, day }) =>
    day && m ? `${day}\u00a0${GENITIVE[m - 1]} ${year}\u00a0г.` : m ? `в\u00a0${PREPOSITIONAL[m - 1]} ${year}\u00a0г.` : `в\u00a0${year}\u00a0г.`,
  publishedLine: (title, byline, date) => (date ? `${byline}, «${title}»: впервые опубликовано ${date}.` : `${byline}, «${title}».`),
  collectionLine: (title, byline, date, volumeYear) =>
    `Произведения, вошедшие в книгу «${title}» (${byline}), впервые опубликованы ${date}${volumeYear ? `; том впервые издан в\u00a0${volumeYear}\u00a0г.` : ''}.`,
  colophonMadeBy: (title, imprint) => `Это издание книги ${title} подготовлено издательством ${imprint}.`,
  colophonSetIn: (typeface) => `Текст набран шрифтом ${typeface}.`,
  colophonProducedWith: (tool) => `Издание создано с помощью ${tool} из выверенных исходных текстов.`,
  colophonRevision: (revision, identifier) => `Редакция от ${revision}. Идентификатор: ${identifier}.`,
  printColophon: (typeface, tool) => `Набрано шрифтом ${typeface}. Сделано с помощью ${tool}.`,
  printRevision: (revision) => `Редакция от ${revision}.`,
  backToNote: (n) => `Назад к тексту примечания ${n}`,
  backToReference: (r, n) => `Назад к ссылке ${r} примечания ${n}`,
  defaultRights:
    'Исходный текст этой электронной книги считается общественным достоянием в Соединённых Штатах, то есть свободным там от авторских прав. В других странах он может быть ещё защищён авторским правом: читателям за пределами Соединённых Штатов следует проверить законы своей страны, прежде чем использовать его. Создатели этого издания передают свой собственный вклад (редактуру, разметку и типографику) в общественное достояние во всём мире на условиях CC0 1.0 Universal.',
  samePageReference: /((?:настоящ|этот|этого|этом)[а-яё]*\s+том[а-яё]*,?\s+стр?\.\s?)(\d+)/giu,
};
