/**
 * alignWords(a, b): a word-for-word alignment of two token sequences (ints), as an edit script of equal,
 * delete (only in a) and insert (only in b) runs. Long texts are cut at anchors — tokens that occur once
 * in each side, kept in order by a longest increasing subsequence (patience diff) — and the pieces between
 * anchors are aligned by a plain LCS table, so a book of 150,000 words aligns in well under a second and a
 * page printed twice still shows as one inserted run.
 */

export type EditKind = 'equal' | 'delete' | 'insert';

export interface EditRun {
  kind: EditKind;
  /** start in a (for insert: the position in a before which the run stands) */
  aStart: number;
  aEnd: number;
  /** start in b (for delete: the position in b before which the run was lost) */
  bStart: number;
  bEnd: number;
}

/** Largest LCS table computed directly (cells); bigger pieces without anchors fall back to rarer anchors. */
const MAX_TABLE = 16_000_000;

export function alignWords(a: ArrayLike<number>, b: ArrayLike<number>): EditRun[] {
  const ops: EditKind[] = [];
  alignRange(a, 0, a.length, b, 0, b.length, ops);
  return toRuns(ops);
}

function toRuns(ops: EditKind[]): EditRun[] {
  const runs: EditRun[] = [];
  let i = 0;
  let j = 0;
  for (const op of ops) {
    const last = runs[runs.length - 1];
    if (!last || last.kind !== op) runs.push({ kind: op, aStart: i, aEnd: i, bStart: j, bEnd: j });
    const run = runs[runs.length - 1];
    if (op !== 'insert') run.aEnd = ++i;
    if (op !== 'delete') run.bEnd = ++j;
  }
  return runs;
}

function alignRange(a: ArrayLike<number>, a0: number, a1: number, b: ArrayLike<number>, b0: number, b1: number, ops: EditKind[]): void {
  // common prefix and suffix
  let pre = 0;
  while (a0 + pre < a1 && b0 + pre < b1 && a[a0 + pre] === b[b0 + pre]) pre++;
  let suf = 0;
  while (a1 - suf > a0 + pre && b1 - suf > b0 + pre && a[a1 - suf - 1] === b[b1 - suf - 1]) suf++;
  for (let k = 0; k < pre; k++) ops.push('equal');
  const s0 = a0 + pre;
  const s1 = a1 - suf;
  const t0 = b0 + pre;
  const t1 = b1 - suf;
  if (s0 === s1) for (let k = t0; k < t1; k++) ops.push('insert');
  else if (t0 === t1) for (let k = s0; k < s1; k++) ops.push('delete');
  else {
    const anchors = findAnchors(a, s0, s1, b, t0, t1);
    if (anchors.length > 0) {
      let i = s0;
      let j = t0;
      for (const [ai, bj] of anchors) {
        alignRange(a, i, ai, b, j, bj, ops);
        ops.push('equal');
        i = ai + 1;
        j = bj + 1;
      }
      alignRange(a, i, s1, b, j, t1, ops);
    } else if ((s1 - s0) * (t1 - t0) <= MAX_TABLE) {
      lcsTable(a, s0, s1, b, t0, t1, ops);
    } else {
      // no anchor at all in a huge piece: nothing in common worth finding
      for (let k = s0; k < s1; k++) ops.push('delete');
      for (let k = t0; k < t1; k++) ops.push('insert');
    }
  }
  for (let k = 0; k < suf; k++) ops.push('equal');
}

/**
 * Tokens occurring exactly once on each side (or, failing that, equally rarely on both sides, up to 4 times,
 * matched in turn), kept in order by a longest increasing subsequence.
 */
function findAnchors(a: ArrayLike<number>, a0: number, a1: number, b: ArrayLike<number>, b0: number, b1: number): [number, number][] {
  if ((a1 - a0) * (b1 - b0) <= 40_000) return [];
  for (const limit of [1, 2, 4]) {
    const inA = new Map<number, number[]>();
    for (let i = a0; i < a1; i++) {
      const list = inA.get(a[i]);
      if (list) list.push(i);
      else inA.set(a[i], [i]);
    }
    const inB = new Map<number, number[]>();
    for (let j = b0; j < b1; j++) {
      const list = inB.get(b[j]);
      if (list) list.push(j);
      else inB.set(b[j], [j]);
    }
    const pairs: [number, number][] = [];
    for (const [token, as] of inA) {
      const bs = inB.get(token);
      if (!bs || as.length !== bs.length || as.length > limit) continue;
      as.forEach((ai, k) => pairs.push([ai, bs[k]]));
    }
    if (pairs.length === 0) continue;
    pairs.sort((x, y) => x[0] - y[0]);
    const lis = longestIncreasing(pairs);
    if (lis.length > 0) return lis;
  }
  return [];
}

/** Longest subsequence of pairs (sorted by first) whose second members increase. */
function longestIncreasing(pairs: [number, number][]): [number, number][] {
  const tails: number[] = [];
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    const v = pairs[k][1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][1] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1];
    tails[lo] = k;
  }
  const out: [number, number][] = [];
  for (let k = tails.length ? tails[tails.length - 1] : -1; k >= 0; k = prev[k]) out.push(pairs[k]);
  return out.reverse();
}

function lcsTable(a: ArrayLike<number>, a0: number, a1: number, b: ArrayLike<number>, b0: number, b1: number, ops: EditKind[]): void {
  const n = a1 - a0;
  const m = b1 - b0;
  const w = m + 1;
  const t = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      t[i * w + j] = a[a0 + i] === b[b0 + j] ? t[(i + 1) * w + j + 1] + 1 : Math.max(t[(i + 1) * w + j], t[i * w + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[a0 + i] === b[b0 + j]) {
      ops.push('equal');
      i++;
      j++;
    } else if (t[(i + 1) * w + j] >= t[i * w + j + 1]) {
      ops.push('delete');
      i++;
    } else {
      ops.push('insert');
      j++;
    }
  }
  for (; i < n; i++) ops.push('delete');
  for (; j < m; j++) ops.push('insert');
}
