/**
 * The words a reader should find, as parity checks compare them: the book's own text (from the parsed
 * Markdown model) and the normalisation both sides go through.
 *
 * A word is what stands between spaces and dashes, reduced to its letters and digits, lower case, soft
 * hyphens and hyphens removed ("all-Russian" and "all-" / "Russian" at a line end are both `allrussian`).
 * A note call is its own token (`^3`); calls that stand side by side are one token (`^34`), since an
 * extractor may read them either way.
 */
import type { Token } from 'markdown-it';
import type { Book, Chapter } from '../model/types.js';

export interface Word {
  /** the comparison key: normalised word, or `^n` for a note call */
  key: string;
  /** the word as written, for messages */
  raw: string;
}

export interface BookWord extends Word {
  /** content/<book>/<file> */
  file: string;
  line?: number;
}

/** The book's words in reading order: body (headings included) and, apart, the notes in print order. */
export interface BookText {
  body: BookWord[];
  notes: BookWord[];
  /** the headings, in order, as word keys joined by spaces */
  headings: { text: string; key: string; file: string; line: number }[];
  /** note count per chapter, in order */
  noteCount: number;
}

/** Spaces and dashes (figure, en, em, horizontal bar) separate words; everything else belongs to one. */
const SEPARATOR = /[\s\u2012-\u2015\u2e3a\u2e3b]+/u;

/** A word reduced to what every extractor keeps: letters and digits, lower case (NFKC unfolds ligatures). */
export function normalizeWord(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Text → words (raw pieces that keep at least one letter or digit). */
export function splitWords(text: string): Word[] {
  const out: Word[] = [];
  for (const raw of text.split(SEPARATOR)) {
    const key = normalizeWord(raw);
    if (key !== '') out.push({ key, raw });
  }
  return out;
}

export function callKey(numbers: string[]): string {
  return `^${numbers.join('')}`;
}

/**
 * Inline children → words. Text that runs on across tokens ("un*usual*ly") stays one word; a page marker
 * inside a word does not split it; a note call ends the word before it.
 */
function inlineWords(children: Token[], push: (w: Word) => void, markOf: (n: number) => string = String): void {
  let pending = '';
  let calls: string[] = [];
  const flushText = () => {
    for (const w of splitWords(pending)) push(w);
    pending = '';
  };
  const flushCalls = () => {
    if (calls.length > 0) push({ key: callKey(calls), raw: `[${calls.join(',')}]` });
    calls = [];
  };
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'text' || t.type === 'code_inline') {
        if (t.content.trim() !== '') flushCalls();
        pending += t.content;
      } else if (t.type === 'softbreak' || t.type === 'hardbreak') {
        pending += ' ';
      } else if (t.type === 'footnote_ref') {
        flushText();
        calls.push(markOf((t.meta as { id: number }).id + 1));
      } else if (t.type === 'image') {
        // its alternative text is read out in place of the picture, not printed: no words of the page
        pending += ' ';
      } else if (t.children) {
        walk(t.children);
      }
    }
  };
  walk(children);
  flushText();
  flushCalls();
}

/** Block tokens → words, each with the file and line of its block. */
function blockWords(tokens: Token[], file: string, out: BookWord[], headings?: BookText['headings'], markOf?: (n: number) => string): void {
  let heading: { words: Word[]; line: number } | undefined;
  for (const t of tokens) {
    if (t.type === 'heading_open') heading = { words: [], line: (t.map?.[0] ?? 0) + 1 };
    if (t.type === 'heading_close' && heading && headings) {
      headings.push({ text: heading.words.map((w) => w.raw).join(' '), key: heading.words.map((w) => w.key).join(' '), file, line: heading.line });
      heading = undefined;
    }
    if (t.type !== 'inline' || !t.children) continue;
    const line = t.map ? t.map[0] + 1 : undefined;
    inlineWords(
      t.children,
      (w) => {
        out.push({ ...w, file, line });
        heading?.words.push(w);
      },
      markOf,
    );
  }
}

/** A call's mark: the note's (transform/mark-notes.ts), its number when the chapter has no such note. */
function markOfNote(chapter: Chapter): (n: number) => string {
  return (n) => chapter.notes.find((x) => x.number === n)?.mark ?? String(n);
}

/** Notes in the order print sets them: by chapter, by number (the order of first reference). */
function noteWords(chapter: Chapter, file: string, out: BookWord[]): void {
  for (const note of [...chapter.notes].sort((x, y) => x.number - y.number)) {
    const line = note.tokens.find((t) => t.map)?.map?.[0];
    // a symbol (*) is no word: the extractors drop it, as splitWords does
    if (normalizeWord(note.mark) !== '') out.push({ key: note.mark, raw: note.mark, file, line: line === undefined ? undefined : line + 1 });
    blockWords(note.tokens, file, out, undefined, markOfNote(chapter));
  }
}

export function bookText(book: Book): BookText {
  const text: BookText = { body: [], notes: [], headings: [], noteCount: 0 };
  for (const chapter of book.chapters) {
    const file = `content/${book.slug}/${chapter.file}`;
    blockWords(chapter.tokens, file, text.body, text.headings, markOfNote(chapter));
    noteWords(chapter, file, text.notes);
    text.noteCount += chapter.notes.length;
  }
  return text;
}
