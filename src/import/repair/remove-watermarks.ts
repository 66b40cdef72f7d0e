import type { RepairItem, RepairRule } from './types.js';

/** The phrase's words, in capitals. */
function phraseWords(phrase: string): string[] {
  return phrase.toUpperCase().split(/\s+/).filter(Boolean);
}

/** The line is a run of consecutive words of a watermark phrase, set in capitals ("TO MAO", "COMMERCIAL"). */
function isWatermarkLine(text: string, phrases: string[][]): boolean {
  const words = text.trim().split(/\s+/);
  if (words.some((w) => w !== w.toUpperCase() || !/\p{L}/u.test(w))) return false;
  return phrases.some((p) => {
    for (let i = 0; i + words.length <= p.length; i++) {
      if (words.every((w, j) => p[i + j] === w)) return true;
    }
    return false;
  });
}

export const removeWatermarks: RepairRule = {
  id: 'remove-watermarks',
  description: 'Remove the words of a digitiser\'s watermark, on lines of their own or glued to a word.',
  example: '"NOT FOR" / "In JanuCOMMERCIAL" / "ary 1925" → "In Janu" / "ary 1925" (joined later as "January")',
  apply(items, { ctx, options }) {
    const phrases = options.watermarks.map(phraseWords);
    if (phrases.length === 0) return items;
    const gluedWords = [...new Set(phrases.flat().filter((w) => w.length >= 5))];
    const out: RepairItem[] = [];
    for (const item of items) {
      if (item.kind !== 'text') {
        out.push(item);
        continue;
      }
      if (isWatermarkLine(item.text, phrases)) {
        ctx.review({ rule: this.id, kind: 'fixed', line: item.line, message: `watermark "${item.text.trim()}" removed` });
        continue;
      }
      let text = item.text;
      for (const w of gluedWords) {
        const glued = new RegExp(`(\\p{Ll})${w}(?=\\s|$)`, 'u');
        if (glued.test(text)) {
          text = text.replace(glued, '$1');
          ctx.review({ rule: this.id, kind: 'fixed', line: item.line, message: `watermark word "${w}" glued to a word removed` });
        }
      }
      out.push(text === item.text ? item : { ...item, text });
    }
    return out;
  },
};
