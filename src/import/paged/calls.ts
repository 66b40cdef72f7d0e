/**
 * Note calls as an extraction gives them, and their alignment with the notes' labels.
 *
 * A call is a number set small and high after a word or its punctuation. pdftotext reads it as digits glued to
 * the word (`water.2`); OCR often reads the small digits as other glyphs (`water.!`, `Street,?`, `fluid®`,
 * `defeat.’®` for 18). Which note a mark calls is decided by the evidence of the whole sequence: the notes'
 * labels in order, the marks in the text in order, digits read right as anchors, and between them marks whose
 * glyphs can be the label's digits. A mark that could be anything (a quote that may close a quotation) is
 * believed only where its place leaves no other choice; where nothing singles a mark out, nothing is linked.
 */

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * The digits each glyph may stand for when OCR misreads a superscript digit (tesseract on small, raised type):
 * a general property of the glyphs' shapes, not of any text.
 */
const GLYPH_DIGITS: Record<string, string> = {
  '!': '1',
  "'": '1',
  '‘': '1',
  '’': '17',
  '"': '27',
  '“': '2',
  '”': '27',
  '?': '29',
  '*': '342',
  '>': '53',
  '°': '05698',
  '®': '3568902',
  '%': '32',
  '§': '85',
  '™': '',
  '¢': '',
};
/** digits OCR confuses with one another at superscript size */
const DIGIT_DIGITS: Record<string, string> = {
  '0': '09',
  '1': '17',
  '2': '2',
  '3': '358',
  '4': '4',
  '5': '53',
  '6': '68',
  '7': '71',
  '8': '863',
  '9': '90',
};

const MARK_GLYPHS = Object.keys(GLYPH_DIGITS).join('').replace(/[\]\\^-]/g, '\\$&');
const QUOTES = /^[’'"”‘“]+$/;

export interface CallMark {
  /** index of the line (or paragraph) the mark is in */
  at: number;
  index: number;
  length: number;
  /** the mark as read */
  text: string;
  /** the number, when the mark is digits read as digits */
  value?: number;
  /** exact: digits; strong: a glyph that is hardly ever text there; weak: a quote that may close a quotation */
  strength: 'exact' | 'strong' | 'weak';
}

const TAIL = new RegExp(`(?<=\\p{L})([^\\s\\p{L}]{1,7})(?=\\s|$)`, 'gu');
const LEAD = /^[.,;:)\]—–…]*/u;

function superscriptDigits(s: string): string {
  return [...s].map((c) => (SUPERSCRIPTS.includes(c) ? String(SUPERSCRIPTS.indexOf(c)) : c)).join('');
}

/** Quotes in the line up to `index` that opened and did not close: a closing quote there may be a real one. */
function openQuotes(text: string, index: number, carried = 0): boolean {
  return quoteBalance(text.slice(0, index), carried) > 0;
}

/** Quotations open after `text`, given those open before it. */
function quoteBalance(text: string, carried: number): number {
  let open = carried;
  for (const m of text.matchAll(/[“‘]|”|’(?!\p{L})/gu)) open = /[“‘]/.test(m[0]) ? open + 1 : Math.max(0, open - 1);
  return open;
}

/** The marks of several lines in a row (a page's body, a paragraph each): a quotation may open on one line and close on the next. */
export function findCallMarksInLines(texts: string[]): CallMark[] {
  let carried = 0;
  return texts.flatMap((t, at) => {
    const found = findCallMarks(t, at, carried);
    carried = Math.min(2, quoteBalance(t, carried));
    return found;
  });
}

/**
 * The marks in a line that may be note calls: digits glued after a word or its punctuation (`water.2`,
 * `Street,3`, `said”4`, `fluid³`), and the glyphs OCR makes of them after the word's own punctuation.
 */
