/**
 * What a re-import would change in a book folder, as a unified-style summary: per file added / removed /
 * changed (+n −m lines) and the first hunks of each change. Shown before `galley import --force` writes.
 */

export interface FileChange {
  name: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  added: number;
  removed: number;
  hunks: string[];
}

type Op = { kind: ' ' | '+' | '-'; text: string };

/** Line diff: common head and tail trimmed, the middle by longest common subsequence (or replaced whole when big). */
export function diffLines(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const middle: Op[] = [];
  if (am.length * bm.length > 4_000_000) {
    middle.push(...am.map((text) => ({ kind: '-' as const, text })), ...bm.map((text) => ({ kind: '+' as const, text })));
  } else {
    const n = am.length;
    const m = bm.length;
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = am[i] === bm[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        middle.push({ kind: ' ', text: am[i++] });
        j++;
      } else if (j < m && (i === n || lcs[i][j + 1] > lcs[i + 1][j])) middle.push({ kind: '+', text: bm[j++] });
      else middle.push({ kind: '-', text: am[i++] });
    }
  }
  return [...a.slice(0, head).map((text) => ({ kind: ' ' as const, text })), ...middle, ...a.slice(a.length - tail).map((text) => ({ kind: ' ' as const, text }))];
}

function clip(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

/** Hunks with one line of context, as `@@ -l,n +l,n @@` and the lines. */
function hunksOf(ops: Op[], maxHunks: number): string[] {
  const out: string[] = [];
  let aLine = 1;
  let bLine = 1;
  let i = 0;
  while (i < ops.length && out.length < maxHunks) {
    if (ops[i].kind === ' ') {
      aLine++;
      bLine++;
      i++;
      continue;
    }
    const start = Math.max(0, i - 1);
    let end = i;
    while (end < ops.length && (ops[end].kind !== ' ' || (end + 1 < ops.length && ops[end + 1].kind !== ' '))) end++;
    end = Math.min(ops.length, end + 1);
    const slice = ops.slice(start, end);
    const hadContext = start < i;
    const a0 = aLine - (hadContext ? 1 : 0);
    const b0 = bLine - (hadContext ? 1 : 0);
    const aCount = slice.filter((o) => o.kind !== '+').length;
    const bCount = slice.filter((o) => o.kind !== '-').length;
    out.push([`@@ -${a0},${aCount} +${b0},${bCount} @@`, ...slice.map((o) => `${o.kind}${clip(o.text)}`)].join('\n'));
    for (let k = i; k < end; k++) {
      if (ops[k].kind !== '+') aLine++;
      if (ops[k].kind !== '-') bLine++;
    }
    i = end;
  }
  return out;
}

export function compareFiles(before: Map<string, string>, after: Map<string, string>, maxHunks = 3): FileChange[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names.map((name) => {
    const a = before.get(name);
    const b = after.get(name);
    if (a === b) return { name, status: 'unchanged', added: 0, removed: 0, hunks: [] };
    const ops = diffLines(a === undefined ? [] : a.split('\n'), b === undefined ? [] : b.split('\n'));
    const added = ops.filter((o) => o.kind === '+').length;
    const removed = ops.filter((o) => o.kind === '-').length;
    const status = a === undefined ? 'added' : b === undefined ? 'removed' : 'changed';
    return { name, status, added, removed, hunks: status === 'changed' ? hunksOf(ops, maxHunks) : [] };
  });
}

/** The summary as text: `--- a/01-x.md` / `+++ b/01-x.md` headers, counts and hunks; unchanged files in one line. */
export function formatChanges(changes: FileChange[]): string {
  const lines: string[] = [];
  const same = changes.filter((c) => c.status === 'unchanged').map((c) => c.name);
  for (const c of changes) {
    if (c.status === 'unchanged') continue;
    lines.push(`--- ${c.status === 'added' ? '/dev/null' : `a/${c.name}`}`, `+++ ${c.status === 'removed' ? '/dev/null' : `b/${c.name}`}`);
    lines.push(`${c.status}: +${c.added} −${c.removed} lines`);
    lines.push(...c.hunks);
  }
  if (same.length) lines.push(`unchanged: ${same.join(', ')}`);
  return lines.join('\n');
}
