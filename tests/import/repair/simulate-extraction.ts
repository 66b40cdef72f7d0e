/**
 * Simulates what PDF text extraction and scanning do to clean paragraphs, so the repairs can be tested on a text
 * whose right answer is known: lines broken at a width with hyphens (and real hyphens left at line ends), page
 * turns shown by a leading space or by a page number with a running head, notes at page bottoms, blank lines
 * between paragraphs or none at all, stray blank lines after broken words, letter-spaced justified lines.
 */
import { seededRandom } from '../../helpers/random.js';

export interface Layout {
  /** characters per line */
  width: number;
  /** body lines per page */
  pageLines: number;
  seed: number;
  /** `pdf`: blank lines between paragraphs, numbered notes; `scan`: no blank lines, starred notes, letter-spacing */
  style: 'pdf' | 'scan';
}

export interface SimulatedExtraction {
  raw: string;
  /** the paragraphs as the repair should give them back (references glued as printed) */
  paragraphs: string[];
  notes: { label: string; text: string }[];
  /** every page after the first: its number, the index (in the words of all paragraphs) of the first word that
   * starts on it, and whether the number was printed */
  pages: { number: number; firstWord: number; printed: boolean }[];
}

/** mulberry32: a small seeded generator, so every layout is reproducible. */
export const makeRandom = seededRandom;

const NOTE_TEXTS = [
  'See Vol. IV, p. 380.',
  'My italics.—J. St.',
  'The reference here, as in other citations from the works of V. I. Lenin, is to the third Russian edition.',
  'Karl Marx and Frederick Engels, Selected Works, Moscow, 1951, Vol. I, p. 61.',
  'A Russian saying carried over from the Russo-Turkish War of 1877-78.',
];

const STAR = '\u0001';

interface Word {
  text: string;
  /** index among all the words of the text */
  index: number;
  /** this word carries note reference number `note` */
  note?: number;
}

interface Line {
  text: string;
  /** the words that end on this line */
  words: Word[];
  /** the words that start on this line */
  starts: Word[];
  /** the last line of its paragraph */
  last: boolean;
  /** ends with a hyphen that breaks a word (stray blank lines may follow it) */
  broken: boolean;
}

/** Breaks a paragraph into lines of at most `width` characters, hyphenating long words to fill lines. */
function breakLines(words: Word[], width: number, random: () => number): Line[] {
  const lines: Line[] = [];
  let text = '';
  let ends: Word[] = [];
  let starts: Word[] = [];
  const flush = (broken: boolean) => {
    lines.push({ text, words: ends, starts, last: false, broken });
    text = '';
    ends = [];
    starts = [];
  };
  for (const word of words) {
    let rest = word.text;
    let first = true;
    const place = (piece: string, done: boolean) => {
      text += (text ? ' ' : '') + piece;
      if (first) starts.push(word);
      first = false;
      if (done) ends.push(word);
    };
    while (rest) {
      const sep = text ? 1 : 0;
      if (text.length + sep + rest.length <= width) {
        place(rest, true);
        rest = '';
        continue;
      }
      const room = width - text.length - sep;
      // a real hyphen at the line end: "non-" / "Party"
      const hy = rest.lastIndexOf('-', room - 1);
      if (hy > 1 && /\p{L}/u.test(rest[hy - 1]!) && /\p{L}/u.test(rest[hy + 1] ?? '')) {
        place(rest.slice(0, hy + 1), false);
        rest = rest.slice(hy + 1);
        flush(false);
        continue;
      }
      // a typesetter's hyphen inside the word's letters
      const letters = /^\p{L}+/u.exec(rest)?.[0] ?? '';
      const cut = Math.min(room - 1, letters.length - 3);
      if (cut >= 3 && random() < 0.8) {
        place(rest.slice(0, cut) + '-', false);
        rest = rest.slice(cut);
        flush(true);
        continue;
      }
      if (!text) {
        place(rest, true);
        rest = '';
      }
      flush(false);
    }
  }
  if (text) flush(false);
  lines[lines.length - 1]!.last = true;
  return lines;
}

