/**
 * Notes at the page foot, decided from the page's own evidence: a block at the foot whose lines start with the
 * numbers of calls found above it (in sequence) is that page's notes; the calls (`water.2`, `Street,3`) are
 * linked to them. A note that does not end on its page goes on at the foot of the next one, above that page's
 * own notes. A call that OCR misread (`water.!`, `Street,?`, `fluid®`) is recognised by its position between
 * the calls read right and by the sequence of the labels; where that does not single it out, nothing is linked
 * and a doubt says so.
 */
import { REF_CLOSE, REF_OPEN } from '../clean/types.js';
import { decideHyphen } from '../repair/join-hyphen-breaks.js';
import type { Vocabulary } from '../repair/vocabulary.js';
import type { PageLine } from './read-pages.js';
import { alignCalls, findCallMarksInLines, labelFits, type CallMark } from './calls.js';

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

function superscriptValue(s: string): string {
  return [...s].map((c) => String(SUPERSCRIPTS.indexOf(c))).join('');
}

/** A call glued after a word or its punctuation: `water.2`, `Street,3`, `said”4`, `fluid³`. */
const CALL = new RegExp(`(?<=[\\p{L}.,;:!?”’"')\\]—])(\\d{1,3}|[${SUPERSCRIPTS}]{1,3})(?=[\\s.,;:!?”’"')\\]—]|$)`, 'gu');
/** Characters OCR reads a superscript call as, glued after a word or its punctuation. */
const MISREAD = /(?<=[\p{L}.,;:])([!?”’"'*®°™])(?=\s|$)/gu;
/** The start of a note at the foot: `1 Text`, `1. Text`, `1Text`, `¹ Text`, or the label alone (`1`). */
const NOTE_START = new RegExp(`^(\\d{1,3}|[${SUPERSCRIPTS}]{1,3})(?:[.)]\\s*|\\s+|(?=[\\p{Lu}“‘"(])|$)(.*)$`, 'u');
/** The same with a label OCR misread: `! Text`, `* Text`, `' Text`. */
const MISREAD_START = /^(?:([!?*®°™>§%]{1,2}|[!?”’*®°™>§%]\d|\d[!?”’*®°™>§%])[.)]?\s*|([”’]{1,2})(?:[.)]\s*|\s+))([\p{Lu}“‘"(].*)$/u;

export interface FoundCall {
  /** index of the line in the page's body */
  at: number;
  index: number;
  length: number;
  value: number;
  misread?: boolean;
}

export interface PageNote {
  /** the label as printed (the sequence's number when OCR misread it) */
  label: string;
  lines: PageLine[];
  /** the note's call on its page, when one was found */
  call?: FoundCall;
  /** it goes on at the foot of the next page */
  continued?: boolean;
  /** the label as read, when the sequence gave it another number (OCR misread it) */
  relabelled?: string;
  /** its text may hold a note whose label OCR lost (so its call is not linked) */
  mayHoldLost?: boolean;
}

export function findCalls(text: string): { index: number; length: number; value: number }[] {
  return [...text.matchAll(CALL)].map((m) => ({ index: m.index!, length: m[1]!.length, value: Number(/\d/.test(m[1]!) ? m[1] : superscriptValue(m[1]!)) }));
}

interface Start {
  at: number;
  value?: number;
  /** the label as read */
  read: string;
  rest: string;
  /** the number the label may be when OCR glued it to a number opening the note (`272.78 modern` for 27) */
  alt?: number;
  /** the text after the label starts in lower case: a label only where the count expects that very number */
  lower?: boolean;
}

function readStart(text: string, at: number, options: { lower?: boolean } = {}): Start | undefined {
  const t = text.trim();
  const m = NOTE_START.exec(t);
  if (m) {
    const label = /\d/.test(m[1]!) ? m[1]! : superscriptValue(m[1]!);
    const glued = /^(\d{2,3})[.,]\d/.exec(t);
    const alt = glued ? { alt: Number(glued[1]!.slice(0, -1)) } : {};
    // `12 men came`: a number starting running text in lower case is no label; a year is no label either
    if (/^\p{Ll}/u.test(m[2]!) && !/^[.)]/.test(t.slice(m[1]!.length))) return options.lower ? { at, value: Number(label), read: label, rest: m[2]!, lower: true } : undefined;
    return { at, value: Number(label), read: label, rest: m[2]!, ...alt };
  }
  // a label glued to a first letter OCR read as a stroke (`21] follow…` for `21I follow…`)
  const g = /^(\d{1,3})[\]|](\s+\p{Ll}.*)$/u.exec(t);
  if (g) return { at, value: Number(g[1]), read: g[1]!, rest: `I${g[2]!}` };
  const w = MISREAD_START.exec(t);
  return w ? { at, read: (w[1] ?? w[2])!, rest: w[3]! } : undefined;
}