export function findCallMarks(text: string, at: number, carried = 0): CallMark[] {
  const out: CallMark[] = [];
  for (const m of text.matchAll(TAIL)) {
    const tail = m[1]!;
    // the word's own punctuation first: stops, commas, a dash; then one ? or ! when more follows
    let i = LEAD.exec(tail)![0].length;
    // (after a stop, a `!` or `?` is the mark's own: `character.!2` is 12)
    // (straight after a letter, where the sentence goes on in lower case, it is the mark's too: `li?7 the` is 27)
    const onward = /^\s+\p{Ll}/u.test(text.slice(m.index! + tail.length));
    if (i === 0 && i < tail.length - 1 && /[?!]/.test(tail[i]!) && !(onward && /^[?!][\d⁰-⁹]{1,2}$/.test(tail))) i++;
    let mark = tail.slice(i);
    // a closing parenthesis, bracket or stop after the mark belongs to the text (`water.2)`)
    const trail = /[.,;:)\]]+$/.exec(mark);
    if (trail && trail[0].length < mark.length) mark = mark.slice(0, -trail[0].length);
    if (!mark) continue;
    const index = m.index! + i;
    const digits = superscriptDigits(mark);
    if (/^\d{1,3}$/.test(digits)) {
      out.push({ at, index, length: mark.length, text: mark, value: Number(digits), strength: 'exact' });
      continue;
    }
    if (mark.length > 3 || ![...mark].every((c) => c in GLYPH_DIGITS || /\d/.test(superscriptDigits(c)))) continue;
    const afterStop = i > 0;
    if (QUOTES.test(mark)) {
      // a quote after a letter or a stop mostly closes a quotation: only one with none open may be a call
      if (mark.length === 1 && openQuotes(text, index, carried)) continue;
      if (mark.length === 1 && /[“‘]/.test(mark)) continue;
      out.push({ at, index, length: mark.length, text: mark, strength: mark.length > 1 && afterStop ? 'strong' : 'weak' });
      continue;
    }
    // `?` or `!` straight after a letter ends a sentence; after the sentence's own stop it is a call; so is one
    // after a letter that the sentence goes on from in lower case (`the Lassalleans! in Germany`), which prose
    // hardly ever has (a quote there is often an apostrophe: `the workers’ party`)
    const goesOn = /^\s+\p{Ll}/u.test(text.slice(index + mark.length));
    if (/^[?!]$/.test(mark) && !afterStop && !goesOn) continue;
    if (/^[?!]$/.test(mark) && !afterStop) {
      out.push({ at, index, length: mark.length, text: mark, strength: 'strong' });
      continue;
    }
    const prose = /^[?!]+$/.test(mark) && (/[?!]/.test(tail.slice(0, i)) || (mark.length > 1 && !afterStop));
    out.push({ at, index, length: mark.length, text: mark, strength: prose ? 'weak' : 'strong' });
  }
  // a call after a space the extraction put before the word's stop (`l i ,27`), and one the line broke off its
  // word, left at the end of the paragraph (`trained? 13`)
  for (const m of text.matchAll(/(?<=\s)[.,;:]([\d⁰-⁹]{1,3})(?=\s|$)|(?<=[\p{L}][.?!”’]\s)([\d⁰-⁹]{1,3})\s*$/gu)) {
    const digits = superscriptDigits(m[1] ?? m[2]!);
    const index = m.index! + (m[1] ? 1 : 0);
    out.push({ at, index, length: digits.length, text: digits, value: Number(digits), strength: 'exact' });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Can the mark as read be the label (each glyph one of the digits it may stand for)? */
export function markFits(mark: string, label: string): boolean {
  const chars = [...superscriptDigits(mark)];
  if (chars.length !== label.length) return false;
  return chars.every((c, k) => (/\d/.test(c) ? (DIGIT_DIGITS[c] ?? c) : (GLYPH_DIGITS[c] ?? '')).includes(label[k]!));
}

/**
 * Does the mark as read say it is another number than the label? Each of its glyphs stands for known digits
 * (`!` for 1, `?` for 2 or 9), and they cannot spell the label; a glyph that may be any digit (`¢`) says nothing.
 */
export function contradicts(mark: string, label: string): boolean {
  if (markFits(mark, label)) return false;
  return [...superscriptDigits(mark)].every((c) => /\d/.test(c) || (GLYPH_DIGITS[c] ?? '') !== '');
}

/** A label at the start of a note as OCR may read it (`!`, `?`, `5` for 3, `*4`): can it be `label`? */
export function labelFits(read: string, label: string): boolean {
  // OCR often loses a label's first digit at the page foot (`3Less…` for 23): the rest must fit
  return read === label || markFits(read, label) || (read.length > 0 && label.length === read.length + 1 && markFits(read, label.slice(1)));
}

function score(label: string, c: CallMark): number {
  // digits read right outweigh any number of marks that only fit: the most of them are the anchors
  if (c.value !== undefined && String(c.value) === label) return 1000;
  if (markFits(c.text, label)) return c.strength === 'weak' ? 3 : 6;
  return c.strength === 'weak' ? -Infinity : 0.5;
}

export interface Alignment {
  /** for each label, the mark that calls it (undefined: none found, or none singled out) */
  marks: (CallMark | undefined)[];
  /** for each label, the mark was not read as its number (OCR misread it) */
  misread: boolean[];
  /** for each label, the mark was chosen only as the one clear best pairing of its stretch (decideByMargin) */
  byMargin: boolean[];
}

const pos = (c: CallMark) => c.at * 1e6 + c.index;

/**
 * Aligns labels (in order) with marks (in the text's order): the order-keeping pairing that scores best, digits
 * read right first, then glyphs that fit the label's digits. A pair is kept when the mark reads as its label, or
 * is the only one between its decided neighbours that fits it; between two decided places holding as many marks as
 * labels, the marks are the labels' in order (their places alone say so). `bounded`: the candidates' ends are the
 * ends of the notes' reach (a page), so the stretches before the first and after the last decided place count.
 */
export function alignCalls(labels: string[], candidates: CallMark[], options: { bounded?: boolean; marginBounded?: boolean } = {}): Alignment {
  const cands = [...candidates].sort((a, b) => pos(a) - pos(b));
  const n = labels.length;
  const m = cands.length;
  // best[i][j]: the best score for labels[0..i) with marks[0..j)
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const move: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      let b = best[i - 1]![j]!;
      let mv = 1; // label i-1 without a mark
      if (best[i]![j - 1]! > b) {
        b = best[i]![j - 1]!;
        mv = 2; // mark j-1 calls nothing
      }
      const s = score(labels[i - 1]!, cands[j - 1]!);
      if (s > 0 && best[i - 1]![j - 1]! + s > b) {
        b = best[i - 1]![j - 1]! + s;
        mv = 3;
      }
      best[i]![j] = b;
      move[i]![j] = mv;
    }
  }
  const pairs: (number | undefined)[] = new Array(n).fill(undefined);
  for (let i = n, j = m; i > 0 && j > 0; ) {
    const mv = move[i]![j]!;
    if (mv === 3) {
      pairs[i - 1] = j - 1;
      i--;
      j--;
    } else if (mv === 1) i--;
    else j--;
  }
  const exact = (k: number) => pairs[k] !== undefined && cands[pairs[k]!]!.value !== undefined && String(cands[pairs[k]!]!.value) === labels[k];
  // kept: the label's mark, decided; digits read right first, then the stretches between decided ones
  const kept: (number | undefined)[] = pairs.map((j, k) => (exact(k) ? j : undefined));
  for (let changed = true, passes = 0; changed && passes < n + 1; passes++) {
    changed = false;
    for (let q1 = -1; q1 < n; ) {
      let q2 = q1 + 1;
      while (q2 < n && kept[q2] === undefined) q2++;
      if (q2 > q1 + 1) {
        const lo = q1 >= 0 ? kept[q1]! : -1;
        const hi = q2 < n ? kept[q2]! : m;
        const ls: number[] = [];
        for (let k = q1 + 1; k < q2; k++) ls.push(k);
        const ms: number[] = [];
        for (let j = lo + 1; j < hi; j++) ms.push(j);
        const closed = (q1 >= 0 || options.bounded === true) && (q2 < n || options.bounded === true);
        // marks whose glyphs say they are other numbers (`!` is a 1, `??` two digits), half of them or more: their
        // places are no evidence (a call lost and another mark taken in its stead shifts them all)
        const placed = ms.length === ls.length && ls.filter((k, x) => contradicts(cands[ms[x]!]!.text, labels[k]!)).length * 2 < ls.length;
        if (closed && ms.length === ls.length && ms.length > 0 && placed) {
          // as many marks as labels between two decided places: in order, one each (a weak mark only if it fits)
          ls.forEach((k, x) => {
            const c = cands[ms[x]!]!;
            if (c.strength !== 'weak' || markFits(c.text, labels[k]!)) {
              kept[k] = ms[x]!;
              changed = true;
            }
          });
        } else {
          for (const k of ls) {
            const j = pairs[k];
            if (j === undefined || j <= lo || j >= hi) continue;
            const c = cands[j]!;
            if (!markFits(c.text, labels[k]!)) continue;
            // the only mark of the stretch that can be this label, and this label the only one it can be (a quote
            // only where no other mark stands in the stretch)
            const strong = ms.filter((x) => cands[x]!.strength !== 'weak');
            if (c.strength === 'weak' && (strong.length > 0 || ms.length > 1 || !closed)) continue;
            if (c.strength !== 'weak' && strong.filter((x) => markFits(cands[x]!.text, labels[k]!)).length !== 1) continue;
            if (ls.filter((x) => markFits(c.text, labels[x]!)).length !== 1) continue;
            kept[k] = j;
            changed = true;
          }
        }
      }
      q1 = q2;
    }
  }
  const before = [...kept];
  decideByMargin(labels, cands, kept, options.bounded === true || options.marginBounded === true);
  return {
    marks: kept.map((j) => (j !== undefined ? cands[j] : undefined)),
    byMargin: kept.map((j, k) => j !== undefined && before[k] === undefined),
    misread: kept.map((j, k) => j !== undefined && !(cands[j]!.value !== undefined && String(cands[j]!.value) === labels[k])),
  };
}

