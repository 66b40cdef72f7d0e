/**
 * Page breaks for a text that lost its form feeds (OCR of page images joined into one file): the page numbers
 * are the evidence. Lines that are a number, or a running head with a number, whose numbers rise by one from
 * one to the next at about a page's distance, are the folios; the page breaks stand at them (before a head, after
 * a folio that ends its page). The text comes back with form feeds, for readPages.
 */
import { headKey, readFolioLine, splitHeadAndFolio } from './find-furniture.js';

interface Candidate {
  at: number;
  value: number;
  /** a head stands on the folio's line */
  withHead: boolean;
}

/** The longest run of numbered lines whose numbers rise by one to three, a page or so apart. */
function folioChain(lines: string[]): Candidate[] {
  const cands: Candidate[] = [];
  lines.forEach((l, at) => {
    const t = l.trim();
    if (!t) return;
    const alone = readFolioLine(t);
    if (alone && !alone.roman) cands.push({ at, value: alone.value, withHead: false });
    else {
      const split = splitHeadAndFolio(t);
      if (split && /^\d/.test(split.printed)) cands.push({ at, value: split.value, withHead: true });
    }
  });
  const best: { len: number; prev: number }[] = cands.map(() => ({ len: 1, prev: -1 }));
  for (let j = 0; j < cands.length; j++) {
    for (let i = Math.max(0, j - 40); i < j; i++) {
      const dv = cands[j]!.value - cands[i]!.value;
      const dl = cands[j]!.at - cands[i]!.at;
      if (dv < 1 || dv > 3 || dl < 12 * dv || dl > 120 * dv) continue;
      if (best[i]!.len + 1 > best[j]!.len) best[j] = { len: best[i]!.len + 1, prev: i };
    }
  }
  let end = -1;
  best.forEach((b, j) => {
    if (end < 0 || b.len > best[end]!.len) end = j;
  });
  const chain: Candidate[] = [];
  for (let j = end; j >= 0; j = best[j]!.prev) chain.unshift(cands[j]!);
  return chain;
}

/** The text with form feeds where its pages begin, or undefined when the page numbers do not show them. */
export function insertPageBreaks(text: string): string | undefined {
  const lines = text.split('\n');
  const chain = folioChain(lines);
  if (chain.length < 3) {
    // no run of page numbers (OCR lost the folios at the foot): the running heads alone, when they show the pages
    const heads = headStarts(lines);
    return heads ? lines.map((l, i) => (heads.has(i) && i > 0 ? `\f${l}` : l)).join('\n') : undefined;
  }
  // lines that repeat (running heads without a number): a break before a folio moves up over them
  const counts = new Map<string, number>();
  for (const l of lines) {
    const k = headKey(l);
    if (k.length >= 4 && l.trim().length <= 80) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const repeated = (l: string | undefined) => l !== undefined && (counts.get(headKey(l)) ?? 0) >= 3;
  const nextText = (from: number, step: number) => {
    for (let k = from; k >= 0 && k < lines.length; k += step) if (lines[k]!.trim() !== '') return k;
    return undefined;
  };
  const starts = new Set<number>();
  for (const c of chain) {
    const after = nextText(c.at + 1, 1);
    // a folio alone ends its page unless a running head follows it (then it heads the page)
    const top = c.withHead || (after !== undefined && repeated(lines[after]));
    if (top) {
      let at = c.at;
      for (let k = nextText(c.at - 1, -1); k !== undefined && c.at - k <= 3 && repeated(lines[k]); k = nextText(k - 1, -1)) at = k;
      starts.add(at);
    } else if (after !== undefined) starts.add(after);
  }
  // a page whose head OCR read without its folio: the head's words as printed with a folio elsewhere, standing
  // about a page after the page before it began, where no break was found for a page and a half
  const headKeys = new Set(chain.filter((c) => c.withHead).map((c) => headKey(splitHeadAndFolio(lines[c.at]!.trim())?.head ?? '')).filter((k) => k.length >= 4));
  const sorted = [...starts].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((s, i) => s - sorted[i]!).sort((a, b) => a - b);
  const pageLength = gaps[Math.floor(gaps.length / 2)] ?? 0;
  if (pageLength >= 12 && headKeys.size) {
    const bounds = [0, ...sorted, lines.length];
    for (let b = 0; b + 1 < bounds.length; b++) {
      const from = bounds[b]!;
      const to = bounds[b + 1]!;
      if (to - from < pageLength * 1.5) continue;
      for (let i = from + 1; i < to; i++) {
        const t = lines[i]!.trim();
        if (t.length > 80 || !headKeys.has(headKey(t)) || readFolioLine(t)) continue;
        if (Math.abs(i - from - pageLength) > pageLength * 0.25 || to - i < pageLength * 0.5) continue;
        starts.add(i);
        break;
      }
    }
  }
  return lines.map((l, i) => (starts.has(i) && i > 0 ? `\f${l}` : l)).join('\n');
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Page starts shown by running heads alone (no folio on their line, the folios lost): a short line, not a
 * sentence, that stands three times or more at about a page's distance from its last time, over the whole text
 * (`KARL MARX AND FRIEDRICH ENGELS` every 62 lines). Heads that alternate verso and recto are taken together. A
 * page whose head OCR misread leaves a gap of two pages, which is allowed; two heads closer than half a page are
 * not heads. Undefined when no line repeats so.
 */
export function headStarts(lines: string[]): Set<number> | undefined {
  const where = new Map<string, number[]>();
  lines.forEach((l, i) => {
    const t = l.trim();
    if (t.length > 60 || /[.,;:!?]$/.test(t) || readFolioLine(t)) return;
    const k = headKey(t);
    if (k.length < 4) return;
    where.set(k, [...(where.get(k) ?? []), i]);
  });
  const regular = (at: number[]) => {
    const gaps = at.slice(1).map((v, i) => v - at[i]!);
    const page = median(gaps);
    return page >= 12 && gaps.every((g) => g >= page * 0.7 && g <= page * 2.3) ? page : 0;
  };
  const keys = [...where].filter(([, at]) => at.length >= 3 && regular(at) > 0);
  if (!keys.length) return undefined;
  const all = [...new Set(keys.flatMap(([, at]) => at))].sort((a, b) => a - b);
  const page = regular(all);
  // the heads reach over the text: the first within two pages of its start, the last within two of its end
  if (!page || all[0]! > page * 2 || lines.length - all[all.length - 1]! > page * 2) return undefined;
  return new Set(all);
}
