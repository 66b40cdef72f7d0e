/**
 * How many characters a full printed line holds, near a given line: a justified line is as full as the next word
 * allows, so a line much shorter than this ends a paragraph. The measure is local (the longest of the line, the one
 * before and the two after, capped by the text's usual full line), so indented quotations with a narrower measure are judged by their
 * own width. Lines two printed lines long (extraction merged them) are left out.
 */
export function estimateCapacities(lengths: number[], before = 1, after = 2): number[] {
  const positive = lengths.filter((l) => l > 0);
  const median = quantile(positive, 0.5);
  const single = (l: number) => l > 0 && l < median * 1.45;
  const usual = quantile(positive.filter(single), 0.9);
  return lengths.map((_, i) => {
    // the longest of the line and its neighbours (a narrower measure: a quotation), when at least two of them are
    // single printed lines and they are not all short (dates in a chronicle); else the usual full line
    const near = lengths.slice(Math.max(0, i - before), i + after + 1).filter(single);
    const local = near.length >= 2 ? Math.max(...near) : 0;
    return Math.max(10, Math.min(usual, local >= usual * 0.6 ? local : usual));
  });
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** The length of the last printed line within a line that extraction may have merged from several. */
export function lastPrintedLength(length: number, capacity: number): number {
  if (length <= capacity * 1.3) return length;
  const extra = Math.floor(length / (capacity * 1.04));
  return length - extra * capacity;
}
