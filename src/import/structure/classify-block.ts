/** What a block of a web or book text is: a credit line, an author line, a dateline, a heading, a source line… */
import { isAllCaps } from './heading-case.js';

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)';

/** "March 1912", "January 9, 1924", "Moscow, January 9, 1924", "April 12 (25), 1912", "9 January 1924", "1912". */
const DATELINE = new RegExp(
  `^(?:[A-Z][\\p{L}-]+(?: [A-Z][\\p{L}-]+)?,\\s+)?(?:(?:Early|Late|Mid|End of|Beginning of|Middle of)\\s+)?(?:\\d{1,2}(?:\\s*\\(\\d{1,2}\\))?\\s+)?${MONTH}(?:\\s+\\d{1,2}(?:\\s*\\(\\d{1,2}\\))?,?)?\\s+\\d{4}\\.?$|^\\d{4}$`,
  'u',
);

export function isDateline(text: string): boolean {
  return DATELINE.test(text.trim());
}

/** The fields of a web archive's credits header. */
export const CREDIT_FIELDS: { key: string; pattern: RegExp }[] = [
  { key: 'written', pattern: /^Written$/i },
  { key: 'published', pattern: /^(?:First )?Published$/i },
  { key: 'source', pattern: /^(?:Original )?Source$/i },
  { key: 'publisher', pattern: /^Publisher$/i },
  { key: 'translated', pattern: /^(?:Translated|Translation|Translated by)$/i },
  { key: 'transcription-markup', pattern: /^Transcription\s*[\\/]\s*(?:HTML\s*)?Mark-?up$/i },
  { key: 'transcription', pattern: /^(?:Transcription|Transcribed|Transcribed by)$/i },
  { key: 'markup', pattern: /^(?:HTML\s*)?Mark-?up$/i },
  { key: 'proofread', pattern: /^Proofread(?:ed)?$/i },
  { key: 'rights', pattern: /^(?:Public Domain|Copyleft|Copyright|License)$/i },
  { key: 'online', pattern: /^Online Version$/i },
  // the page's links to its other formats (`Other Formats: Text README`): site furniture, read and dropped
  { key: 'formats', pattern: /^Other Formats$/i },
];

/** "Source : Works, Vol. 2" → { key: 'source', value: 'Works, Vol. 2', label: 'Source' }. */
export function readCreditLine(text: string): { key: string; label: string; value: string } | undefined {
  const m = /^([A-Za-z][A-Za-z \\/-]{2,40}?)\s*:\s*(\S.*)$/.exec(text.trim());
  if (!m) return undefined;
  const field = CREDIT_FIELDS.find((f) => f.pattern.test(m[1].trim()));
  return field ? { key: field.key, label: m[1].trim(), value: m[2].trim() } : undefined;
}

/** "J. V. Stalin", "V. I. Lenin", "N. Lenin": initials and a name. */
export function isInitialsName(text: string): boolean {
  return /^(?:\p{Lu}\. ?){1,3}\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$/u.test(text.trim().replace(/\s+/g, ' '));
}

/** "Karl Marx", "Frederick Engels", "Rosa Luxemburg": names written out (a title can look the same). */
export function isFullName(text: string): boolean {
  const t = text.trim().replace(/\s+/g, ' ');
  return /^\p{Lu}\p{Ll}+(?: \p{Lu}\.)?(?: \p{Lu}\p{Ll}+){1,2}$/u.test(t) && !/^(?:The|A|An|On|To|For|In|Of|Our|Why|What|How|Against|Once|Two|Three)\b/.test(t);
}

/** A name standing alone: initials, or written out. */
export function isPersonName(text: string): boolean {
  return isInitialsName(text) || isFullName(text);
}

/** "Dear Comrade,", "Dear Comrades!", "My dear friend,". */
export function isSalutation(text: string): boolean {
  return text.length <= 60 && /^(?:My )?(?:[Dd]ear|Respected|Esteemed)\s[\p{L} .-]+[,:!]$/u.test(text.trim());
}

/** "Published in leaflet form in March 1912", "Pravda, No. 76, April 3, 1924": where a work was printed. */
export function isSourceLine(text: string): boolean {
  const t = text.trim();
  if (t.length > 200) return false;
  return (
    /^(?:First )?(?:Published|Printed|Reprinted)\b.*\d{4}\.?$/i.test(t) ||
    /^\p{Lu}[\p{L} -]{1,40}, Nos?\.\s*\d+(?:[-–]\d+)?,.*\d{4}\.?$/u.test(t)
  );
}

