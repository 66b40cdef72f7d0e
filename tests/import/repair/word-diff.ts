/** Word-level diff (Myers' O(ND) algorithm) for comparing a repaired text with the text it came from. */

export interface DiffHunk {
  /** words only in `a` */
  removed: string[];
  /** words only in `b` */
  added: string[];
  /** index in `a` where the hunk starts */
  at: number;
  /** a few words of `a` before the hunk, for the reader */
  context: string;
}

/** Splits text into words for comparison: typography normalised, `{{page N}}` markers dropped. */
export function toWords(text: string): string[] {
  return text
    .replace(/\{\{page [^}]*\}\}/g, ' ')
    .replace(/[“”„«»]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[—–]/g, ' — ')
    .replace(/…/g, '...')
    .replace(/\u00a0/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/** The shortest edit script between two word sequences, as hunks of removed/added words. */
export function diffWords(a: string[], b: string[]): DiffHunk[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice(max - d, max + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1]! < v[max + k + 1]!) ? v[max + k + 1]! : v[max + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // walk back through the trace to recover the path
  const ops: ('=' | '-' | '+')[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    // trace[d] holds v before step d, stored from index -d
    const vd = trace[d]!;
    const at = (k: number) => vd[k + d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('=');
      x--;
      y--;
    }
    ops.push(x === prevX ? '+' : '-');
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push('=');
    x--;
    y--;
  }
  ops.reverse();
  const hunks: DiffHunk[] = [];
  let i = 0;
  let j = 0;
  let open: DiffHunk | undefined;
  for (const op of ops) {
    if (op === '=') {
      open = undefined;
      i++;
      j++;
      continue;
    }
    if (!open) {
      open = { removed: [], added: [], at: i, context: a.slice(Math.max(0, i - 4), i).join(' ') };
      hunks.push(open);
    }
    if (op === '-') open.removed.push(a[i++]!);
    else open.added.push(b[j++]!);
  }
  return hunks;
}

/** Share of `a`'s words that come back unchanged in `b`. */
export function wordAccuracy(a: string[], hunks: DiffHunk[]): number {
  const lost = hunks.reduce((s, h) => s + Math.max(h.removed.length, h.added.length), 0);
  return a.length === 0 ? 1 : Math.max(0, 1 - lost / a.length);
}
