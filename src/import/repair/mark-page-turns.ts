import { isCapitals } from './join-paragraphs.js';
import { isBlankOrEdge, isHeadLike, isPageNumberLine, normaliseHead } from './page-furniture.js';
import type { RepairItem, RepairRule } from './types.js';

/**
 * Finds a page-number line with its running head (`6` / `J. V. S T A L I N`, `BIOGRAPHICAL CHRONICLE` / `443`),
 * set apart by blank lines, and returns the indexes of the number, the head and the blanks around them.
 */
function findNumberCluster(items: RepairItem[], i: number): number[] | undefined {
  const item = items[i]!;
  if (item.kind !== 'text' || !isPageNumberLine(item.text)) return undefined;
  if (!isBlankOrEdge(items, i - 1) || !isBlankOrEdge(items, i + 1)) return undefined;
  const taken = [i];
  const headAt = (from: number, step: number): number | undefined => {
    let j = from;
    while (j >= 0 && j < items.length && items[j]!.kind === 'blank') j += step;
    const head = items[j];
    if (head?.kind !== 'text' || !isHeadLike(head.text)) return undefined;
    if (!isBlankOrEdge(items, j + step) || !isBlankOrEdge(items, j - step)) return undefined;
    return j;
  };
  // the head after the number, or before it; a head in capitals wins over a line that only looks like one
  const after = headAt(i + 1, 1);
  const before = headAt(i - 1, -1);
  const caps = (k: number | undefined) => k !== undefined && isCapitals((items[k] as { text: string }).text);
  const head = caps(before) && !caps(after) ? before : (after ?? before);
  if (head !== undefined) taken.push(head);
  const lo = Math.min(...taken);
  const hi = Math.max(...taken);
  let start = lo;
  while (start - 1 >= 0 && items[start - 1]!.kind === 'blank') start--;
  let end = hi;
  while (end + 1 < items.length && items[end + 1]!.kind === 'blank') end++;
  const all: number[] = [];
  for (let k = start; k <= end; k++) all.push(k);
  return all;
}

export const markPageTurns: RepairRule = {
  id: 'mark-page-turns',
  description:
    'Turn page furniture into page-turn marks: page-number lines with their running heads, lines that begin a page with a space, and running heads at page tops.',
  example: '"inner-Party" / "" / "6" / "" / "J. V. S T A L I N" / "" / "democracy," → "inner-Party" / {page 6} / "democracy,"',
  apply(items, { ctx, options }) {
    const out: RepairItem[] = [];
    for (let i = 0; i < items.length; i++) {
      const cluster = findNumberCluster(items, i);
      if (cluster && cluster[0]! <= i) {
        // drop the blanks already passed on the way to the number line
        while (out.length > 0 && out[out.length - 1]!.kind === 'blank') out.pop();
        const number = (items[i] as { text: string }).text.trim();
        const heads = cluster.filter((k) => k !== i && items[k]!.kind === 'text');
        for (const k of heads.filter((k) => k < i)) {
          if (out[out.length - 1]?.line === items[k]!.line) out.pop();
          while (out.length > 0 && out[out.length - 1]!.kind === 'blank') out.pop();
        }
        out.push({ kind: 'page', line: items[i]!.line, number });
        const headText = heads.map((k) => (items[k] as { text: string }).text.trim()).join(' / ');
        ctx.review({
          rule: this.id,
          kind: 'fixed',
          line: items[i]!.line,
          message: `page number ${number}${headText ? ` and running head "${headText}"` : ''} removed`,
        });
        i = cluster[cluster.length - 1]!;
        continue;
      }
      const item = items[i]!;
      if (item.kind === 'text' && item.indented && options.leadingSpaceIsPageTurn) {
        if (out[out.length - 1]?.kind !== 'page') out.push({ kind: 'page', line: item.line });
        out.push({ ...item, text: item.text.trim(), indented: false });
        continue;
      }
      out.push(item.kind === 'text' ? { ...item, text: item.text.trim() } : item);
    }
    return removeTopHeads(out, ctx, this.id);
  },
};

/**
 * A head-like line at a page top, followed by a blank line, is a running head when the same words stood at an
 * earlier page top or stand within the next few lines (the title it repeats).
 */
function removeTopHeads(items: RepairItem[], ctx: { review: (r: import('../types.js').ReviewItem) => void }, rule: string): RepairItem[] {
  const seen = new Set<string>();
  const drop = new Set<number>();
  items.forEach((item, i) => {
    if (item.kind !== 'text') return;
    const key = normaliseHead(item.text);
    const atTop = items[i - 1]?.kind === 'page' && items[i + 1]?.kind === 'blank' && isHeadLike(item.text);
    if (atTop && key.length > 0) {
      const soon = items.slice(i + 1, i + 6).some((n) => n.kind === 'text' && normaliseHead(n.text) === key);
      if (seen.has(key) || soon) {
        drop.add(i);
        for (let k = i + 1; items[k]?.kind === 'blank'; k++) drop.add(k);
        ctx.review({ rule, kind: 'fixed', line: item.line, message: `running head "${item.text}" removed` });
      }
      seen.add(key);
    }
  });
  return items.filter((_, i) => !drop.has(i));
}
