import type { RepairRule } from './types.js';
import type { Vocabulary } from './vocabulary.js';

/** Runs of at least this many short tokens are letter-spaced words. */
const MIN_RUN = 5;
const CLOSING = /^[.,;:!?”’)\]*]+$/u;
/** A letter that belongs to no known word. */
const UNPLACED_COST = 25;
const OPENING = /^[“‘(\[]+$/u;

/** A token of a letter-spaced run: one or two characters (`t`, `Tw`, `ff`, `R`, `.`, `P.`). */
function isSpacedToken(token: string): boolean {
  return token.length > 0 && token.length <= 2;
}

/**
 * Splits `s` (a run with its spaces removed) into the cheapest sequence of words of the text. The first and the last
 * piece may be a part of a word broken at the line's edge (`tarian`, `que` before a hyphen).
 */
export function segmentRun(s: string, vocabulary: Vocabulary): { pieces: string[]; unknown: number } {
  const n = s.length;
  const best: { cost: number; prev: number; unknown: number }[] = Array.from({ length: n + 1 }, () => ({
    cost: Infinity,
    prev: -1,
    unknown: 0,
  }));
  best[0] = { cost: 0, prev: -1, unknown: 0 };
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(best[i]!.cost)) continue;
    for (let j = i + 1; j <= Math.min(n, i + 24); j++) {
      const piece = s.slice(i, j);
      const atEdge = (i === 0 && /^\p{Ll}/u.test(s)) || (j === n - 1 && s[n - 1] === '-');
      const fragment =
        atEdge && /^\p{L}{2,}$/u.test(piece)
          ? Math.log(Math.max(vocabulary.total, 1000) / 0.05) + 2.5 * piece.length
          : Infinity;
      const cost = Math.min(pieceCost(piece, vocabulary), fragment);
      const unknown = cost >= UNPLACED_COST ? 1 : 0;
      if (best[i]!.cost + cost < best[j]!.cost) {
        best[j] = { cost: best[i]!.cost + cost, prev: i, unknown: best[i]!.unknown + unknown };
      }
    }
  }
  const pieces: string[] = [];
  for (let j = n; j > 0; j = best[j]!.prev) pieces.unshift(s.slice(best[j]!.prev, j));
  return { pieces, unknown: best[n]!.unknown };
}

/**
 * What a piece costs, as in unigram word segmentation: -log of its share of the text's words. A word the text uses
 * often is cheapest; a word only the word list knows is dear (short ones dearer: `anew` must not beat `a new`); a
 * letter nobody can place is dearest.
 */
