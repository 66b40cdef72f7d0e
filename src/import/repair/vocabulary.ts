/**
 * The words a text uses, counted from its own unbroken lines, with an English word list behind them. Repairs ask
 * it whether "revolution" or "non-Party" is a word of this text before joining or keeping a hyphen.
 */
import { createRequire } from 'node:module';

let englishWords: Set<string> | undefined;

/** The word list of the npm package `an-array-of-english-words` (lower case), loaded once. */
export function loadEnglishWords(): Set<string> {
  if (!englishWords) {
    const require = createRequire(import.meta.url);
    englishWords = new Set(require('an-array-of-english-words/index.json') as string[]);
  }
  return englishWords;
}

export interface Vocabulary {
  /** how often the word occurs in the text as written (case-insensitive, hyphens kept) */
  count(word: string): number;
  /** the word occurs in the text or in the English word list */
  isWord(word: string): boolean;
  /** the word (lower case) is in the English word list */
  inWordList(word: string): boolean;
  /** how often a whitespace-separated token occurs exactly as written, punctuation included (`R.C.P.(B.),`) */
  tokenCount(token: string): number;
  /** how many words the text has in all */
  total: number;
  /** how many different hyphenated words of the text start with `part-` (`pre-war`, `pre-revolutionary`) */
  compoundsStarting(part: string): number;
  /** how many different hyphenated words of the text end with `-part` */
  compoundsEnding(part: string): number;
}

const WORD = /[\p{L}][\p{L}’'-]*[\p{L}]|[\p{L}]/gu;

/** Splits a line into words (letters, with inner hyphens and apostrophes). */
export function splitWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * Builds the vocabulary from lines of the text. A line's last word is skipped when it ends in a hyphen (it is the
 * half of a broken word), and the first word of a line that follows one.
 */
export function buildVocabulary(lines: string[], words: Set<string> = loadEnglishWords()): Vocabulary {
  const counts = new Map<string, number>();
  const tokens = new Map<string, number>();
  let afterBreak = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const parts = line.split(/\s+/);
    const broken = /\p{L}-$/u.test(line);
    const spaced = isLetterSpacedRun(parts);
    parts.forEach((part, i) => {
      if (spaced) return;
      if (i === 0 && afterBreak) return;
      if (i === parts.length - 1 && broken) return;
      tokens.set(part, (tokens.get(part) ?? 0) + 1);
      for (const w of splitWords(part)) {
        const k = w.toLowerCase();
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
    });
    afterBreak = broken;
  }
  const starts = new Map<string, Set<string>>();
  const ends = new Map<string, Set<string>>();
  for (const word of counts.keys()) {
    const parts = word.split('-');
    if (parts.length < 2) continue;
    for (let i = 1; i < parts.length; i++) {
      if (!starts.has(parts[i - 1]!)) starts.set(parts[i - 1]!, new Set());
      starts.get(parts[i - 1]!)!.add(word);
      if (!ends.has(parts[i]!)) ends.set(parts[i]!, new Set());
      ends.get(parts[i]!)!.add(word);
    }
  }
  let total = 0;
  for (const c of counts.values()) total += c;
  return {
    total,
    compoundsStarting: (part) => starts.get(part.toLowerCase())?.size ?? 0,
    compoundsEnding: (part) => ends.get(part.toLowerCase())?.size ?? 0,
    count: (word) => counts.get(word.toLowerCase()) ?? 0,
    inWordList: (word) => words.has(word.toLowerCase()),
    isWord: (word) => (counts.get(word.toLowerCase()) ?? 0) > 0 || words.has(word.toLowerCase()),
    tokenCount: (token) => tokens.get(token) ?? 0,
  };
}

/** Most tokens one or two characters long: the line is letter-spaced and its "words" are not words. */
function isLetterSpacedRun(parts: string[]): boolean {
  const short = parts.filter((p) => p.length <= 2).length;
  return parts.length >= 6 && short / parts.length > 0.7;
}
