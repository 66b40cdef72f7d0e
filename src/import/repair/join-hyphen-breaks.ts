import type { ImportContext } from '../types.js';
import type { RepairItem, RepairRule } from './types.js';
import type { Vocabulary } from './vocabulary.js';

export interface HyphenDecision {
  /** `join`: "revolu-" + "tion" → "revolution"; `keep`: "non-" + "Party" → "non-Party" */
  action: 'join' | 'keep';
  /** why, for the review */
  reason: string;
  doubt: boolean;
}

/**
 * Decides a line-end hyphen from the text's own vocabulary first (does the joined or the hyphenated form occur
 * elsewhere?), then the English word list, then the case of the next letter.
 */
export function decideHyphen(left: string, right: string, vocabulary: Vocabulary): HyphenDecision {
  const joined = left + right;
  const hyphened = `${left}-${right}`;
  const cj = vocabulary.count(joined);
  const ch = vocabulary.count(hyphened);
  if (cj > 0 && ch === 0) return { action: 'join', reason: `"${joined}" in text`, doubt: false };
  if (ch > 0 && cj === 0) return { action: 'keep', reason: `"${hyphened}" in text`, doubt: false };
  if (cj > 0 && ch > 0) {
    return {
      action: cj >= ch ? 'join' : 'keep',
      reason: `both in text ("${joined}" ×${cj}, "${hyphened}" ×${ch})`,
      doubt: true,
    };
  }
  if (/^\p{Lu}/u.test(right)) return { action: 'keep', reason: 'capital after the hyphen', doubt: true };
  // "pre-" + "war", "well-" + "being": the text makes other compounds with these halves and never writes them joined
  const compounds = vocabulary.compoundsStarting(left) + vocabulary.compoundsEnding(right);
  if (compounds > 0 && vocabulary.isWord(left) && vocabulary.count(right) > 0) {
    return {
      action: 'keep',
      reason: `the text makes ${compounds} other compound${compounds > 1 ? 's' : ''} with "${left}-" or "-${right}"`,
      doubt: true,
    };
  }
  // "extra-" + "parliamentary", "social-" + "chauvinism": both halves are words this text uses and it never writes
  // them joined: a compound
  if (vocabulary.count(left) > 0 && vocabulary.count(right) > 0 && left.length >= 2 && right.length >= 3) {
    return { action: 'keep', reason: `"${left}" and "${right}" are words of the text, "${joined}" is not`, doubt: true };
  }
  if (vocabulary.inWordList(joined)) return { action: 'join', reason: `"${joined}" in word list`, doubt: false };
  return { action: 'join', reason: `neither form known`, doubt: true };
}

/** Joins two halves of a word broken at a line end (`revolu-`, `tion.` → `revolution.`), deciding the hyphen. */
export function joinBrokenWord(
  left: string,
  right: string,
  vocabulary: Vocabulary,
): { text: string; decision?: HyphenDecision } {
  const l = /([\p{L}]+)-$/u.exec(left);
  const r = /^(\p{L}+)/u.exec(right);
  if (!l || !r) return { text: left + right };
  const decision = decideHyphen(l[1]!, r[1]!, vocabulary);
  return { text: decision.action === 'join' ? left.slice(0, -1) + right : left + right, decision };
}

/** Index of the next text item after `i`, skipping blanks, page turns and lifted notes. */
export function nextTextIndex(items: RepairItem[], i: number): number | undefined {
  for (let k = i + 1; k < items.length; k++) if (items[k]!.kind === 'text') return k;
  return undefined;
}

export function reviewHyphen(ctx: ImportContext, rule: string, line: number, left: string, right: string, d: HyphenDecision): void {
  const result = d.action === 'join' ? `"${left.slice(0, -1)}${right}"` : `"${left}${right}"`;
  ctx.review({ rule, kind: d.doubt ? 'doubt' : 'fixed', line, message: `"${left}" + "${right}" → ${result} (${d.reason})` });
}

export const joinHyphenBreaks: RepairRule = {
  id: 'join-hyphen-breaks',
  description: 'Join words broken with a hyphen at a line end, keeping real hyphens, across blank lines and page turns.',
  example: '"revolu-" / "tion of 1905" → "revolution" / "of 1905"; "non-" / "Party workers" → "non-Party" / "workers"',
  apply(items, { ctx, vocabulary }) {
    const out = items.slice();
    for (let i = 0; i < out.length; i++) {
      const a = out[i]!;
      if (a.kind !== 'text' || !/[^\s—–-]-$/u.test(a.text)) continue;
      const k = nextTextIndex(out, i);
      if (k === undefined) continue;
      const b = out[k] as Extract<RepairItem, { kind: 'text' }>;
      const m = /^(\S+)\s*(.*)$/u.exec(b.text.trim());
      if (!m) continue;
      const first = m[1]!;
      if (!/^[\p{Ll}\p{Lu}\d]/u.test(first)) continue;
      const left = /(\S+)$/u.exec(a.text)![1]!;
      const { text, decision } = joinBrokenWord(left, first, vocabulary);
      // the line now ends where the next one ended when nothing is left of that one
      const emptied = m[2]! === '';
      out[i] = {
        ...a,
        text: a.text.slice(0, a.text.length - left.length) + text,
        runsOn: !emptied,
        ...(emptied ? { printed: b.printed } : {}),
      };
      out[k] = { ...b, text: m[2]! };
      if (decision) reviewHyphen(ctx, this.id, a.line, left, first, decision);
      // a word does not straddle a paragraph break: blank lines between the halves were stray
      for (let j = i + 1; j < k; j++) if (out[j]!.kind === 'blank') out[j] = { kind: 'blank', line: -1 };
    }
    return out.filter((it) => !(it.kind === 'blank' && it.line === -1) && !(it.kind === 'text' && it.text === ''));
  },
};
