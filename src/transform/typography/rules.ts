/**
 * Typography per language, applied at build to the text of every chapter and note (and to the apparatus):
 * the quotation marks each language uses and, in French, the narrow no-break spaces before ; : ! ? and
 * inside « ». A rule works on a block's text joined across its inline tokens, where MARK stands for a
 * token boundary (emphasis, a note call, a page marker) and BREAK for a line break: a rule may insert or drop
 * characters but never moves or removes a mark. English books have no rule here: their quotes are curled at
 * import and `galley lint` reports the straight ones.
 */
export const MARK = '\uE000';
export const BREAK = '\uE001';

const NNBSP = '\u202f';

export interface TypographyRule {
  id: string;
  description: string;
  /** [before, after] */
  example: [string, string];
  apply(text: string): string;
}

/** The characters after which a quotation mark opens (else it closes). */
const OPENS_AFTER = /[\s(\[{\u2014\u2013\uE001«„‚“‘-]/u;

/** The last character before `i` that is not a token mark. */
function previousChar(text: string, i: number): string | undefined {
  for (let j = i - 1; j >= 0; j--) if (text[j] !== MARK) return text[j];
  return undefined;
}

function nextChar(text: string, i: number): string | undefined {
  for (let j = i + 1; j < text.length; j++) if (text[j] !== MARK) return text[j];
  return undefined;
}

/**
 * Double quotation marks, English “…” or straight "…", → the language's pair. One pass, character by
 * character, because the German closing mark “ is the English opening one.
 */
function doubleQuotes(open: string, close: string): (text: string) => string {
  return (text) => {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '“') out += open;
      else if (c === '”') out += close;
      else if (c === '"') {
        const before = previousChar(text, i);
        out += before === undefined || OPENS_AFTER.test(before) ? open : close;
      } else out += c;
    }
    return out;
  };
}

/**
 * Single quotation marks ‘…’ → the language's inner pair. ‘ opens; while one is open, the next ’ that no
 * letter follows closes it. Every other ’ is an apostrophe (l’homme, Hans’ Buch) and stays.
 */
function singleQuotes(open: string, close: string): (text: string) => string {
  return (text) => {
    let depth = 0;
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '‘') {
        depth++;
        out += open;
      } else if (c === '’' && depth > 0 && !/\p{L}/u.test(nextChar(text, i) ?? '')) {
        depth--;
        out += close;
      } else out += c;
    }
    return out;
  };
}

/** A straight apostrophe between two letters (l'homme, qu'il, geht's) → ’, token marks allowed around it. */
const APOSTROPHE: TypographyRule = {
  id: 'apostrophes',
  description: "a straight apostrophe between letters is ’",
  example: ["l'homme qu'il voit", 'l’homme qu’il voit'],
  apply: (t) => t.replace(new RegExp(`(?<=\\p{L}${MARK}*)'(?=${MARK}*\\p{L})`, 'gu'), '’'),
};

const FR_PUNCTUATION_SPACE = new RegExp(
  // after a letter, digit, closing bracket or quote, or an ellipsis; a space there (plain or no-break) is replaced
  `(?<=[\\p{L}\\p{N}\\p{Pe}\\p{Pf}»…%*])(${MARK}*)[ \\u00a0\\u202f]?(${MARK}*)([;!?]|:(?=[\\s${BREAK}]|$))`,
  'gu',
);

export const RULES: Record<string, TypographyRule[]> = {
  fr: [
    APOSTROPHE,
    {
      id: 'fr-quotes',
      description: 'double quotation marks are guillemets',
      example: ['“Non”', '«Non»'],
      apply: doubleQuotes('«', '»'),
    },
    {
      id: 'fr-inner-quotes',
      description: 'quotation marks inside guillemets are English double ones',
      example: ['«Il dit ‘non’»', '«Il dit “non”»'],
      apply: singleQuotes('“', '”'),
    },
    {
      id: 'fr-guillemet-spaces',
      description: 'a narrow no-break space inside « »',
      example: ['«Non»', `«${NNBSP}Non${NNBSP}»`],
      apply: (t) => t.replace(new RegExp(`«(${MARK}*)[ \\u00a0\\u202f]?`, 'g'), `«${NNBSP}$1`).replace(new RegExp(`[ \\u00a0\\u202f]?(${MARK}*)»`, 'g'), `$1${NNBSP}»`),
    },
    {
      id: 'fr-punctuation-spaces',
      description: 'a narrow no-break space before ; : ! ? (the space typed before them replaced)',
      example: ['Quoi? Oui !', `Quoi${NNBSP}? Oui${NNBSP}!`],
      apply: (t) => t.replace(FR_PUNCTUATION_SPACE, `$1$2${NNBSP}$3`),
    },
  ],
  de: [
    APOSTROPHE,
    { id: 'de-quotes', description: 'double quotation marks are „…“', example: ['“Nein”', '„Nein“'], apply: doubleQuotes('„', '“') },
    { id: 'de-inner-quotes', description: 'single quotation marks are ‚…‘', example: ['„Er sagte ‘nein’“', '„Er sagte ‚nein‘“'], apply: singleQuotes('‚', '‘') },
  ],
  ru: [
    APOSTROPHE,
    { id: 'ru-quotes', description: 'double quotation marks are «ёлочки»', example: ['“Нет”', '«Нет»'], apply: doubleQuotes('«', '»') },
    { id: 'ru-inner-quotes', description: 'quotation marks inside « » are „лапки“', example: ['«Он сказал ‘нет’»', '«Он сказал „нет“»'], apply: singleQuotes('„', '“') },
  ],
  es: [
    APOSTROPHE,
    { id: 'es-quotes', description: 'double quotation marks are comillas angulares « »', example: ['“No”', '«No»'], apply: doubleQuotes('«', '»') },
    { id: 'es-inner-quotes', description: 'quotation marks inside « » are English double ones', example: ['«Dijo ‘no’»', '«Dijo “no”»'], apply: singleQuotes('“', '”') },
  ],
};
