/**
 * The import corpus's measures (tests/corpus/README.md), pure and independent of the importer: a book's body is
 * read from its Markdown with a markdown-it of its own (not galley's model), or from a raw text as it stands;
 * both become a ScoredDoc (words, block starts, note calls, note texts, headings) and are compared with the
 * ground truth through one word alignment.
 *
 *   readMarkdownDoc(md)     the ground truth or an imported book's Markdown → ScoredDoc
 *   readRawDoc(raw)         what an importer that does nothing would give: the raw text as it is
 *   scoreDoc(truth, doc, …) → CaseScore: word accuracy, paragraph breaks, notes, headings, furniture
 */
import markdownIt, { type Token } from 'markdown-it';
import container from 'markdown-it-container';
import deflist from 'markdown-it-deflist';
import footnote from 'markdown-it-footnote';

/** A note call in a body: its label and the index of the body word it follows (-1 before the first word). */
export interface NoteCall {
  label: string;
  after: number;
}

export interface ScoredDoc {
  /** body words, normalised (normalizeWords) */
  words: string[];
  /** index in `words` where each block (paragraph, heading, list item, table row) starts */
  blockStarts: number[];
  /** heading texts, normalised for comparison */
  headings: string[];
  calls: NoteCall[];
  /** note label → note text (raw, not normalised) */
  notes: Map<string, string>;
}

// ---------------------------------------------------------------- words

/**
 * The words of a text as compared: Unicode folded (NFKC), case folded, typographic quotes, dashes, ellipses,
 * soft and non-breaking hyphens made plain; dashes stand apart as words of their own; `{{page N}}` markers
 * dropped. Punctuation stays attached ("state." ≠ "state"), so a note call glued to a word is an error.
 */
export function normalizeWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .replace(/\{\{page [^}]*\}\}/g, ' ')
    .replace(/[\u00ad\u200b\u2060\ufeff]/g, '')
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒]/g, '-')
    .replace(/\s*[—–―]+\s*/g, ' — ')
    .replace(/…/g, '...')
    .replace(/(?<![.])\. \. \./g, '...')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
}