export interface PageNotesResult {
  /** the page's body lines (the notes taken off), calls replaced by note marks */
  body: PageLine[];
  notes: PageNote[];
  /** lines that continue the previous page's last note */
  continuation: PageLine[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Typical lengths: how long the body's full lines are (the 80th percentile of its lines' lengths). */
export function fullLength(lines: PageLine[]): number {
  const ls = lines.map((l) => l.text.trim().length).filter((n) => n > 0).sort((a, b) => a - b);
  return ls.length ? ls[Math.floor(ls.length * 0.8)]! : 0;
}

/**
 * The lines of a page that are surely body, to measure the body by: its upper half, down to the first line that
 * could open a block of notes (a label after a blank line or after a short line). A page whose notes were not
 * found yet must not lend their lines, set smaller and so longer, to the body's measure.
 */
export function surelyBodyLines(lines: PageLine[]): PageLine[] {
  const content = lines.filter((l) => l.text.trim() !== '');
  const half = content.length;
  let end = half;
  for (let i = 1; i < half; i++) {
    const before = lines[lines.indexOf(content[i]!) - 1];
    const afterGap = before !== undefined && before.text.trim() === '';
    const afterShort = content[i - 1]!.text.trim().length < 0.6 * Math.max(...content.slice(0, i).map((l) => l.text.trim().length));
    if ((afterGap || afterShort) && readStart(content[i]!.text, i)) {
      end = i;
      break;
    }
  }
  return content.slice(0, end);
}

/**
 * Finds a page's notes. `lines` are the page's lines without furniture (blank ones included); `open` says the
 * previous page's last note did not end there; `bodyWidth` is the body's full line length and `noteWidth` the
 * notes' (0 while unknown), which tells a note's continuation from the body above it.
 */
export function findPageNotes(
  lines: PageLine[],
  options: { open: boolean; bodyWidth: number; noteWidth: number; nextLabel: number; nextPageGoesOn?: boolean },
): { body: PageLine[]; notes: PageNote[]; continuation: PageLine[] } {
  const content = lines.filter((l) => l.text.trim() !== '');
  const starts = content.map((l, i) => readStart(l.text, i)).filter((s): s is Start => s !== undefined);
  const lowers = content.map((l, i) => readStart(l.text, i, { lower: true })).filter((s): s is Start => s?.lower === true);
  const wider = options.noteWidth > options.bodyWidth * 1.05;
  let best: { first: number; notes: PageNote[]; matched: number; evidence: number } | undefined;
  const blankBefore = (at: number) => {
    const i = lines.indexOf(content[at]!);
    return i > 0 && lines[i - 1]!.text.trim() === '';
  };
  // after a line that ends short: a paragraph's or a note's last line (a note goes on from the page before)
  const afterShort = (at: number) => at > 0 && content[at - 1]!.text.trim().length < options.bodyWidth * 0.6;
  const orphans: Start[] = content.flatMap((l, i) => {
    const above = i > 0 ? content[i - 1]!.text.trim() : '';
    const t = l.text.trim();
    return i > 0 && above.length < Math.max(options.bodyWidth, options.noteWidth) * 0.8 && /[.!?][”’)]?$/.test(above) && /^[\p{Lu}“‘"(]/u.test(t) ? [{ at: i, read: '', rest: t }] : [];
  });
  for (const s of starts) {
    const calls: CallMark[] = findCallMarksInLines(content.slice(0, s.at).map((l) => l.text));
    // the chain of labels from this start down to the foot, each one more than the one before; a label OCR
    // misread takes the number the sequence gives it, when its glyphs can be that number or it opens a block
    const firstValue = s.value ?? (labelFits(s.read, String(options.nextLabel)) || blankBefore(s.at) ? options.nextLabel : undefined);
    // the sequence may also be where the labels read as digits below say it is (a page whose notes were missed
    // leaves the document's count behind): the k-th start below labelled n puts this one at n − k
    const resyncs = new Set<number>();
    starts.filter((o) => o.at > s.at).forEach((o, k) => {
      const v = o.value === undefined ? 0 : o.value - k - 1;
      if (v >= 1 && v !== firstValue && labelFits(s.read, String(v))) resyncs.add(v);
    });
    if (s.value !== undefined && s.value !== firstValue) resyncs.add(s.value);
    const values: { value: number; resync: boolean }[] = [
      ...(firstValue !== undefined ? [{ value: firstValue, resync: false }] : []),
      ...[...resyncs].map((value) => ({ value, resync: true })),
    ];
    // each also with the notes whose labels OCR lost: below the first, a line that follows a short one ending a
    // sentence and starts one (the chain's labels read below must then agree with the count)
    const lost = options.bodyWidth > 0 ? orphans.filter((o) => o.at > s.at && !starts.some((t) => t.at === o.at)) : [];
    const candidates = values.flatMap((v) => [{ ...v, lost: [] as Start[] }, ...(lost.length ? [{ ...v, lost }] : [])]);
    for (const { value: first, resync, lost: extra } of candidates) {
    let expected = first;
    const chain: { start: Start; value: number; relabelled: boolean }[] = [];
    for (const o of [...starts, ...extra, ...lowers].sort((a, b) => a.at - b.at)) {
      if (o.at < s.at) continue;
      // a label before text in lower case (the note opens with a word its type lost): only the count's very number
      if (o.lower) {
        if (o.value === expected && blankBefore(o.at) && o.at > s.at) {
          chain.push({ start: o, value: expected, relabelled: false });
          expected++;
        }
        continue;
      }
      if (extra.includes(o)) {
        chain.push({ start: o, value: expected, relabelled: true });
        expected++;
        continue;
      }
      const fits = o.value === expected || o.alt === expected || labelFits(o.read, String(expected));
      // a label read as digits ahead of the count by one to three: the notes between lost their labels. Where the
      // lines since the chain's last note fall into as many blocks (a blank line before each) as notes are
      // missing, each block is one of them, in order (`13 …`, `aa literally …`, `The form …`, `16 …`)
      // (even when its digits could be misread ones of the count's number: the blocks are the evidence)
      if (chain.length > 0 && o.value !== undefined && o.value > expected && o.value - expected <= 3) {
        const last = chain[chain.length - 1]!.start.at;
        const blocks: number[] = [];
        for (let i = last + 1; i < o.at; i++) if (blankBefore(i)) blocks.push(i);
        if (blocks.length === o.value - expected && blankBefore(o.at)) {
          for (const at of blocks) chain.push({ start: { at, read: '', rest: content[at]!.text.trim() }, value: expected++, relabelled: true });
          chain.push({ start: o, value: expected++, relabelled: false });
          continue;
        }
      }
      // a resynced chain takes only labels that can be its numbers, or a glyph label opening a block
      const loose = resync ? o.value === undefined : o.value === undefined || o.value !== expected - 1;
      if (o === s || fits || (chain.length > 0 && blankBefore(o.at) && loose)) {
        chain.push({ start: o, value: expected, relabelled: o.value !== expected && o !== s ? true : o === s && s.value !== expected });
        expected++;
      }
    }
    // a note whose label was lost stands only between labels that agree with the count: after the last label
    // read, it may as well be the last note's next paragraph
    while (chain.length > 1 && extra.includes(chain[chain.length - 1]!.start)) chain.pop();
    if (extra.length && !chain.some((c) => extra.includes(c.start))) continue;
    // a chain that reaches the document's count further down (its label read right there) but starts below the
    // count takes in a numbered list of the body above the notes (`1. …` `2. …` over `5 The note…`): the notes
    // start at the count's label
    if (chain[0]!.value < options.nextLabel && chain.some((c, k) => k > 0 && c.value === options.nextLabel && c.start.value === options.nextLabel)) continue;
    const aligned = alignCalls(chain.map((c) => String(c.value)), calls, { bounded: true });
    const found: (FoundCall | undefined)[] = aligned.marks.map((c, k) =>
      c ? { at: c.at, index: c.index, length: c.length, value: chain[k]!.value, ...(aligned.misread[k] ? { misread: true } : {}) } : undefined,
    );
    const read = found.filter((c) => c && !c.misread).length;
    const all = found.filter((c) => c !== undefined).length;
    // notes whose labels are read right and follow on from the document's, set like notes, stand even when OCR
    // lost their calls (kept unlinked, with a doubt each)
    const labelsRead = chain.filter((c) => c.start.value === c.value || c.start.alt === c.value).length;
    const conflicts = chain.filter((c) => c.start.value !== undefined && c.start.alt !== c.value && !labelFits(c.start.read, String(c.value))).length;
    // a chain that does not follow on from the document's count stands on its own labels: read as digits where
    // they are digits (none read as another number), one at least, set like notes; a jump of more than 3 needs two
    const anchored = wider && conflicts === 0 && (chain[0]!.value > options.nextLabel || (resync && chain[0]!.value === options.nextLabel && content[s.at]!.text.trim().length > options.bodyWidth * 1.02)) && labelsRead >= 1 && (labelsRead >= 2 || chain[0]!.value - options.nextLabel <= 3);
    if (resync && !anchored) continue;
    // (or half of them and more read right, none read as another number: OCR loses some)
    const setAsNotes =
      wider && (blankBefore(s.at) || afterShort(s.at)) && (chain[0]!.value === options.nextLabel || anchored) && (labelsRead === chain.length || (conflicts === 0 && labelsRead >= 2 && labelsRead * 2 >= chain.length));
    if (!setAsNotes && (all === 0 || all * 2 < chain.length)) continue;
    // labels read wrong, or no call read right: the labels must follow on from the document's or be set like
    // notes, and a label read as digits must read right
    if (read === 0 && labelsRead === 0 && (chain[0]!.value !== options.nextLabel || (wider && content[s.at]!.text.trim().length <= options.bodyWidth))) continue;
    // labels that do not follow on from the document's, with no call read right: only marks that are hardly ever
    // text (not a quote) in a block set like notes
    const onlyStrong = aligned.marks.every((c) => !c || c.strength !== 'weak');
    const skipped = chain[0]!.value - options.nextLabel;
    if (read === 0 && skipped !== 0 && !anchored && (!wider || !onlyStrong || skipped < 0 || skipped > 3)) continue;
    // notes are set smaller than the body: their full lines hold more characters (a numbered list in the body's
    // type does not); a block whose notes are all one line long gives no such evidence
    const full = chain.flatMap((c, k) => {
      const end = k + 1 < chain.length ? chain[k + 1]!.start.at : content.length;
      return content.slice(c.start.at, end - 1).map((l) => l.text.trim().length).filter((n) => n > options.bodyWidth * 0.5);
    });
    // (a typesetter that sets its notes as wide as the body, in the same measure, leaves another evidence: the
    // first label stands right under a full body line that stops in mid-sentence, the body cut off by the foot,
    // with every note's call read above and the count going on)
    const above = s.at > 0 && !blankBefore(s.at) ? content[s.at - 1]!.text.trim() : '';
    const cutOff = above.length >= options.bodyWidth * 0.9 && !/[.!?:;”’"')\]]$/.test(above);
    const calledInSequence = read === chain.length && chain[0]!.value === options.nextLabel;
    if (options.bodyWidth > 0 && full.length >= 2 && median(full) <= options.bodyWidth * 1.04 && !(cutOff && calledInSequence)) continue;
    // where OCR lost or misread labels or calls on the page, a note with a break inside it like a note's end and
    // another's start (a short line ending a sentence, a capital after it) may hold a note whose label was lost:
    // its text is in doubt, so its call is not linked
    const misreadPage = chain.some((c) => c.relabelled) || found.some((c) => c === undefined || c.misread === true);
    const notes: PageNote[] = chain.map((c, k) => {
      const end = k + 1 < chain.length ? chain[k + 1]!.start.at : content.length;
      const holdsLost = misreadPage && orphans.some((o) => o.at > c.start.at && o.at < end);
      const call = holdsLost ? undefined : found[k];
      return {
        label: String(c.value),
        lines: content.slice(c.start.at, end),
        ...(call ? { call } : {}),
        ...(c.relabelled ? { relabelled: c.start.read } : {}),
        ...(holdsLost ? { mayHoldLost: true } : {}),
      };
    });
    // the more notes the better; with as many, the more calls read right, then the block nearer the foot
    if (
      !best ||
      labelsRead - conflicts > best.evidence ||
      (labelsRead - conflicts === best.evidence && (notes.length > best.notes.length || (notes.length === best.notes.length && read >= best.matched)))
    ) {
      best = { first: s.at, notes, matched: read, evidence: labelsRead - conflicts };
    }
    }
  }
  const first = best?.first ?? content.length;
  // the previous page's note goes on just above this page's notes
  const continuation: PageLine[] = [];
  if (options.open) {
    for (let i = first - 1; i >= 0; i--) {
      const l = content[i]!;
      const len = l.text.trim().length;
      const wide = options.noteWidth > options.bodyWidth * 1.05 && len > options.bodyWidth * 1.02;
      const lastAbove = i === first - 1 && content[i - 1] !== undefined;
      const afterWide = lastAbove && content[i - 1]!.text.trim().length > options.bodyWidth * 1.02 && wider;
      // a short line that ends a sentence below a full one that does not, while the next page goes on with the
      // body's sentence: the body did not end there, the note did
      const aboveFull = lastAbove ? content[i - 1]!.text.trim() : '';
      const endsHere = lastAbove && options.nextPageGoesOn === true && /[.!?”’)]$/.test(l.text.trim()) && aboveFull.length >= options.bodyWidth * 0.9 && !/[.!?:”’)]$/.test(aboveFull) && len < options.bodyWidth * 0.9;
      // a line in lower case right over the notes, under a body line that ended its sentence (and call): the body
      // does not go on that way, the open note does (`…rigorously enforced?11` / `phenomena.` / `5 The note…`)
      const resumesNote = lastAbove && /^\p{Ll}/u.test(l.text.trim()) && /[.!?][”’)]*\d{0,3}$/u.test(aboveFull) && /[.!?”’)]$/.test(l.text.trim());
      if (wide || afterWide || (continuation.length === 0 && (endsHere || resumesNote))) {
        continuation.unshift(l);
        continue;
      }
      break;
    }
  }
  // everything from the first line of the notes down is the page's foot
  const footFrom = continuation[0]?.line ?? best?.notes[0]?.lines[0]?.line ?? Infinity;
  const body = lines.filter((l) => l.line < footFrom);
  return { body, notes: best?.notes ?? [], continuation };
}