/** How much better the chosen pairing must be than any other choice for a label, to be believed. */
const MARGIN = 3;

/**
 * The labels still undecided between two decided places (or the reach's ends, when `bounded`), decided where the
 * stretch's best order-keeping pairing leaves no doubt: a label whose mark fits its digits, and every pairing that
 * gives the label another mark or none scores at least MARGIN less (`law.?` for 9 between `death.>` for 5 and a
 * lost call: the one way to place the stretch's marks that lets each fit its label). Changes `kept` in place.
 */
function decideByMargin(labels: string[], cands: CallMark[], kept: (number | undefined)[], bounded: boolean): void {
  const n = labels.length;
  for (let q1 = -1; q1 < n; ) {
    let q2 = q1 + 1;
    while (q2 < n && kept[q2] === undefined) q2++;
    const closed = (q1 >= 0 || bounded) && (q2 < n || bounded);
    if (q2 > q1 + 1 && closed) {
      const lo = q1 >= 0 ? kept[q1]! : -1;
      const hi = q2 < n ? kept[q2]! : cands.length;
      const ls = labels.slice(q1 + 1, q2);
      const ms = cands.slice(lo + 1, hi);
      marginPairs(ls, ms).forEach((x, k) => {
        if (x !== undefined) kept[q1 + 1 + k] = lo + 1 + x;
      });
    }
    q1 = q2;
  }
}