/** A string compared as a whole (a title, an author, a heading): words only, no punctuation, one case. */
export function normalizePhrase(text: string): string {
  return normalizeWords(text)
    .join(' ')
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------- reading documents

const md = markdownIt({ html: false }).use(footnote).use(deflist).use(container, 'any', { validate: () => true });

function inlineText(tok: Token, onCall: (label: string, textSoFar: string) => void): string {
  let text = '';
  for (const c of tok.children ?? []) {
    if (c.type === 'text' || c.type === 'code_inline') text += c.content;
    else if (c.type === 'softbreak' || c.type === 'hardbreak') text += ' ';
    else if (c.type === 'footnote_ref') onCall(String(c.meta?.label ?? c.meta?.id), text);
    else if (c.type === 'image') text += c.content;
  }
  return text;
}

/** Strips a YAML front matter block (`---` … `---`) and returns it apart. */
export function splitFrontMatter(text: string): { front: string; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  return m ? { front: m[1]!, body: text.slice(m[0].length) } : { front: '', body: text };
}

/**
 * A Markdown body (galley's book format, or the corpus's ground truth) → ScoredDoc. Headings, paragraphs,
 * list items (their number kept as a word, so `1. Text` and `1\. Text` read the same), definition terms and
 * table rows are blocks; footnote definitions are notes, not body.
 */
export function readMarkdownDoc(markdown: string, options: { dropHeadings?: string[] } = {}): ScoredDoc {
  const drop = new Set((options.dropHeadings ?? []).map(normalizePhrase).filter(Boolean));
  const env: Record<string, unknown> = {};
  const tokens = md.parse(splitFrontMatter(markdown).body, env);
  const doc: ScoredDoc = { words: [], blockStarts: [], headings: [], calls: [], notes: new Map() };
  const noteLabels = new Map<number, string>();
  const footnotes = (env as { footnotes?: { list?: { label?: string }[] } }).footnotes;
  footnotes?.list?.forEach((f, i) => noteLabels.set(i, String(f.label ?? i)));
  let inNote: string | null = null;
  let listNumber: number[] = [];
  let pendingItem: string | null = null;
  let rowCells: string[] | null = null;
  let inHeading = false;

  const addBlock = (text: string, callsAt: { label: string; offset: string }[]) => {
    const words = normalizeWords(text);
    if (words.length === 0 && callsAt.length === 0) return;
    const start = doc.words.length;
    doc.blockStarts.push(start);
    for (const c of callsAt) doc.calls.push({ label: c.label, after: start + normalizeWords(c.offset).length - 1 });
    doc.words.push(...words);
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'footnote_open') {
      inNote = noteLabels.get(t.meta?.id as number) ?? String(t.meta?.id);
      doc.notes.set(inNote, '');
    } else if (t.type === 'footnote_close') inNote = null;
    else if (t.type === 'ordered_list_open') listNumber.push(Number(t.attrGet('start') ?? 1));
    else if (t.type === 'bullet_list_open') listNumber.push(NaN);
    else if (t.type === 'ordered_list_close' || t.type === 'bullet_list_close') listNumber = listNumber.slice(0, -1);
    else if (t.type === 'list_item_open') {
      const n = listNumber[listNumber.length - 1]!;
      pendingItem = Number.isNaN(n) ? '' : `${t.info || n}${t.markup || '.'} `;
      if (!Number.isNaN(n)) listNumber[listNumber.length - 1] = n + 1;
    } else if (t.type === 'heading_open') inHeading = true;
    else if (t.type === 'heading_close') inHeading = false;
    else if (t.type === 'tr_open') rowCells = [];
    else if (t.type === 'tr_close') {
      if (rowCells) addBlock(rowCells.join(' '), []);
      rowCells = null;
    } else if (t.type === 'inline') {
      const calls: { label: string; offset: string }[] = [];
      const prefix = pendingItem ?? '';
      pendingItem = null;
      const text = prefix + inlineText(t, (label, sofar) => calls.push({ label, offset: prefix + sofar }));
      if (inNote !== null) {
        doc.notes.set(inNote, `${doc.notes.get(inNote)}${doc.notes.get(inNote) ? ' ' : ''}${text}`.trim());
      } else if (rowCells) rowCells.push(text);
      else if (inHeading) {
        if (drop.has(normalizePhrase(text))) continue;
        doc.headings.push(normalizePhrase(text));
        addBlock(text, calls);
      } else addBlock(text, calls);
    }
  }
  // footnote labels are what the body calls them
  return doc;
}

/**
 * The raw text as an importer that does nothing would leave it: every word in the body, a block wherever a
 * blank line or a page break falls, no headings, no notes.
 */
export function readRawDoc(raw: string): ScoredDoc {
  const doc: ScoredDoc = { words: [], blockStarts: [], headings: [], calls: [], notes: new Map() };
  for (const block of raw.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n|\f/)) {
    const words = normalizeWords(block);
    if (!words.length) continue;
    doc.blockStarts.push(doc.words.length);
    doc.words.push(...words);
  }
  return doc;
}

// ---------------------------------------------------------------- alignment

export interface Alignment {
  /** for each word of `b`, the index of the word of `a` it matches, or -1 */
  bToA: Int32Array;
  /** word edit distance: each run of differences costs the longer of its two sides */
  distance: number;
}

/** Myers' O(ND) shortest edit script between a[a0..a1) and b[b0..b1) (ids); matched pairs pushed to `pairs`. */
function myers(a: Int32Array, a0: number, a1: number, b: Int32Array, b0: number, b1: number, pairs: number[], maxD: number): boolean {
  const n = a1 - a0;
  const m = b1 - b0;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let done = -1;
  for (let d = 0; d <= Math.min(max, maxD); d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = d;
        break;
      }
    }
    if (done >= 0) break;
  }
  if (done < 0) return false;
  let x = n;
  let y = m;
  const found: number[] = [];
  for (let d = done; d >= 0; d--) {
    const vd = trace[d]!;
    const at = (k: number) => vd[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      found.push(a0 + x, b0 + y);
    }
    x = prevX;
    y = prevY;
  }
  for (let i = found.length - 2; i >= 0; i -= 2) pairs.push(found[i]!, found[i + 1]!);
  return true;
}