function pieceCost(piece: string, vocabulary: Vocabulary): number {
  const n = Math.max(vocabulary.total, 1000);
  const share = (count: number) => Math.log(n / count);
  if (CLOSING.test(piece) || OPENING.test(piece) || /^[—–-]$/u.test(piece)) return 0.1;
  if (/^\d+$/u.test(piece)) return share(1);
  const possessive = /^(\p{L}+)[’']s$/u.exec(piece);
  if (possessive) return pieceCost(possessive[1]!, vocabulary) + 0.5;
  const tokens = vocabulary.tokenCount(piece);
  if (tokens > 0 && piece.length > 1) return share(tokens);
  if (/^\p{L}+$/u.test(piece)) {
    const count = vocabulary.count(piece);
    if (piece.length === 1) return /^[aAI]$/u.test(piece) && count > 0 ? share(count) : UNPLACED_COST;
    if (count > 0) return share(count);
    if (vocabulary.inWordList(piece)) return share(0.3) + (piece.length < 5 ? 3 : 0);
  }
  return piece.length === 1 ? UNPLACED_COST : Infinity;
}

/** Joins the pieces with spaces, attaching closing marks to the word before and opening marks to the word after. */
function joinPieces(pieces: string[]): string {
  let out = '';
  let glueNext = false;
  for (const p of pieces) {
    if (CLOSING.test(p) || /^[—–-]$/u.test(p)) {
      out += p;
      glueNext = /^[—–-]$/u.test(p);
      continue;
    }
    out += out && !glueNext ? ` ${p}` : p;
    glueNext = OPENING.test(p);
  }
  return out;
}

/**
 * Three or more pieces of one or two letters in a row are a word no list knows (`B uk h ar a`), not three words:
 * they are made one (and counted as a doubt).
 */
function mergeShortPieces(pieces: string[], vocabulary: Vocabulary): string[] {
  // a frequent short word (`of`, `to`) stands on its own; a letter or an odd pair joins the run
  const odd = (p: string) => /^\p{L}$/u.test(p) || (/^\p{L}{2}$/u.test(p) && vocabulary.count(p) < 20);
  const out: string[] = [];
  for (let i = 0; i < pieces.length; ) {
    let j = i;
    while (j < pieces.length && odd(pieces[j]!)) j++;
    if (j - i >= 3) {
      out.push(pieces.slice(i, j).join(''));
      i = j;
    } else {
      out.push(pieces[i]!);
      i++;
    }
  }
  return out;
}

/** Finds letter-spaced runs in a line and collapses each into words. */
export function collapseLine(text: string, vocabulary: Vocabulary, options: { minRun?: number } = {}): { text: string; unknown: number } {
  const minRun = options.minRun ?? MIN_RUN;
  const tokens = text.split(' ');
  const out: string[] = [];
  let unknown = 0;
  for (let i = 0; i < tokens.length; ) {
    let j = i;
    while (j < tokens.length && isSpacedToken(tokens[j]!)) j++;
    const letters = tokens.slice(i, j).filter((t) => /^\p{L}$/u.test(t)).length;
    // a shorter run counts only when it is letters alone (the last one may carry its stop)
    const lettersOnly = tokens.slice(i, j).every((t, k) => /^\p{L}$/u.test(t) || (k === j - i - 1 && /^\p{L}[.,;:!?”’)]$/u.test(t)));
    if ((j - i >= MIN_RUN || (j - i >= minRun && lettersOnly)) && letters >= (j - i) / 2) {
      // a word cut by the run's edge (`Thirt` + `e e n t h`, `memo` + `r y`) belongs to it; a whole word taken in
      // with it is split off again by the segmentation
      let start = i;
      let opening = '';
      const before = out.length > 0 ? /^([“‘(]?)(\p{L}+)$/u.exec(out[out.length - 1]!) : null;
      if (before) {
        start = i - 1;
        opening = before[1]!;
        out.pop();
      }
      let end = j;
      if (end < tokens.length && /^\p{L}{3,}[.,;:]?$/u.test(tokens[end]!)) end++;
      const seg = segmentRun(tokens.slice(start, end).join('').slice(opening.length), vocabulary);
      const pieces = mergeShortPieces(seg.pieces, vocabulary);
      unknown += seg.unknown + (pieces.length < seg.pieces.length ? 1 : 0);
      out.push(opening + joinPieces(pieces));
      i = end;
    } else {
      out.push(...tokens.slice(i, Math.max(j, i + 1)));
      i = Math.max(j, i + 1);
    }
  }
  return { text: out.join(' '), unknown };
}

export const collapseLetterSpacing: RepairRule = {
  id: 'collapse-letter-spacing',
  description: 'Collapse words spread letter by letter (justified lines, spaced-out heads) into words of the text.',
  example: '"o f t h e R . S . D . L . P ." → "of the R.S.D.L.P."; "J. V. S T A L I N" → "J. V. STALIN"',
  apply(items, { ctx, vocabulary }) {
    return items.map((item) => {
      if (item.kind !== 'text') return item;
      const { text, unknown } = collapseLine(item.text, vocabulary);
      if (text === item.text) return item;
      ctx.review({
        rule: this.id,
        kind: unknown > 0 ? 'doubt' : 'fixed',
        line: item.line,
        message: `letter-spaced "${item.text.slice(0, 60)}" → "${text.slice(0, 60)}"${unknown ? ` (${unknown} letters not placed in a known word)` : ''}`,
      });
      return { ...item, text };
    });
  },
};
