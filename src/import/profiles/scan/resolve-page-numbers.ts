/**
 * Numbers the page turns of a scanned volume, from the volume's own evidence:
 *
 *   - the page turns the scan shows (a line that begins a page with a space, a page number with its running head),
 *     `{{page ?}}` or `{{page 87}}` in the texts;
 *   - the printed page numbers (87), which are certain;
 *   - the pages the volume's notes name ("p. 51": the reference stands on page 51, so the last turn before it is
 *     the turn to page 51);
 *   - the starts of works and of their parts (a heading of level 1 or 2 in the middle of a page's text), where a
 *     printed volume may begin a new page although the scan shows no turn there;
 *   - how much text a page holds, measured on the volume's own pages (the median between two turns): a page whose
 *     text runs to more than a page and a third hides a turn the scan lost.
 *
 * Every reading of the turns costs what it leaves unexplained (a page lost, a turn taken for none, a note's page
 * not agreeing, a page overfull), and the cheapest reading is found by dynamic programming over (turn, page). A
 * turn gets a number only when every reading within one unit of the cheapest agrees on it: a number that another
 * reading of the evidence would change is not written. Printed numbers are never overruled.
 *
 * Returns the texts with `{{page N}}` for each numbered turn (an unnumbered one is removed, a start of a work or part
 * that is a page turn gets its marker at the head of its heading) and reports every page of the range it could not
 * place.
 */
import { REF_CLOSE, REF_OPEN } from '../../clean/types.js';
import type { ImportContext } from '../../types.js';

const TOKEN = new RegExp(`\\{\\{page ([^}]+)\\}\\}|${REF_OPEN}(\\d+)${REF_CLOSE}`, 'g');

/** The costs of what a reading leaves unexplained, in one unit: a page lost where its page is overfull. */
export const PAGE_COSTS = {
  /** a page lost (no turn for it) where the text before the turn is no more than a page and a third */
  lostPage: 2,
  /** a page lost where that text is more than a page and a third: the lost turn is in it */
  lostPageInFullText: 1,
  /** a page lost after a page that holds almost nothing (under a quarter of a page: a title page, whose back is
   *  often blank) */
  lostPageAfterTitle: 1,
  /** a turn the scan shows, read as no turn */
  skippedTurn: 3,
  /** a note whose page disagrees with the page its reference stands on */
  noteDisagrees: 3,
  /** a start of a work or part read as a page turn (the text before it ends a page early), while the volume has not
   *  shown whether such starts begin pages */
  startTaken: 0.25,
  /** a start of a heading level that the volume shows to begin pages (or not to) read the other way */
  startAgainstVolume: 1,
  /** a start of a work or part not read as a turn although the page it stands on would then be overfull */
  startOverfull: 1,
  /** readings within this much of the cheapest must all agree on a turn's number for it to be written */
  margin: 1,
};

/** A page and a third: more text than this between two turns hides a lost turn. */
const FULL = 4 / 3;
/** The largest jump between two turns that is considered (pages lost at one place). */
const MAX_JUMP = 6;

interface Candidate {
  /** a turn the scan shows, or the start of a work or part that may be one */
  kind: 'turn' | 'start';
  /** printed page number */
  known?: number;
  /** the pages the notes referred to after it (before the next candidate) name, with their counts */
  votes: Map<number, number>;
  /** characters of text since the previous candidate, and up to the next */
  before: number;
  after: number;
  /** the text it stands in (for the report) */
  text: number;
  /** a start's heading level, or the level of the heading a turn begins its page with */
  level?: number;
}

export interface PageNumbering {
  /** the texts with numbered markers */
  texts: string[];
  /** the number of each turn the scan shows, in order (undefined: not numbered) */
  turns: (number | undefined)[];
  /** the pages placed, with the source line of the text each marker stands in */
  placed: { page: number; line?: number }[];
  /** turns before the first numbered one were left open (their pages are from p. 1 on) */
  openBefore: boolean;
}

/**
 * `texts` in reading order; `pageOfNote` gives the page a note (by its REF id) names; `starts[i]` says text i is the
 * heading of a work or of a part of one; `lines[i]` its line in the source; `through` the last page of the range
 * (the volume's last printed page), so that pages after the last numbered turn are reported too.
 */
export function resolvePageNumbers(
  texts: string[],
  pageOfNote: (id: number) => number | undefined,
  ctx: ImportContext,
  options: { starts?: number[]; lines?: number[]; through?: number } = {},
): string[] {
  return numberPageTurns(texts, pageOfNote, ctx, options).texts;
}