/** Longest increasing subsequence of `seq` (indices into seq). */
function lis(seq: number[]): number[] {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < seq[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out: number[] = [];
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) out.push(i);
  return out.reverse();
}

/**
 * Aligns two word sequences: words unique to both sides anchor the alignment (patience diff), the gaps between
 * anchors are aligned by Myers' algorithm. Fast on books; exact where the texts differ little.
 */
export function alignWords(a: string[], b: string[]): Alignment {
  const ids = new Map<string, number>();
  const id = (w: string) => {
    let v = ids.get(w);
    if (v === undefined) ids.set(w, (v = ids.size));
    return v;
  };
  const A = Int32Array.from(a, id);
  const B = Int32Array.from(b, id);
  const pairs: number[] = [];
  const solve = (a0: number, a1: number, b0: number, b1: number, depth: number) => {
    while (a0 < a1 && b0 < b1 && A[a0] === B[b0]) pairs.push(a0++, b0++);
    const tail: number[] = [];
    while (a1 > a0 && b1 > b0 && A[a1 - 1] === B[b1 - 1]) tail.push(--a1, --b1);
    if (a0 < a1 && b0 < b1 && a1 - a0 + (b1 - b0) <= 2000) {
      myers(A, a0, a1, B, b0, b1, pairs, 2000);
    } else if (a0 < a1 && b0 < b1) {
      // anchors: words that occur once in each side of this gap
      const countA = new Map<number, number>();
      const countB = new Map<number, number>();
      const posB = new Map<number, number>();
      for (let i = a0; i < a1; i++) countA.set(A[i]!, (countA.get(A[i]!) ?? 0) + 1);
      for (let j = b0; j < b1; j++) {
        countB.set(B[j]!, (countB.get(B[j]!) ?? 0) + 1);
        posB.set(B[j]!, j);
      }
      const anchorsA: number[] = [];
      const anchorsB: number[] = [];
      for (let i = a0; i < a1; i++) {
        if (countA.get(A[i]!) === 1 && countB.get(A[i]!) === 1) {
          anchorsA.push(i);
          anchorsB.push(posB.get(A[i]!)!);
        }
      }
      const chain = depth < 8 ? lis(anchorsB) : [];
      if (chain.length > 0) {
        let pa = a0;
        let pb = b0;
        for (const c of chain) {
          const ia = anchorsA[c]!;
          const ib = anchorsB[c]!;
          solve(pa, ia, pb, ib, depth + 1);
          pairs.push(ia, ib);
          pa = ia + 1;
          pb = ib + 1;
        }
        solve(pa, a1, pb, b1, depth + 1);
      } else {
        myers(A, a0, a1, B, b0, b1, pairs, 4000);
      }
    }
    for (let i = tail.length - 2; i >= 0; i -= 2) pairs.push(tail[i]!, tail[i + 1]!);
  };
  solve(0, A.length, 0, B.length, 0);
  const bToA = new Int32Array(B.length).fill(-1);
  let distance = 0;
  let pa = 0;
  let pb = 0;
  for (let i = 0; i < pairs.length; i += 2) {
    const ia = pairs[i]!;
    const ib = pairs[i + 1]!;
    distance += Math.max(ia - pa, ib - pb);
    bToA[ib] = ia;
    pa = ia + 1;
    pb = ib + 1;
  }
  distance += Math.max(A.length - pa, B.length - pb);
  return { bToA, distance };
}

