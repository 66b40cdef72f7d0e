/**
 * A web transcription of a printed book sometimes breaks a paragraph where the page turned: the rest stands as
 * a paragraph of its own that starts in lower case ("ship of the proletariat…", "ing up their social life…"),
 * often after the page's notes. Such a block is joined to the paragraph before it.
 */
import type { ImportContext, RawBlock } from '../../types.js';
import { isEnglishWord } from '../../word-list.js';

const RULE = 'join-page-breaks';

/** Starts in lower case, and is not a list item such as "a) to the non-Party masses" or "i.e." */
export function isContinuation(text: string): boolean {
  return /^\p{Ll}/u.test(text) && !/^\p{Ll}{1,4}[).]\s/u.test(text) && !/^\p{Ll}\.\p{Ll}\./u.test(text);
}

function segmentsOf(block: RawBlock): { offset: number; line: number }[] {
  return block.segments ?? [{ offset: 0, line: block.line }];
}

/** Join `next` to `prev` across a break: mends a word cut in two ("build-" + "ing", "dictator" + "ship"). */
export function joinAcrossBreak(prev: RawBlock, next: RawBlock, ctx: ImportContext): RawBlock {
  const head = prev.text.trimEnd();
  const tail = next.text.trimStart();
  const last = /(\p{L}+)(-?)$/u.exec(head);
  const first = /^\p{L}+/u.exec(tail);
  let glue = ' ';
  let cut = head.length;
  if (last && first) {
    const joined = last[1] + first[0];
    if (last[2] === '-') {
      // "build-" + "ing": drop the hyphen when the joined word is a word; keep it ("self-" + "contained") otherwise
      if (isEnglishWord(joined)) {
        cut = head.length - 1;
        glue = '';
        ctx.review({ rule: RULE, kind: 'fixed', line: next.line, message: `"${last[0]}" + "${first[0]}" joined as "${joined}"` });
      } else {
        glue = '';
        ctx.review({ rule: RULE, kind: 'doubt', line: next.line, message: `"${last[0]}" + "${first[0]}" joined keeping the hyphen` });
      }
    } else if (isEnglishWord(joined) && !(isEnglishWord(last[1]) && isEnglishWord(first[0]))) {
      glue = '';
      ctx.review({ rule: RULE, kind: 'fixed', line: next.line, message: `"${last[1]}" + "${first[0]}" joined as "${joined}"` });
    } else if (isEnglishWord(joined) && joined.length > 5) {
      glue = '';
      ctx.review({ rule: RULE, kind: 'doubt', line: next.line, message: `"${last[1]}" + "${first[0]}" closed up as "${joined}" (both are words too)` });
    }
  }
  const text = head.slice(0, cut) + glue + tail;
  const offset = cut + glue.length;
  ctx.review({ rule: RULE, kind: 'fixed', line: next.line, message: `paragraph continued from line ${prev.line} joined to it` });
  return { text, line: prev.line, segments: [...segmentsOf(prev), ...segmentsOf(next).map((s) => ({ offset: s.offset + offset, line: s.line }))] };
}
