/**
 * The parts that tabs laid out → one book: the order of its pages, their folios and where its headings
 * fall. Pure arithmetic on what runPagedJs measured (in-page.ts), so it is tested without a browser.
 *
 * A part holds the front matter (the first part only) and some chapters, not always consecutive
 * (split-book-html.ts). Every chapter opens on a right-hand page; its pages run from its opening to the
 * next chapter's in the same tab (a blank page Paged.js put before that one is the end of this chapter).
 * In the book, the front matter comes first, then the chapters in order; where a chapter would open on a
 * left-hand page, a blank page goes before it. The front matter keeps Paged.js's folios (roman); the body
 * is numbered from 1, blank pages counted, as Paged.js numbers it in one tab.
 */
import type { OutlineHeading } from './finish-pdf.js';
import type { PageFacts } from './in-page.js';
import type { PartSpec } from './split-book-html.js';

/** A page of the book: page `page` of part `part`'s print, or a blank page (null). */
export type PageSlot = { part: number; page: number } | null;

export interface AssembledBook {
  order: PageSlot[];
  folios: number[];
  roman: boolean[];
  /** per part, the folio of each of its pages (what the tab writes before printing) */
  partFolios: number[][];
  /** in book order, pages counted in the book */
  headings: OutlineHeading[];
}

export function assembleParts(parts: PartSpec[], facts: PageFacts[]): AssembledBook {
  const order: PageSlot[] = [];
  const folios: number[] = [];
  const roman: boolean[] = [];
  const push = (slot: PageSlot, folio: number, isFront: boolean) => {
    order.push(slot);
    folios.push(folio);
    roman.push(isFront);
  };

  if (parts.length === 1) {
    // one tab: its pages as they are
    facts[0].counters.forEach((c, page) => push({ part: 0, page }, c, facts[0].front[page]));
  } else {
    parts.forEach((part, i) => {
      if (facts[i].chapterStarts.length !== part.chapters.length) {
        throw new Error(`part ${i + 1} should open ${part.chapters.length} chapter(s), Paged.js opened ${facts[i].chapterStarts.length}`);
      }
    });
    const front = parts.findIndex((p) => p.front);
    const frontEnd = facts[front].chapterStarts[0] ?? facts[front].counters.length;
    for (let page = 0; page < frontEnd; page++) push({ part: front, page }, facts[front].counters[page], true);
    const where = new Map<number, [number, number]>();
    parts.forEach((part, i) => part.chapters.forEach((chapter, k) => where.set(chapter, [i, k])));
    const chapters = [...where.keys()].sort((a, b) => a - b);
    let folio = 0;
    for (const chapter of chapters) {
      const [part, k] = where.get(chapter) as [number, number];
      const starts = facts[part].chapterStarts;
      const from = starts[k];
      const to = k + 1 < starts.length ? starts[k + 1] : facts[part].counters.length;
      if (order.length % 2 === 1) push(null, ++folio, false);
      for (let page = from; page < to; page++) push({ part, page }, ++folio, false);
    }
  }

  const indexOf = new Map<string, number>();
  order.forEach((slot, index) => slot && indexOf.set(`${slot.part}:${slot.page}`, index));
  const partFolios = facts.map((f, part) => f.counters.map((_, page) => folios[indexOf.get(`${part}:${page}`) ?? 0]));
  const headings = facts
    .flatMap((f, part) => f.headings.map((h) => ({ ...h, page: indexOf.get(`${part}:${h.page}`) ?? 0 })))
    .sort((a, b) => a.page - b.page || a.top - b.top);
  return { order, folios, roman, partFolios, headings };
}