export function numberPageTurns(
  texts: string[],
  pageOfNote: (id: number) => number | undefined,
  ctx: ImportContext,
  options: { starts?: number[]; lines?: number[]; through?: number } = {},
): PageNumbering {
  const starts = options.starts ?? [];
  const candidates: Candidate[] = [];
  /** for each text, the candidate index of each turn token in it, and of its start */
  const tokenAt: number[][] = texts.map(() => []);
  const startAt = new Map<number, number>();
  let chars = 0;
  const open = () => candidates[candidates.length - 1];
  const add = (c: Omit<Candidate, 'before' | 'after' | 'votes'>) => {
    const last = open();
    if (last) last.after = chars;
    candidates.push({ ...c, votes: new Map(), before: chars, after: 0 });
    chars = 0;
  };
  texts.forEach((text, i) => {
    // a heading that begins a work or part, in the middle of a page's text, may begin a page; one a turn already
    // stands in or right before does not
    const hasTurn = /\{\{page [^}]+\}\}/.test(text);
    if (starts[i] && !hasTurn && chars > 0) {
      startAt.set(i, candidates.length);
      add({ kind: 'start', text: i, level: starts[i]! });
    }
    let pos = 0;
    for (const m of text.matchAll(TOKEN)) {
      chars += m.index! - pos;
      pos = m.index! + m[0].length;
      if (m[1] !== undefined) {
        tokenAt[i]!.push(candidates.length);
        // a turn at the head of a heading begins its page with a work or part
        const opens = m.index === 0 && starts[i] ? { level: starts[i] } : {};
        add({ kind: 'turn', text: i, ...(/^\d+$/.test(m[1]) ? { known: Number(m[1]) } : {}), ...opens });
        continue;
      }
      const page = pageOfNote(Number(m[2]));
      const c = open();
      if (page === undefined || !c) continue;
      c.votes.set(page, (c.votes.get(page) ?? 0) + 1);
    }
    chars += text.length - pos;
  });
  const last = open();
  if (last) last.after = chars;

  // first read with no view on starts; then with what the volume showed where its evidence decided: a heading level
  // whose decided starts nearly all began pages (or nearly none did) is read that way where the evidence is silent
  const first = decideTurns(candidates);
  const habit = new Map<number, boolean>();
  for (const level of new Set(candidates.flatMap((c) => (c.kind === 'start' ? [c.level!] : [])))) {
    const seen = candidates.flatMap((c, k) => (c.kind === 'start' && c.level === level && first[k] !== undefined ? [first[k] !== 'none'] : []));
    const taken = seen.filter(Boolean).length;
    if (seen.length >= 4 && taken >= 0.8 * seen.length) habit.set(level, true);
    else if (seen.length >= 4 && taken <= 0.2 * seen.length) habit.set(level, false);
  }
  // and a volume whose works (level 1) nearly all begin on pages of one parity (rectos), where it shows at least
  // four: a work read on the other parity costs as much as reading it against the habit of its level
  const opened = candidates.flatMap((c, k) => (c.level === 1 && typeof first[k] === 'number' ? [(first[k] as number) % 2] : []));
  const odd = opened.filter((p) => p === 1).length;
  const parity = opened.length >= 4 ? (odd >= 0.8 * opened.length ? 1 : opened.length - odd >= 0.8 * opened.length ? 0 : undefined) : undefined;
  const decided = habit.size || parity !== undefined ? decideTurns(candidates, PAGE_COSTS, habit, parity) : first;
  const numbers = decided.map((d) => (typeof d === 'number' ? d : undefined));

  // the texts, with each decided turn's number
  const out = texts.map((text, i) => {
    let n = 0;
    let t = text.replace(/\{\{page ([^}]+)\}\}/g, () => {
      const number = numbers[tokenAt[i]![n++]!];
      return number === undefined ? '' : `{{page ${number}}}`;
    });
    const s = startAt.get(i);
    if (s !== undefined && numbers[s] !== undefined) t = `{{page ${numbers[s]}}}${t}`;
    return t.replace(/ {2,}/g, ' ').trim();
  });

  const turns = candidates.flatMap((c, k) => (c.kind === 'turn' ? [numbers[k]] : []));
  const fromStarts = candidates.filter((c, k) => c.kind === 'start' && numbers[k] !== undefined).length;
  const shown = candidates.filter((c) => c.kind === 'turn').length;
  const numbered = turns.filter((n) => n !== undefined).length;
  const front = candidates.filter((c, k) => c.kind === 'turn' && decided[k] === 'front').length;
  const notTurns = candidates.filter((c, k) => c.kind === 'turn' && decided[k] === 'none').length;
  ctx.review({
    rule: 'page-numbers',
    kind: 'fixed',
    message: `${numbered} of ${shown} page turns numbered from the printed numbers, the notes’ page references and the length of the pages${fromStarts ? `; ${fromStarts} pages found to begin at the start of a work or part` : ''}`,
    count: numbered + fromStarts,
  });
  if (front) ctx.review({ rule: 'page-numbers', kind: 'fixed', message: `${front} page turns before p. 1 (the front matter, numbered apart): no marker`, count: front });
  if (notTurns) ctx.review({ rule: 'page-numbers', kind: 'doubt', message: `${notTurns} of ${shown} page turns read as no turn (the pages around them are numbered without them): no marker` });
  const undecided = shown - numbered - front - notTurns;
  if (undecided) ctx.review({ rule: 'page-numbers', kind: 'doubt', message: `${undecided} of ${shown} page turns could not be numbered (the evidence around them allows more than one number): no marker` });

  const placed = candidates.flatMap((c, k) => (numbers[k] !== undefined ? [{ page: numbers[k]!, line: options.lines?.[c.text] }] : []));
  // turns left open before the first numbered one stand on pages from p. 1 on
  const firstPlaced = numbers.findIndex((n) => n !== undefined);
  const openBefore = candidates.slice(0, Math.max(0, firstPlaced)).some((c, k) => c.kind === 'turn' && decided[k] === undefined);
  if (options.through !== undefined) reportUnplacedPages(ctx, placed, options.through, openBefore ? 1 : undefined);
  return { texts: out, turns, placed, openBefore };
}