/** 1 − word edit distance / length of the truth, at least 0. */
export function wordAccuracy(truth: string[], got: string[]): number {
  if (truth.length === 0) return got.length === 0 ? 1 : 0;
  return Math.max(0, 1 - alignWords(truth, got).distance / truth.length);
}

// ---------------------------------------------------------------- the measures

export interface Furniture {
  /** strings the running heads and feet printed (folios apart) */
  heads: string[];
  /** whether pages carried folios */
  folios: boolean;
  /** the number of pages (folios above it are not counted as folios) */
  pages?: number;
}

export interface CaseScore {
  truthWords: number;
  /** word edit distance between the body and the truth's */
  distance: number;
  wordAccuracy: number;
  breaks: { truth: number; found: number; matched: number };
  paragraphF1: number;
  notes: { truth: number; linked: number; wrong: number };
  headings: { truth: number; right: number; spurious: number };
  /** running heads and folios left in the body */
  furnitureLeft: number;
  /** body words that are note text (4-word runs of a note's text found among the words not in the truth) */
  noteWordsLeft: number;
}

const f1 = (matched: number, truth: number, found: number) => (truth + found === 0 ? 1 : (2 * matched) / (truth + found));

/** The index of the truth word that body word j stands for: itself if matched, else the next matched one. */
function mapForward(bToA: Int32Array, j: number, truthLength: number): number {
  for (let k = j; k < bToA.length; k++) if (bToA[k]! >= 0) return bToA[k]!;
  return truthLength;
}
function mapBackward(bToA: Int32Array, j: number): number {
  for (let k = j; k >= 0; k--) if (bToA[k]! >= 0) return bToA[k]!;
  return -1;
}

/** The ground truth's note calls whose call the body also made at the same place, with the same note text. */
function scoreNotes(truth: ScoredDoc, doc: ScoredDoc, bToA: Int32Array): CaseScore['notes'] {
  const used = new Set<number>();
  let linked = 0;
  let wrong = 0;
  for (const call of doc.calls) {
    const text = doc.notes.get(call.label);
    if (text === undefined) continue; // a call with no note: not linked to anything
    const at = call.after >= 0 ? mapBackward(bToA, call.after) : -1;
    const words = normalizeWords(text);
    // the truth call nearest to this place (within 3 words), not yet taken
    let best = -1;
    let bestGap = Infinity;
    truth.calls.forEach((t, i) => {
      const gap = Math.abs(t.after - at);
      if (!used.has(i) && gap <= 3 && gap < bestGap) {
        best = i;
        bestGap = gap;
      }
    });
    const ok = best >= 0 && wordAccuracy(normalizeWords(truth.notes.get(truth.calls[best]!.label) ?? ''), words) >= 0.8;
    if (ok) {
      used.add(best);
      linked++;
    } else wrong++;
  }
  return { truth: truth.calls.length, linked, wrong };
}

/** Truth headings found in order among the body's (longest common subsequence of normalised texts). */
function scoreHeadings(truth: string[], got: string[]): CaseScore['headings'] {
  const dp: number[][] = Array.from({ length: truth.length + 1 }, () => new Array<number>(got.length + 1).fill(0));
  for (let i = 1; i <= truth.length; i++) {
    for (let j = 1; j <= got.length; j++) dp[i]![j] = truth[i - 1] === got[j - 1] ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!);
  }
  const right = dp[truth.length]![got.length]!;
  return { truth: truth.length, right, spurious: got.length - right };
}

