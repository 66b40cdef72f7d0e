/**
 * Page furniture, decided from the document's own evidence: lines at a page's top or foot that repeat on other
 * pages once their number is set aside are running heads (`12      THE AUTHOR`, `THE TITLE`), and numbers at a
 * page edge that rise by one from page to page are folios (the folio at the foot of a chapter's first page
 * included). What is furniture is taken off the page; the folio is kept as the page's number.
 */
import type { ImportContext } from '../types.js';
import type { Page, PageLine } from './read-pages.js';

/** How many lines at a page's top, and at its foot, may be furniture. */
const TOP = 3;
const FOOT = 2;

export interface PageFurniture {
  /** the printed page number, when a folio was found */
  folio?: string;
  /** the lines taken off as furniture */
  removed: PageLine[];
  /** the running heads' texts (without the folio), for the structure stage */
  heads: string[];
}

const ROMAN = /^[ivxlc]{1,7}$/;

export function romanValue(s: string): number | undefined {
  if (!ROMAN.test(s)) return undefined;
  const v: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const a = v[s[i]!]!;
    const b = v[s[i + 1] ?? ''] ?? 0;
    total += a < b ? -a : a;
  }
  return total;
}

/** A line that is only a page number, perhaps dressed: `12`, `— 12 —`, `- 12 -`, `[12]`, `Page 12`, `xii`. */
export function readFolioLine(text: string): { value: number; printed: string; roman: boolean } | undefined {
  const t = text.trim();
  const m = /^(?:Page\s+|p\.\s*)?[-–—[(\s]*(\d{1,4})[-–—\])\s]*$/i.exec(t);
  if (m) return { value: Number(m[1]), printed: m[1]!, roman: false };
  const r = romanValue(t);
  return r === undefined ? undefined : { value: r, printed: t, roman: true };
}

/** A head with its folio on one line: `12      THE AUTHOR`, `THE TITLE   13`, `2 ROBERT LOUIS STEVENSON`. */
export function splitHeadAndFolio(text: string): { head: string; value: number; printed: string } | undefined {
  const t = text.trim();
  const a = /^(\d{1,4}|[ivxlc]{1,7})\s+(\S.*\S|\S)$/u.exec(t);
  const b = a ? undefined : /^(\S.*\S|\S)\s+(\d{1,4}|[ivxlc]{1,7})$/u.exec(t);
  if (!a && !b) return undefined;
  const number = a ? a[1]! : b![2]!;
  const head = a ? a[2]! : b![1]!;
  // the head has letters and is no sentence: short, no full stop inside
  if (!/\p{L}{2}/u.test(head) || head.length > 90) return undefined;
  const value = /^\d/.test(number) ? Number(number) : romanValue(number);
  // a roman folio stands beside a head in capitals only (`ii  THE AUTHOR`; not `I saw it`)
  if (value === undefined || (!/^\d/.test(number) && /\p{Ll}/u.test(head))) return undefined;
  return { head, value, printed: number };
}

/** A head's text for comparison across pages: letters only, in capitals. */
export function headKey(text: string): string {
  return text.replace(/[^\p{L}]/gu, '').toUpperCase();
}

interface EdgeLine {
  page: number;
  pos: number;
  line: PageLine;
  edge: 'top' | 'foot';
  folio?: { value: number; printed: string; roman: boolean };
  key?: string;
}

function edgeLines(page: Page): EdgeLine[] {
  const content = page.lines.map((line, pos) => ({ line, pos })).filter((x) => x.line.text.trim() !== '');
  const top = content.slice(0, TOP).map((x) => ({ ...x, edge: 'top' as const }));
  const foot = content.slice(Math.max(TOP, content.length - FOOT)).map((x) => ({ ...x, edge: 'foot' as const }));
  return [...top, ...foot].map((x) => {
    const t = x.line.text.trim();
    const alone = readFolioLine(t);
    const split = alone ? undefined : splitHeadAndFolio(t);
    const folio = alone ?? (split ? { value: split.value, printed: split.printed, roman: !/^\d/.test(split.printed) } : undefined);
    const key = alone ? undefined : headKey(split ? split.head : t);
    return { page: page.index, pos: x.pos, line: x.line, edge: x.edge, folio, key };
  });
}

/** The most common value, and how often. */
function mode(values: number[]): { value: number; count: number } | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: { value: number; count: number } | undefined;
  for (const [value, count] of counts) if (!best || count > best.count) best = { value, count };
  return best;
}