/** Joins a note's lines, deciding line-end hyphens like the body's. */
export function joinNoteText(lines: string[], vocabulary: Vocabulary): string {
  let out = '';
  for (const raw of lines) {
    const t = raw.trim().replace(/\s{2,}/g, ' ');
    if (!t) continue;
    if (!out) {
      out = t;
      continue;
    }
    const l = /(\p{L}+)-$/u.exec(out);
    const r = /^(\p{L}+)/u.exec(t);
    if (l && r) {
      const d = decideHyphen(l[1]!, r[1]!, vocabulary);
      out = d.action === 'join' ? out.slice(0, -1) + t : out + t;
    } else if (/[—–]$/.test(out)) out += t;
    else out += ` ${t}`;
  }
  return out;
}

/** Replaces a call in a line by the note's mark. */
export function markCall(line: PageLine, call: { index: number; length: number }, id: number): PageLine {
  return { ...line, text: `${line.text.slice(0, call.index)}${REF_OPEN}${id}${REF_CLOSE}${line.text.slice(call.index + call.length)}` };
}

/**
 * The marks OCR may have made of a call, between two positions of the page (line * 1000 + column): `!` or `?`
 * after punctuation (`water.!`), a closing quote after punctuation where no quote opened, `*`, `®`, `°`, `™`.
 */
export function misreadMarks(lines: PageLine[], after: number, before: number, quotes = true): { at: number; index: number; length: number }[] {
  const found: { at: number; index: number; length: number }[] = [];
  lines.forEach((l, at) => {
    for (const m of l.text.matchAll(MISREAD)) {
      const pos = at * 1000 + m.index!;
      if (pos <= after || pos >= before) continue;
      const ch = m[1]!;
      const prev = l.text[m.index! - 1]!;
      // `!` and `?` after a letter end a sentence; quotes after a letter close one: only after punctuation are they odd
      if (/[!?”’"']/.test(ch) && !/[.,;:]/.test(prev)) continue;
      if (!quotes && /[”’"']/.test(ch)) continue;
      if (/[”’"']/.test(ch) && (l.text.match(/[“‘]/g) ?? []).length >= (l.text.match(/[”’"']/g) ?? []).length) continue;
      found.push({ at, index: m.index!, length: 1 });
    }
  });
  return found;
}
