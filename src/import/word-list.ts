/** The English word list (npm `an-array-of-english-words`, lower case), loaded once, for joins across breaks. */
import { createRequire } from 'node:module';

let words: Set<string> | undefined;

export function isEnglishWord(word: string): boolean {
  if (!words) {
    const require = createRequire(import.meta.url);
    words = new Set(require('an-array-of-english-words/index.json') as string[]);
  }
  return words.has(word.toLowerCase());
}