/**
 * Finds every page's furniture. A folio is a number at a page edge whose value is the page's position plus the
 * document's offset (the offset most edge numbers agree on); a running head is an edge line whose letters repeat at
 * the edges of other pages (three pages, or two when it carries a folio).
 */
export function findFurniture(pages: Page[], ctx: ImportContext): PageFurniture[] {
  const edges = pages.map(edgeLines);
  const all = edges.flat();
  // the offset between a page's position and its printed number; roman numbers (front matter) have their own
  const arabic = mode(all.filter((e) => e.folio && !e.folio.roman).map((e) => e.folio!.value - e.page));
  const roman = mode(all.filter((e) => e.folio?.roman).map((e) => e.folio!.value - e.page));
  const isFolio = (e: EdgeLine) =>
    e.folio !== undefined &&
    (e.folio.roman ? roman !== undefined && roman.count >= 2 && e.folio.value - e.page === roman.value : arabic !== undefined && arabic.count >= 2 && e.folio.value - e.page === arabic.value);
  // heads: keys counted once per page
  const pagesWithKey = new Map<string, Set<number>>();
  for (const e of all) {
    if (!e.key || e.key.length < 3) continue;
    if (!pagesWithKey.has(e.key)) pagesWithKey.set(e.key, new Set());
    pagesWithKey.get(e.key)!.add(e.page);
  }
  const frequent = [...pagesWithKey].filter(([, ps]) => ps.size >= 3).map(([k]) => k);
  // the whole text's letters, for a head seen on one page only that the text repeats elsewhere (a chapter's title)
  const letters = pages.flatMap((p) => p.lines.map((l) => headKey(l.text))).join('');
  const occurrences = (key: string) => {
    let n = 0;
    for (let at = letters.indexOf(key); at >= 0 && n < 3; at = letters.indexOf(key, at + 1)) n++;
    return n;
  };
  const isHead = (e: EdgeLine, besideFurniture = false) => {
    if (!e.key || e.key.length < 3 || e.line.text.trim().length > 100) return false;
    const n = pagesWithKey.get(e.key)?.size ?? 0;
    if (n >= 3 || (n >= 2 && e.folio !== undefined && isFolio(e)) || (n >= 2 && e.key.length >= 12 && e.edge === 'top')) return true;
    if (!besideFurniture || e.key.length < 12) return false;
    // beside furniture: repeated elsewhere in the text, or opening like a head of many pages (`A Vindication of the` + the chapter's words)
    return occurrences(e.key) >= 2 || frequent.some((k) => k.slice(0, 12) === e.key!.slice(0, 12));
  };

  return pages.map((page, p) => {
    const mine = edges[p]!;
    const removed: PageLine[] = [];
    const heads: string[] = [];
    let folio: string | undefined;
    // peel furniture from the top, then from the foot, while each line is furniture
    const take = (list: EdgeLine[]) => {
      list.forEach((e, k) => {
        if (k > 0 && !removed.includes(list[k - 1]!.line)) return;
        const head = isHead(e, k > 0 && e.edge === 'top');
        // a lone number out of sequence still is the folio when a running head stands next to it
        const folioHere = isFolio(e) || (e.folio !== undefined && !e.key && list[k + 1] !== undefined && isHead(list[k + 1]!));
        if (!folioHere && !head) return;
        if (folioHere && folio === undefined) folio = e.folio!.printed;
        if (head) heads.push(e.folio ? splitHeadAndFolio(e.line.text)?.head ?? e.line.text.trim() : e.line.text.trim());
        removed.push(e.line);
      });
    };
    take(mine.filter((e) => e.edge === 'top'));
    take(mine.filter((e) => e.edge === 'foot').reverse());
    // extraction may set the folio inside the page (a page read out of order): the number the sequence expects,
    // alone between blank lines, when no edge gave the page its number
    if (folio === undefined && arabic && arabic.count >= 3) {
      const expected = String(p + arabic.value);
      const at = page.lines.findIndex((l, i) => l.text.trim() === expected && (page.lines[i - 1]?.text.trim() ?? '') === '' && (page.lines[i + 1]?.text.trim() ?? '') === '');
      if (at >= 0) {
        folio = expected;
        removed.push(page.lines[at]!);
      }
    }
    if (removed.length) {
      ctx.review({
        rule: 'page-furniture',
        kind: 'fixed',
        line: removed[0]!.line,
        message: `page ${folio ?? p + 1}: ${removed.map((l) => `"${l.text.trim()}"`).join(', ')} taken as ${heads.length ? 'running head and folio' : 'folio'}`,
      });
    }
    return { folio, removed, heads };
  });
}