/** "The Central Committee of the R.S.D.L.P.", "N. Lenin", "K. M.": a signature at the end of a work. */
export function isSignature(text: string): boolean {
  const t = text.trim();
  if (t.length > 80 || t.split(/\s+/).length > 10 || /[!?;:,]$/.test(t)) return false;
  // "N. Lenin", or initials only ("K. M.") at the end of a letter
  if (isPersonName(t) || /^(?:\p{Lu}\. ?){2,4}$/u.test(t)) return true;
  // an organisation: "The … Committee …", ending in a dotted acronym or a capitalised word, no sentence inside
  const ends = /(?:\p{Lu}\.){2,}(?:\(\p{Lu}\.\))?$/u.test(t) || /\p{Lu}\p{Ll}+$/u.test(t);
  const sentence = /\p{Ll}[.!?]\s/u.test(t);
  const capitalised = t.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).length;
  return ends && !sentence && /\b(?:Committee|Bureau|Board|Council|Editors|Editorial|Group|Executive|Party)\b/.test(t) && capitalised >= 2;
}

/** "V. THE PARTY …", "1. REPORT ON …", "Chapter I.", "II": a heading with a number. */
export function isNumberedHeading(text: string): boolean {
  const t = text.trim();
  return (
    /^(?:Chapter|Part|Section|Book)\s+(?:[IVXLC]+|\d+|[A-Z][a-z]+)\b\.?(?:\s[^.!?]{1,100})?\.?$/i.test(t) ||
    /^[IVXLC]{1,7}\.?$/.test(t) ||
    (/^(?:[IVXLC]{1,7}|\d{1,2})\.\s+\S/.test(t) && (isAllCaps(t) || isTitleCase(t, 1)) && t.length <= 160)
  );
}

/** A heading that cannot be anything else: numbered, or a short line in capitals. */
export function isStrongHeading(text: string): boolean {
  const t = text.trim();
  return isNumberedHeading(t) || (isAllCaps(t) && t.length <= 120 && !/[,;]$/.test(t));
}

/** A heading inside the body: a strong one, or a subheading in Title Case. */
export function isBodyHeading(text: string): boolean {
  return isStrongHeading(text) || isTitleCaseHeading(text);
}

/**
 * "I. The Historical Roots of Leninism", "The Tasks of the Party": a short line in Title Case with no closing
 * punctuation (a web page's subheading), not a name or a date.
 */
export function isTitleCaseHeading(text: string): boolean {
  const t = text.trim();
  if (t.length > 100 || /[.,;:!?"”’)\]]$/.test(t) || !/^[\p{Lu}\d]/u.test(t) || isPersonName(t) || isDateline(t) || isSourceLine(t)) return false;
  return isTitleCase(t, 2);
}

/** Most words of four letters or more capitalised, at least `minWords` of them, nothing closing it like a sentence. */
function isTitleCase(text: string, minWords: number): boolean {
  if (/[.,;:!?"”’)\]]$/.test(text) || text.length > 100) return false;
  const words = text.replace(/^(?:[IVXLC]{1,7}|\d{1,2})\.\s+/, '').split(/\s+/).filter((w) => /\p{L}{4,}/u.test(w));
  return words.length >= minWords && words.filter((w) => /^["“‘(]?\p{Lu}/u.test(w)).length / words.length >= 0.75;
}

/**
 * Could be a title (`first`) or a subtitle or heading in the front matter: short, not a sentence of running
 * text. "For the Party 1", "A Letter to Huysmans, Secretary of the International Socialist Bureau[1]".
 */
export function isTitleLike(text: string, first = true): boolean {
  const t = text.trim();
  if (t.length > (first ? 200 : 120) || t.length === 0) return false;
  if (isAllCaps(t) || isNumberedHeading(t)) return true;
  const bare = t.replace(/\[[^\]]{1,4}\]$|\s\d{1,2}$/, '');
  // a sentence ends inside it, or it ends like one (a title may ask a question)
  if (/[.!?]["”’)]*\s+\S/.test(bare) || /[.,;:)]$/.test(bare) || (!first && /[!?]$/.test(bare))) return false;
  return bare.split(/\s+/).length <= 25 && /^[\p{Lu}\d]/u.test(bare);
}

/** "* * *", "***", "———": a section break standing alone. */
export function isSectionBreak(text: string): boolean {
  const t = text.trim();
  return /^(?:([*•·~—-])\s*){3,}$/.test(t) && new Set(t.replace(/\s/g, '')).size === 1;
}