/**
 * Reports every page from the first placed one to `through` (the volume's last printed page) that has no marker,
 * in runs, with the placed pages and lines around each run.
 */
export function reportUnplacedPages(ctx: ImportContext, placed: { page: number; line?: number }[], through: number, from?: number): number[] {
  if (!placed.length) return [];
  const byPage = new Map(placed.map((p) => [p.page, p.line] as const));
  const sorted = [...byPage.keys()].sort((a, b) => a - b);
  const unplaced: number[] = [];
  for (let p = Math.min(from ?? sorted[0]!, sorted[0]!); p <= Math.max(through, sorted[sorted.length - 1]!); p++) if (!byPage.has(p)) unplaced.push(p);
  const at = (p: number) => `p. ${p}${byPage.get(p) ? ` (line ${byPage.get(p)})` : ''}`;
  for (const run of runs(unplaced)) {
    const before = sorted.filter((p) => p < run[0]).pop();
    const after = sorted.find((p) => p > run[1]);
    const label = run[0] === run[1] ? `p. ${run[0]}` : `pp. ${run[0]}–${run[1]}`;
    const why =
      after === undefined
        ? `after ${at(before!)}, the last page turn numbered: no page turn found or numbered for it`
        : before === undefined
          ? `before ${at(after)}, the first page turn numbered: the turns before it could be numbered more than one way`
          : `between ${at(before)} and ${at(after)}: no page turn numbered for it (a turn the scan lost, a page without text, or turns whose number the evidence leaves open)`;
    ctx.review({ rule: 'page-numbers', kind: 'doubt', ...(before !== undefined && byPage.get(before) ? { line: byPage.get(before) } : {}), message: `${label} not placed: ${why}` });
  }
  return unplaced;
}

function runs(pages: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const p of pages) {
    const r = out[out.length - 1];
    if (r && r[1] === p - 1) r[1] = p;
    else out.push([p, p]);
  }
  return out;
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * The number of each candidate (or 'none': not a turn; undefined: undecided), by min-sum dynamic programming over
 * states (page, turn or not) forward and backward, and the readings within the margin of the cheapest.
 */