/** For each label, the mark every near-best pairing gives it (undefined: none, or no clear choice). */
export function marginPairs(labels: string[], marks: CallMark[]): (number | undefined)[] {
  const n = labels.length;
  const m = marks.length;
  const s = (i: number, j: number) => score(labels[i]!, marks[j]!);
  // forward: the best for labels[0..i) with marks[0..j); backward: for labels[i..n) with marks[j..m)
  const fw: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const bw: number[][] = Array.from({ length: n + 2 }, () => new Array<number>(m + 2).fill(0));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const pair = s(i - 1, j - 1);
      fw[i]![j] = Math.max(fw[i - 1]![j]!, fw[i]![j - 1]!, pair > 0 ? fw[i - 1]![j - 1]! + pair : -Infinity);
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const pair = s(i, j);
      bw[i]![j] = Math.max(bw[i + 1]![j]!, bw[i]![j + 1]!, pair > 0 ? bw[i + 1]![j + 1]! + pair : -Infinity);
    }
  }
  return labels.map((label, i) => {
    // each choice for label i: one of the marks, or none (the pairing splits the marks at some j around it)
    let none = -Infinity;
    for (let j = 0; j <= m; j++) none = Math.max(none, fw[i]![j]! + bw[i + 1]![j]!);
    const options = marks.map((c, j) => {
      const pair = s(i, j);
      return pair > 0 ? fw[i]![j]! + pair + bw[i + 1]![j + 1]! : -Infinity;
    });
    let best = -1;
    options.forEach((v, j) => {
      if (best < 0 || v > options[best]!) best = j;
    });
    if (best < 0 || !markFits(marks[best]!.text, label)) return undefined;
    const rival = Math.max(none, ...options.filter((_, j) => j !== best));
    return options[best]! - rival >= MARGIN ? best : undefined;
  });
}