/** Runs of consecutive body words that the alignment left unmatched. */
function unmatchedRuns(bToA: Int32Array, words: string[]): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  for (let j = 0; j < words.length; j++) {
    if (bToA[j]! < 0) run.push(words[j]!);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

function countFurniture(runs: string[][], furniture: Furniture | undefined): number {
  if (!furniture) return 0;
  const heads = furniture.heads.map((h) => normalizeWords(h)).filter((h) => h.length > 0);
  let count = 0;
  for (const run of runs) {
    const used = new Array<boolean>(run.length).fill(false);
    for (const head of heads) {
      for (let i = 0; i + head.length <= run.length; i++) {
        if (head.every((w, k) => run[i + k] === w && !used[i + k])) {
          count++;
          for (let k = 0; k < head.length; k++) used[i + k] = true;
        }
      }
    }
    if (furniture.folios) {
      run.forEach((w, i) => {
        const n = /^[-–—]?(\d{1,4})[-–—]?$/.exec(w);
        if (!used[i] && n && Number(n[1]) >= 1 && Number(n[1]) <= (furniture.pages ?? 9999)) count++;
      });
    }
  }
  return count;
}

function countNoteWords(runs: string[][], truth: ScoredDoc): number {
  const grams = new Set<string>();
  for (const text of truth.notes.values()) {
    const w = normalizeWords(text);
    for (let i = 0; i + 4 <= w.length; i++) grams.add(w.slice(i, i + 4).join(' '));
  }
  let count = 0;
  for (const run of runs) {
    const mark = new Array<boolean>(run.length).fill(false);
    for (let i = 0; i + 4 <= run.length; i++) if (grams.has(run.slice(i, i + 4).join(' '))) for (let k = 0; k < 4; k++) mark[i + k] = true;
    count += mark.filter(Boolean).length;
  }
  return count;
}

/** Scores a body (imported or raw) against the ground truth. */
export function scoreDoc(truth: ScoredDoc, doc: ScoredDoc, furniture?: Furniture): CaseScore {
  const { bToA, distance } = alignWords(truth.words, doc.words);
  const truthBreaks = new Set(truth.blockStarts.filter((s) => s > 0));
  const found = new Set<number>();
  for (const s of doc.blockStarts) {
    if (s === 0) continue;
    const t = mapForward(bToA, s, truth.words.length);
    if (t > 0 && t < truth.words.length) found.add(t);
  }
  const foundBreaks = doc.blockStarts.filter((s) => s > 0).length;
  const matched = [...found].filter((t) => truthBreaks.has(t)).length;
  const runs = unmatchedRuns(bToA, doc.words);
  return {
    truthWords: truth.words.length,
    distance,
    wordAccuracy: truth.words.length ? Math.max(0, 1 - distance / truth.words.length) : 1,
    breaks: { truth: truthBreaks.size, found: foundBreaks, matched },
    paragraphF1: f1(matched, truthBreaks.size, foundBreaks),
    notes: scoreNotes(truth, doc, bToA),
    headings: scoreHeadings(truth.headings, doc.headings),
    furnitureLeft: countFurniture(runs, furniture),
    noteWordsLeft: countNoteWords(runs, truth),
  };
}

/** Sums of case scores, with the rates recomputed from the sums (not averaged). */
export function totalScores(scores: CaseScore[]): CaseScore {
  const sum = (f: (s: CaseScore) => number) => scores.reduce((n, s) => n + f(s), 0);
  const truthWords = sum((s) => s.truthWords);
  const distance = sum((s) => s.distance);
  const breaks = { truth: sum((s) => s.breaks.truth), found: sum((s) => s.breaks.found), matched: sum((s) => s.breaks.matched) };
  return {
    truthWords,
    distance,
    wordAccuracy: truthWords ? Math.max(0, 1 - distance / truthWords) : 1,
    breaks,
    paragraphF1: f1(breaks.matched, breaks.truth, breaks.found),
    notes: { truth: sum((s) => s.notes.truth), linked: sum((s) => s.notes.linked), wrong: sum((s) => s.notes.wrong) },
    headings: { truth: sum((s) => s.headings.truth), right: sum((s) => s.headings.right), spurious: sum((s) => s.headings.spurious) },
    furnitureLeft: sum((s) => s.furnitureLeft),
    noteWordsLeft: sum((s) => s.noteWordsLeft),
  };
}

/** Whether two names or titles are the same once case, punctuation and typography are set aside. */
export function samePhrase(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && normalizePhrase(a) === normalizePhrase(b);
}
