import { nextTextIndex } from './join-hyphen-breaks.js';
import type { RepairItem, RepairRule } from './types.js';
import type { Vocabulary } from './vocabulary.js';

/** The hyphenated spelling the text uses for a word that lost its hyphen: `workingclass` → `working-class`. */
export function findHyphenedForm(word: string, vocabulary: Vocabulary): string | undefined {
  if (word.length < 6) return undefined;
  const own = vocabulary.count(word);
  // a word of the word list keeps its spelling unless the text writes it with a hyphen three times as often
  const listed = vocabulary.inWordList(word);
  let best: { form: string; count: number } | undefined;
  for (let i = 2; i <= word.length - 2; i++) {
    const form = `${word.slice(0, i)}-${word.slice(i)}`;
    const count = vocabulary.count(form);
    const enough = listed ? count >= 3 && count >= 3 * own : count > own;
    if (enough && (!best || count > best.count)) best = { form, count };
  }
  return best?.form;
}

export const joinLostHyphens: RepairRule = {
  id: 'join-lost-hyphens',
  description:
    'Repair breaks whose hyphen was lost: halves on two lines that make a word together, and compounds glued together that the text elsewhere writes with a hyphen.',
  example: '"In Janu" / "ary 1925" → "In January" / "1925"; "workingclass" → "working-class" (doubt)',
  apply(items, { ctx, vocabulary }) {
    const out: RepairItem[] = items.slice();
    const glued = new Map<string, { form: string; line: number; times: number }>();
    for (let i = 0; i < out.length; i++) {
      const a = out[i]!;
      if (a.kind !== 'text') continue;
      // halves on two lines
      const k = nextTextIndex(out, i);
      const tail = /(\p{L}+)$/u.exec(a.text);
      if (k !== undefined && tail) {
        const b = out[k] as Extract<RepairItem, { kind: 'text' }>;
        const head = /^(\p{Ll}+)(\S*)\s*(.*)$/u.exec(b.text);
        const x = tail[1]!;
        // the first half is no word at all; the second is none the text uses elsewhere (the word list knows odd ones: `ary`)
        // (or the word list knows the first half as an odd word, `capi`, but the text uses the whole word often)
        const whole = x + (head?.[1] ?? '');
        const known = head && (vocabulary.count(whole) >= 3 || (!vocabulary.inWordList(x) && vocabulary.isWord(whole)));
        if (head && known && vocabulary.count(x) <= 1 && vocabulary.count(head[1]!) <= 1) {
          const emptied = head[3]! === '';
          out[i] = { ...a, text: a.text + head[1]! + head[2]!, runsOn: !emptied, ...(emptied ? { printed: b.printed } : {}) };
          out[k] = { ...b, text: head[3]! };
          ctx.review({ rule: this.id, kind: 'fixed', line: a.line, message: `"${x}" + "${head[1]}" → "${x}${head[1]}"` });
        }
      }
      // compounds glued together
      const current = out[i] as Extract<RepairItem, { kind: 'text' }>;
      const text = current.text.replace(/\p{L}{6,}/gu, (word) => {
        const form = findHyphenedForm(word, vocabulary);
        if (!form) return word;
        const matched = word === word.toLowerCase() ? form : form;
        const seen = glued.get(word);
        if (seen) seen.times++;
        else glued.set(word, { form: matched, line: current.line, times: 1 });
        return matched;
      });
      if (text !== current.text) out[i] = { ...current, text };
    }
    for (const [word, { form, line, times }] of glued) {
      ctx.review({
        rule: this.id,
        kind: 'doubt',
        line,
        message: `"${word}" → "${form}" (the text writes "${form}" elsewhere)${times > 1 ? `, ${times} times` : ''}`,
      });
    }
    return out.filter((it) => !(it.kind === 'text' && it.text === ''));
  },
};
