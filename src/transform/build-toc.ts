/** Book → nested table of contents following the headings (work › part › section). */
import type { Book, TocEntry } from '../model/types.js';

/** Deepest heading level listed in the contents. */
export const TOC_DEPTH = 3;

export function buildToc(book: Pick<Book, 'chapters'>, depth = TOC_DEPTH): TocEntry[] {
  const root: TocEntry[] = [];
  const stack: TocEntry[] = [];
  book.chapters.forEach((chapter, index) => {
    for (const h of chapter.headings) {
      if (h.level > depth) continue;
      const entry: TocEntry = { id: h.id, text: h.text, level: h.level, chapter: index, children: [] };
      while (stack.length > 0 && stack[stack.length - 1].level >= h.level) stack.pop();
      (stack.length > 0 ? stack[stack.length - 1].children : root).push(entry);
      stack.push(entry);
    }
  });
  return root;
}
