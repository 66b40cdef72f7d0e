/** Heading case: "THE PARTY AND THE WORKING CLASS" → "The Party and the Working Class"; R.S.D.L.P., U.S.S.R., XIV kept. */

const SMALL_WORDS = new Set(
  'a an the and but or nor of in on at to by for with from as into upon over per via than that is are'.split(' '),
);

/** Mostly capitals: at least four letters, and no more than one in ten in lower case. */
export function isAllCaps(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  const lower = text.match(/\p{Ll}/gu) ?? [];
  return letters.length >= 4 && lower.length <= letters.length / 10;
}

function isRomanNumeral(word: string): boolean {
  return /^[IVXLC]+[.):]?$/.test(word) && /^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})[.):]?$/.test(word);
}

/** R.S.D.L.P., U.S.S.R., C.P.S.U.(B.): letters with periods. */
function isDottedAcronym(word: string): boolean {
  return /^(?:\p{Lu}\.){2,}(?:\(\p{Lu}\.\))?[,;:]?$/u.test(word);
}

function capitalise(word: string): string {
  return word
    .toLowerCase()
    .replace(/^([^\p{L}]*)(\p{L})/u, (_m, pre: string, ch: string) => pre + ch.toUpperCase())
    .replace(/-(\p{L})/gu, (_m, ch: string) => `-${ch.toUpperCase()}`);
}

/** Title Case for a heading set in capitals; other headings are returned unchanged. */
export function normalizeHeadingCase(text: string): string {
  if (!isAllCaps(text)) return text;
  const words = text.split(/\s+/).filter(Boolean);
  let startOfPhrase = true;
  return words
    .map((word) => {
      let out: string;
      const bare = word.toLowerCase().replace(/[^\p{L}]/gu, '');
      if (isRomanNumeral(word) || /^\d/.test(word)) {
        // "V. THE PARTY": the word after a numeral starts the phrase
        startOfPhrase = true;
        return word;
      }
      if (isDottedAcronym(word)) {
        // "OF THE R.S.D.L.P. AND": the period ends the acronym, not the phrase
        startOfPhrase = false;
        return word;
      }
      out = !startOfPhrase && SMALL_WORDS.has(bare) ? word.toLowerCase() : capitalise(word);
      startOfPhrase = /[:.!?—]$/.test(word);
      return out;
    })
    .join(' ');
}
