/**
 * The body's lines, page after page, joined into paragraphs. A paragraph break is decided from the document's
 * own evidence: a blank line; in `pdftotext -layout` output, the indentation its paragraphs start with (when
 * the document indents paragraphs at all); and the line lengths (a line that stops with room for the next word
 * ends its paragraph: justified type fills every other line). A word broken at a line end is joined or keeps its
 * hyphen as the document's vocabulary and the word list decide.
 */
import { REF_CLOSE, REF_OPEN } from '../clean/types.js';
import { decideHyphen, reviewHyphen } from '../repair/join-hyphen-breaks.js';
import { isParagraphBreak } from '../repair/join-paragraphs.js';
import { estimateCapacities } from '../repair/line-capacity.js';
import type { Vocabulary } from '../repair/vocabulary.js';
import type { ImportContext } from '../types.js';

export type FlowItem =
  | { kind: 'text'; text: string; line: number; indent: number; page: number }
  | { kind: 'blank' }
  | { kind: 'page'; number?: string; page: number };

export interface Paragraph {
  text: string;
  line: number;
  /** printed lines it was joined from */
  lines: number;
  /** the longest of them, as printed */
  longest: number;
  /** it is the first text of its page */
  pageTop: boolean;
  /** the page it starts on (0-based position) */
  page: number;
  /** it was centred or set apart by indentation */
  centred: boolean;
}

const MARKS = new RegExp(`${REF_OPEN}\\d+${REF_CLOSE}`, 'g');
const plain = (s: string) => s.replace(MARKS, '');

/** The left margin of each page: the smallest indentation of its text lines. */
function margins(items: FlowItem[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const it of items) if (it.kind === 'text') m.set(it.page, Math.min(m.get(it.page) ?? Infinity, it.indent));
  return m;
}

export function buildParagraphs(items: FlowItem[], vocabulary: Vocabulary, ctx: ImportContext): Paragraph[] {
  const texts = items.filter((i): i is Extract<FlowItem, { kind: 'text' }> => i.kind === 'text');
  const margin = margins(items);
  const rel = (t: { indent: number; page: number }) => t.indent - (margin.get(t.page) ?? 0);
  const lengths = texts.map((t) => plain(t.text).trim().length);
  const capacities = estimateCapacities(lengths);
  const capacityOf = new Map(texts.map((t, i) => [t, capacities[i]!] as const));
  // does the document indent its paragraphs? (a share of lines starts 1–8 spaces in, the rest at the margin)
  const indented = texts.filter((t) => rel(t) >= 1 && rel(t) <= 8).length;
  const usesIndent = texts.length >= 20 && indented >= texts.length * 0.02 && indented <= texts.length * 0.5;
  const full = [...lengths].sort((a, b) => a - b)[Math.floor(lengths.length * 0.8)] ?? 0;
  const isCentred = (t: Extract<FlowItem, { kind: 'text' }>) => rel(t) > 8 && plain(t.text).trim().length < full * 0.8;
  const following = new Map(texts.map((t, i) => [t, texts[i + 1]] as const));
  // a short line without a stop of its own between a sentence's end and a line that starts like one stands alone:
  // a term over its definition, a heading, a name (`…a tinkling cymbal.` / `Abba` / `A father who…`), whatever
  // the lengths around say (a text of many short lines leaves the line lengths no measure to judge it by)
  const standsAlone = (t: Extract<FlowItem, { kind: 'text' }>, prev: string) => {
    const own = plain(t.text).trim();
    const after = following.get(t);
    return (
      own.length <= full * 0.4 &&
      /^\p{Lu}/u.test(own) &&
      !/[.,;:!?—–-]$/u.test(own) &&
      /[.!?][”’)]*$/u.test(prev) &&
      (after === undefined || /^[\p{Lu}\d“‘"(]/u.test(plain(after.text).trim()))
    );
  };

  const out: Paragraph[] = [];
  let current: Paragraph | undefined;
  let previous: Extract<FlowItem, { kind: 'text' }> | undefined;
  let blank = false;
  let markers: string[] = [];
  let newPage = true;
  for (const item of items) {
    if (item.kind === 'blank') {
      blank = true;
      continue;
    }
    if (item.kind === 'page') {
      if (item.number) markers.push(`{{page ${item.number}}}`);
      newPage = true;
      blank = false;
      continue;
    }
    const text = item.text.trim().replace(/\s{2,}/g, ' ');
    let brk = !current || !previous;
    if (current && previous) {
      const prev = plain(previous.text).trim();
      const next = plain(text);
      const hyphen = /\p{L}-$/u.test(prev) && /^\p{L}/u.test(next);
      if (hyphen || /[—–]$/.test(prev)) brk = false;
      else if (blank && !/^\p{Ll}/u.test(next)) brk = true;
      else if (isCentred(item) || isCentred(previous)) brk = true;
      else if (standsAlone(item, prev)) brk = true;
      else if (usesIndent && rel(item) >= 1 && rel(item) <= 8 && !/^\p{Ll}/u.test(next)) brk = true;
      else
        brk = isParagraphBreak({
          previous: prev,
          printed: prev.length,
          next,
          capacity: capacityOf.get(previous)!,
          blank: false,
        });
      // in a document that indents its paragraphs, a full line followed by one at the margin goes on
      if (brk && usesIndent && !blank && rel(item) === 0 && !isCentred(previous) && prev.length >= capacityOf.get(previous)! * 0.9) brk = false;
    }
    if (brk) {
      if (current) out.push(current);
      current = {
        text: [...markers, text].join(' '),
        line: item.line,
        lines: 1,
        longest: plain(text).length,
        pageTop: newPage,
        page: item.page,
        centred: isCentred(item),
      };
    } else {
      const cur = current!;
      const prevText = cur.text;
      const l = /(\p{L}+)-$/u.exec(plain(prevText));
      const r = /^(\p{L}+)/u.exec(text);
      const pre = markers.length ? ` ${markers.join(' ')}` : '';
      if (l && r && /-$/.test(prevText)) {
        const d = decideHyphen(l[1]!, r[1]!, vocabulary);
        if (d.doubt) reviewHyphen(ctx, 'join-hyphen-breaks', previous!.line, `${l[1]}-`, r[1]!, d);
        // the page marker goes after the joined word
        const rest = text.slice(r[1]!.length);
        cur.text = d.action === 'join' ? `${prevText.slice(0, -1)}${r[1]}${pre}${rest}` : `${prevText}${r[1]}${pre}${rest}`;
      } else if (/[—–]$/.test(prevText)) cur.text = `${prevText}${pre ? `${pre} ` : ''}${text}`;
      else cur.text = `${prevText}${pre} ${text}`;
      cur.lines++;
      cur.longest = Math.max(cur.longest, plain(text).length);
    }
    markers = [];
    previous = item;
    blank = false;
    newPage = false;
  }
  if (current) {
    if (markers.length) current.text = [current.text, ...markers].join(' ');
    out.push(current);
  }
  ctx.review({ rule: 'join-paragraphs', kind: 'fixed', message: `${texts.length} lines joined into ${out.length} paragraphs${usesIndent ? ' (paragraphs start indented)' : ''}` });
  return out;
}
