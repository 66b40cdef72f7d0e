import type { RepairRule } from './types.js';
import type { Vocabulary } from './vocabulary.js';

/**
 * Two or three neighbouring pieces that are no words of the text but make one it uses (`fram ew ork,`,
 * `tha t`, `f o r`): a word the scan split where it spaced the letters unevenly.
 */
export function joinSplitPieces(text: string, vocabulary: Vocabulary): { text: string; joined: string[] } {
  const tokens = text.split(' ');
  const out: string[] = [];
  const joined: string[] = [];
  const letters = (t: string) => /^\p{L}+$/u.test(t);
  for (let i = 0; i < tokens.length; ) {
    let done = false;
    for (const n of [3, 2]) {
      const group = tokens.slice(i, i + n);
      if (group.length < n) continue;
      const last = group[n - 1]!;
      const tail = /[.,;:!?”’)]+$/u.exec(last)?.[0] ?? '';
      const head = /^[“‘(]+/u.exec(group[0]!)?.[0] ?? '';
      const parts = [group[0]!.slice(head.length), ...group.slice(1, -1), last.slice(0, last.length - tail.length)];
      if (n === 1) continue;
      if (!parts.every(letters)) continue;
      const word = parts.join('');
      // a piece counted once is counted from this very line
      const strangers = parts.filter((p) => vocabulary.count(p) <= 1 && !/^(?:a|I)$/u.test(p)).length;
      // `f o r`: letters spelled out one by one make a common word
      const spelled = parts.every((p) => p.length === 1) && vocabulary.count(word) >= 5;
      if ((strangers >= Math.ceil(n / 2) || spelled) && vocabulary.count(word) >= 2) {
        out.push(head + word + tail);
        joined.push(`${group.join(' ')} → ${head}${word}${tail}`);
        i += n;
        done = true;
        break;
      }
    }
    if (!done) {
      out.push(tokens[i]!);
      i++;
    }
  }
  return { text: out.join(' '), joined };
}

export const joinSplitWords: RepairRule = {
  id: 'join-split-words',
  description: 'Join the pieces of a word the scan split apart (no piece is a word of the text; together they are one).',
  example: '"the bourgeois fram ew ork, tha t powe r," → "the bourgeois framework, that power,"',
  apply(items, { ctx, vocabulary }) {
    return items.map((item) => {
      if (item.kind !== 'text') return item;
      const { text, joined } = joinSplitPieces(item.text, vocabulary);
      if (joined.length === 0) return item;
      ctx.review({ rule: this.id, kind: 'fixed', line: item.line, message: joined.join('; '), count: joined.length });
      return { ...item, text };
    });
  },
};