/** Spreads a line letter by letter, as a justified line of few words comes out of some extractions. */
function letterSpace(text: string): string {
  return text
    .split(' ')
    .map((w) => [...w].join(' '))
    .join(' ');
}

export function simulateExtraction(clean: string[], layout: Layout): SimulatedExtraction {
  const random = makeRandom(layout.seed);
  let index = 0;
  let noteCount = 0;
  const noteOf = new Map<number, string>();
  const paragraphsWords: Word[][] = clean.map((p) => {
    const words = p.split(/\s+/).map((text) => ({ text, index: index++ }) as Word);
    // a reference after a word that ends a sentence or a clause, now and then
    for (const w of words) {
      // stars count per page in the scan: keep them few (as printed books do)
      if (/[\p{L}.,”]$/u.test(w.text) && w.text.length > 3 && random() < (layout.style === 'pdf' ? 0.012 : 0.004)) {
        w.note = ++noteCount;
        noteOf.set(noteCount, NOTE_TEXTS[noteCount % NOTE_TEXTS.length]!);
      }
    }
    return words;
  });
  // labels: numbers in the pdf, stars counted per page in the scan (assigned once pages are known)
  const label = new Map<number, string>();
  const dropped = new Set<number>();
  const lines: Line[] = [];
  for (const words of paragraphsWords) {
    // in the scan the star's count depends on the page: a one-character placeholder holds its place until then
    const shown = words.map((w) => (w.note ? { ...w, text: w.text + (layout.style === 'pdf' ? String(w.note) : STAR) } : w));
    lines.push(...breakLines(shown, layout.width, random));
  }
  const out: string[] = [];
  const pages: { number: number; firstWord: number; printed: boolean }[] = [];
  const notes: { label: string; text: string }[] = [];
  let pageNumber = 1;
  for (let start = 0; start < lines.length; start += layout.pageLines) {
    const page = lines.slice(start, start + layout.pageLines);
    const refs = page.flatMap((l) => l.words.filter((w) => w.note && !label.has(w.note)));
    let unique = [...new Set(refs)];
    // a page carries at most three starred notes (*, **, ***); further references are dropped
    if (layout.style === 'scan') {
      for (const w of unique.slice(3)) dropped.add(w.note!);
      unique = unique.slice(0, 3);
    }
    unique.forEach((w, i) => label.set(w.note!, layout.style === 'pdf' ? String(w.note) : '*'.repeat(i + 1)));
    if (start > 0) {
      pageNumber++;
      const first = page.flatMap((l) => l.starts)[0]!;
      const numbered = random() < (layout.style === 'scan' ? 0.35 : 0.2);
      pages.push({ number: pageNumber, firstWord: first.index, printed: numbered });
      if (numbered) {
        out.push('', '', String(pageNumber), '', pageNumber % 2 ? 'THE FOUNDATIONS OF LENINISM' : 'J. V. S T A L I N', '');
      }
      page[0] = { ...page[0]!, text: (numbered ? '' : ' ') + page[0]!.text };
    }
    page.forEach((line, i) => {
      let text = line.text;
      for (const w of line.words) {
        if (w.note && layout.style === 'scan' && text.includes(STAR)) text = text.replace(STAR, dropped.has(w.note) ? '' : label.get(w.note)!);
      }
      if (layout.style === 'scan' && !line.last && random() < 0.03 && !text.startsWith(' ')) text = letterSpace(text);
      out.push(text);
      if (layout.style === 'pdf' && line.last && i < page.length - 1) out.push('');
      if (layout.style === 'pdf' && line.broken && random() < 0.15) out.push('');
    });
    if (unique.length) {
      if (layout.style === 'pdf') out.push('');
      for (const w of unique) {
        const l = label.get(w.note!)!;
        const text = noteOf.get(w.note!)!;
        notes.push({ label: l, text });
        out.push(layout.style === 'pdf' ? `${l}. ${text}` : `${l} ${text}`);
      }
    }
  }
  const paragraphs = paragraphsWords.map((ws) =>
    ws.map((w) => (w.note && !dropped.has(w.note) ? w.text + label.get(w.note)! : w.text)).join(' '),
  );
  return { raw: out.join('\n') + '\n', paragraphs, notes, pages };
}