export function decideTurns(candidates: Candidate[], costs = PAGE_COSTS, habit = new Map<number, boolean>(), parity?: number): (number | 'none' | 'front' | undefined)[] {
  const n = candidates.length;
  if (n === 0) return [];
  // the text a page holds: the median between two turns the scan shows
  const between = candidates.slice(1).flatMap((c, k) => (c.kind === 'turn' && candidates[k]!.kind === 'turn' ? [c.before] : []));
  const capacity = median(between.length >= 5 ? between : candidates.map((c) => c.before)) || 1;
  const anchors = candidates.flatMap((c) => [...(c.known !== undefined ? [c.known] : []), ...c.votes.keys()]);
  if (!anchors.length) return candidates.map(() => undefined);
  // pages before page 1 are the front matter (numbered apart, in roman): turns may lead into it, and get no marker
  const OFF = Math.min(n, 60);
  const P = OFF + Math.max(...anchors) + n + 1;
  const W = P + 1;
  const INF = Number.POSITIVE_INFINITY;
  // state index: page * 2 + (1 if a turn at this candidate)
  const own = (k: number, page: number): number => {
    const c = candidates[k]!;
    let cost = 0;
    for (const [p, count] of c.votes) if (p !== page - OFF) cost += costs.noteDisagrees * count;
    return cost;
  };
  const step = (k: number, jump: number): number => {
    // the cost of arriving at candidate k with a jump of `jump` pages (0: not a turn)
    const c = candidates[k]!;
    if (jump === 0) {
      if (c.known !== undefined) return INF;
      if (c.kind === 'turn') return costs.skippedTurn;
      // the page would hold more than a page and a third (twice the cost past a page and two thirds)
      const load = (c.before + c.after) / capacity;
      const overfull = load > FULL + 1 / 3 ? 2 * costs.startOverfull : load > FULL ? costs.startOverfull : 0;
      return overfull + (habit.get(c.level!) === true ? costs.startAgainstVolume : 0);
    }
    const lost = (jump - 1) * (c.before > FULL * capacity ? costs.lostPageInFullText : c.before < capacity / 4 ? costs.lostPageAfterTitle : costs.lostPage);
    if (c.kind !== 'start') return lost;
    const h = habit.get(c.level!);
    return lost + (h === undefined ? costs.startTaken : h ? 0 : costs.startAgainstVolume);
  };
  // a work begun on a page of the other parity than the volume's works begin on
  const opening = (k: number, page: number): number =>
    parity !== undefined && candidates[k]!.level === 1 && (((page - OFF) % 2) + 2) % 2 !== parity ? costs.startAgainstVolume : 0;
  const allowed = (k: number, page: number, turn: boolean) => !turn || candidates[k]!.known === undefined || candidates[k]!.known === page - OFF;

  const F: Float64Array[] = [];
  for (let k = 0; k < n; k++) {
    const f = new Float64Array(2 * W).fill(INF);
    for (let page = 0; page <= P; page++) {
      for (const turn of [false, true]) {
        if (!allowed(k, page, turn)) continue;
        let best = INF;
        if (k === 0) best = turn ? 0 : step(0, 0);
        else {
          const prev = F[k - 1]!;
          if (!turn) best = Math.min(prev[page * 2]!, prev[page * 2 + 1]!) + step(k, 0);
          else
            for (let jump = 1; jump <= MAX_JUMP && page - jump >= 0; jump++) {
              const q = page - jump;
              best = Math.min(best, Math.min(prev[q * 2]!, prev[q * 2 + 1]!) + step(k, jump));
            }
        }
        if (best < INF) f[page * 2 + (turn ? 1 : 0)] = best + own(k, page) + (turn ? opening(k, page) : 0);
      }
    }
    F.push(f);
  }
  const B: Float64Array[] = new Array(n);
  B[n - 1] = new Float64Array(2 * W).fill(0);
  for (let k = n - 2; k >= 0; k--) {
    const next = B[k + 1]!;
    const b = new Float64Array(2 * W).fill(INF);
    for (let page = 0; page <= P; page++) {
      let best = INF;
      // the next candidate not a turn: same page
      if (allowed(k + 1, page, false)) best = Math.min(best, next[page * 2]! + step(k + 1, 0) + own(k + 1, page));
      for (let jump = 1; jump <= MAX_JUMP && page + jump <= P; jump++) {
        const p = page + jump;
        if (!allowed(k + 1, p, true)) continue;
        best = Math.min(best, next[p * 2 + 1]! + step(k + 1, jump) + own(k + 1, p) + opening(k + 1, p));
      }
      b[page * 2] = best;
      b[page * 2 + 1] = best;
    }
    B[k] = b;
  }
  const total = F[n - 1]!.reduce((m, v) => Math.min(m, v), INF);
  return candidates.map((_, k) => {
    const f = F[k]!;
    const b = B[k]!;
    let agreed: number | 'none' | 'front' | undefined;
    let first = true;
    for (let s = 0; s < 2 * W; s++) {
      const v = f[s]! + b[s]!;
      if (!(v < total + costs.margin)) continue;
      const page = Math.floor(s / 2) - OFF;
      const reading: number | 'none' | 'front' = s % 2 === 0 ? 'none' : page >= 1 ? page : 'front';
      if (first) {
        agreed = reading;
        first = false;
      } else if (agreed !== reading) return undefined;
    }
    return agreed;
  });
}
