/**
 * The periodicals a text names, read from its own source lines: "Pravda, No. 23, January 30, 1924" says that
 * "Pravda" is a periodical (a name, then an issue number or a date). They become the book's `titles:` list
 * (set in italics wherever the text names them, transform/cite-titles.ts), suggested as a doubt for a person
 * to review: the importer never guesses a title from running text.
 */
import type { ImportContext, ImportedBook } from '../types.js';

const MONTHS = /^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/;

/** The name a source line opens with, when an issue number or a date follows it; else undefined. */
export function periodicalOf(line: string): string | undefined {
  const m = /^\*?([^,*]+?)\*?,\s*(?:Nos?\.\s*\d|№\s*\d|#\s*\d|\p{Lu}\p{Ll}+\.?\s+\d{1,2}\b|\d{1,2}\s+\p{Lu}\p{Ll}+|\d{4}\b)/u.exec(line.trim());
  if (!m) return undefined;
  const name = m[1].trim();
  const words = name.split(/\s+/);
  // a name of one to five words that begins with a capital, and is not itself a date or a place and date
  if (words.length > 5 || !/^\p{Lu}/u.test(name) || MONTHS.test(name) || /[\d:;]/.test(name)) return undefined;
  // a word of its own (not initials alone)
  if (!words.some((w) => /^\p{Lu}\p{Ll}{2,}/u.test(w))) return undefined;
  return name;
}

const SOURCE_BLOCK = /^::: source\n([\s\S]*?)\n:::$/gm;

/**
 * The periodicals of the book's source lines (`::: source` blocks), in order of first appearance. A name whose
 * last words are another source line's name is that name ("First published in The Lamp" → "The Lamp").
 */
export function periodicalsOf(book: Pick<ImportedBook, 'files'>): string[] {
  const names: string[] = [];
  for (const file of book.files) {
    for (const block of file.markdown.matchAll(SOURCE_BLOCK)) {
      for (const line of block[1].split('\n')) {
        const name = periodicalOf(line.replace(/\u00a0/g, ' '));
        if (name) names.push(name);
      }
    }
  }
  const found: string[] = [];
  for (const name of names) {
    const shorter = names.find((other) => other !== name && name.endsWith(` ${other}`));
    const kept = shorter ?? name;
    if (!found.includes(kept)) found.push(kept);
  }
  return found;
}

/** How often each name stands in the running text (source lines left out), as whole words. */
function usesInText(book: Pick<ImportedBook, 'files'>, names: string[]): Map<string, number> {
  const text = book.files.map((f) => f.markdown.replace(SOURCE_BLOCK, '')).join('\n');
  return new Map(names.map((n) => [n, [...text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu'))].length]));
}

/** book.yaml's titles: from the source lines, with one doubt listing them (at the raw line of the first). */
export function suggestTitles(book: ImportedBook, raw: string, ctx: ImportContext): ImportedBook {
  const titles = periodicalsOf(book);
  if (titles.length === 0) return book;
  const uses = usesInText(book, titles);
  // the raw line of the first source line that names it (a mention in the text before it is not the evidence)
  const lines = raw.split('\n');
  const sourceLine = lines.findIndex((l) => periodicalOf(l.replace(/\u00a0/g, ' ')) === titles[0]);
  const at = sourceLine >= 0 ? sourceLine : lines.findIndex((l) => l.includes(titles[0]));
  ctx.review({
    rule: 'suggest-titles',
    kind: 'doubt',
    line: at >= 0 ? at + 1 : undefined,
    message: `the source lines name ${titles.length === 1 ? 'a periodical' : `${titles.length} periodicals`} (${titles.map((t) => `${t}: ${uses.get(t)} in the text`).join(', ')}): book.yaml titles: sets them in italics wherever the text names them; remove a name the text also uses as a word, add the books it cites`,
  });
  return { ...book, meta: { ...book.meta, titles } };
}
