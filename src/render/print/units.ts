/**
 * The book typeset in units, each a document of its own: the front matter with the first chapters, then runs
 * of whole chapters. Every chapter opens on a right-hand page, so a unit's pages do not depend on the units
 * before it (only its folios do, and the front matter's contents numbers on all of them): a unit laid out
 * once is laid out the same every time its HTML is the same, which is what lets a rebuild lay out again only
 * the units a correction changed (typeset-pdf.ts, unit-cache.ts). A full build and an incremental one go the
 * same way, unit by unit, so their PDFs are the same bytes by construction.
 *
 * Pure arithmetic on what runPagedJs measured (in-page.ts), tested without a browser.
 */
import type { OutlineHeading } from './finish-pdf.js';
import type { PageFacts } from './in-page.js';
import type { PartSpec } from './split-book-html.js';

/** About this much text makes a unit (some 17 pages of Vol. 6): small enough to lay out again in a moment. */
export const UNIT_CHARS = 40_000;

/**
 * Runs of consecutive chapters of at most `UNIT_CHARS` of text each (a longer chapter is a unit alone); the
 * front matter goes with the first. A book of less than 1.5 units of text is one unit (one document).
 */
export function planUnits(chapterSizes: number[], frontSize = 0, unitChars = UNIT_CHARS): PartSpec[] {
  const total = frontSize + chapterSizes.reduce((a, b) => a + b, 0);
  if (total < unitChars * 1.5 || chapterSizes.length < 2) return [{ chapters: chapterSizes.map((_, i) => i), front: true }];
  const units: PartSpec[] = [{ chapters: [], front: true }];
  let size = frontSize;
  chapterSizes.forEach((chapterSize, i) => {
    const current = units[units.length - 1];
    if (current.chapters.length > 0 && size + chapterSize > unitChars) {
      units.push({ chapters: [], front: false });
      size = 0;
    }
    units[units.length - 1].chapters.push(i);
    size += chapterSize;
  });
  return units;
}

/** A page of the book: page `page` of unit `part`'s document, or a blank page (null). */
export type PageSlot = { part: number; page: number } | null;

export interface AssembledUnits {
  order: PageSlot[];
  folios: number[];
  roman: boolean[];
  /** per unit, the folio of each page of its document (0 for a page the book does not take) */
  unitFolios: number[][];
  /** in book order, pages counted in the book */
  headings: OutlineHeading[];
  /** each page's text fingerprint (in-page.ts), '' for a blank page */
  texts: string[];
}

/** The pages of a unit's document that the book takes: all of the first; from its first chapter for the others. */
export function unitRange(facts: PageFacts, first: boolean): [number, number] {
  const from = first ? 0 : (facts.chapterStarts[0] ?? facts.counters.length);
  return [from, facts.counters.length];
}

/**
 * The units' pages in the book's order: the first unit as Paged.js laid it out (its front matter keeps
 * Paged.js's folios, roman; the body is numbered from 1, as Paged.js numbers it); each further unit on a
 * right-hand page (a blank page before it when needed), numbered on. Given the first k units' facts, the
 * first k units' folios are final: a unit's folios depend on the units before it only.
 */
export function assembleUnits(facts: PageFacts[]): AssembledUnits {
  const order: PageSlot[] = [];
  const folios: number[] = [];
  const roman: boolean[] = [];
  const texts: string[] = [];
  const unitFolios = facts.map((f) => f.counters.map(() => 0));
  let folio = 0;
  facts.forEach((f, part) => {
    const [from, to] = unitRange(f, part === 0);
    if (part > 0 && order.length % 2 === 1) {
      order.push(null);
      folios.push(++folio);
      roman.push(false);
      texts.push('');
    }
    for (let page = from; page < to; page++) {
      const isFront = part === 0 && f.front[page];
      const n = isFront ? f.counters[page] : ++folio;
      order.push({ part, page });
      folios.push(n);
      roman.push(isFront);
      texts.push(f.texts?.[page] ?? '');
      unitFolios[part][page] = n;
    }
  });
  const indexOf = new Map<string, number>();
  order.forEach((slot, index) => slot && indexOf.set(`${slot.part}:${slot.page}`, index));
  const headings = facts
    .flatMap((f, part) => f.headings.filter((h) => indexOf.has(`${part}:${h.page}`)).map((h) => ({ ...h, page: indexOf.get(`${part}:${h.page}`) as number })))
    .sort((a, b) => a.page - b.page || a.top - b.top);
  return { order, folios, roman, unitFolios, headings, texts };
}

/** The ids whose page numbers the contents print (the `.toc-page` slots of the HTML). */
export function tocTargets(html: string): string[] {
  return [...new Set([...html.matchAll(/class="toc-page"[^>]*data-target="([^"]+)"|data-target="([^"]+)"[^>]*class="toc-page"/g)].map((m) => m[1] ?? m[2]))].sort();
}
