/**
 * Numbers the page turns of a scanned volume that carry no printed number, from two kinds of anchor: the printed
 * page numbers, and the volume's notes, each of which names the page its reference stands on ("p. 51": the last
 * page turn before the reference is the turn to page 51). Anchors that agree with their neighbours by counting
 * (pages between them = turns between them) number every turn between them; an anchor that agrees with no
 * neighbour (a turn the scan lost, a note misplaced) numbers nothing. Turns left without a number are removed.
 */
import { REF_CLOSE, REF_OPEN } from '../../clean/types.js';
import type { ImportContext } from '../../types.js';

const TOKEN = new RegExp(`\\{\\{page ([^}]+)\\}\\}|${REF_OPEN}(\\d+)${REF_CLOSE}`, 'g');

/** `texts` in reading order; `pageOfNote` gives the page a note (by its REF id) names. */
export function resolvePageNumbers(texts: string[], pageOfNote: (id: number) => number | undefined, ctx: ImportContext): string[] {
  // the turns in order, with what is known of each
  const turns: { known?: number }[] = [];
  const votes = new Map<number, Map<number, number>>();
  for (const text of texts) {
    for (const m of text.matchAll(TOKEN)) {
      if (m[1] !== undefined) {
        turns.push(/^\d+$/.test(m[1]) ? { known: Number(m[1]) } : {});
        continue;
      }
      const page = pageOfNote(Number(m[2]));
      const turn = turns.length - 1;
      if (page === undefined || turn < 0) continue;
      const v = votes.get(turn) ?? new Map<number, number>();
      v.set(page, (v.get(page) ?? 0) + 1);
      votes.set(turn, v);
    }
  }
  // anchors: printed numbers, then the pages the notes name (a turn the notes disagree about is no anchor)
  const anchors = new Map<number, number>();
  turns.forEach((t, i) => {
    if (t.known !== undefined) anchors.set(i, t.known);
  });
  for (const [turn, v] of votes) {
    if (anchors.has(turn) || v.size !== 1) continue;
    anchors.set(turn, [...v.keys()][0]!);
  }
  // a note's anchor that agrees with neither neighbour is dropped, until every one left agrees with one
  const printed = new Set(turns.flatMap((t, i) => (t.known !== undefined ? [i] : [])));
  let sorted = [...anchors].sort((a, b) => a[0] - b[0]);
  const agree = (a?: [number, number], b?: [number, number]) => !!a && !!b && b[1] - a[1] === b[0] - a[0];
  // one at a time, so that a wrong anchor does not take its right neighbour with it
  for (;;) {
    const k = sorted.findIndex((a, i) => !printed.has(a[0]) && !agree(sorted[i - 1], a) && !agree(a, sorted[i + 1]));
    if (k < 0) break;
    // of two neighbours that both disagree, drop the one that also disagrees with the anchor beyond
    const next = sorted[k + 1];
    const dropNext = next && !printed.has(next[0]) && agree(sorted[k - 1], next) === false && agree(sorted[k], sorted[k + 2]);
    sorted.splice(dropNext ? k + 1 : k, 1);
  }
  const numbers: (number | undefined)[] = turns.map((t) => t.known);
  let filled = 0;
  for (let k = 0; k + 1 < sorted.length; k++) {
    const [i, p] = sorted[k]!;
    const [j, q] = sorted[k + 1]!;
    if (q - p !== j - i) continue;
    for (let t = i; t <= j; t++) {
      if (numbers[t] === undefined) filled++;
      numbers[t] = p + (t - i);
    }
  }
  const left = numbers.filter((n) => n === undefined).length;
  ctx.review({ rule: 'page-numbers', kind: 'fixed', message: `${filled} page turns numbered from the notes’ page references and the printed numbers`, count: filled });
  if (left) ctx.review({ rule: 'page-numbers', kind: 'doubt', message: `${left} of ${turns.length} page turns could not be numbered (no agreeing anchors around them): no marker` });
  let n = 0;
  return texts.map((text) =>
    text
      .replace(/\{\{page ([^}]+)\}\}/g, () => {
        const number = numbers[n++];
        return number === undefined ? '' : `{{page ${number}}}`;
      })
      .replace(/ {2,}/g, ' ')
      .trim(),
  );
}
