/**
 * Code that runs inside the browser page (passed to page.evaluate, so each function is self-contained:
 * no imports, no closures over module scope). Kept apart from typeset-pdf.ts so that what runs where
 * is plain. State between the calls lives on `window.galley`.
 */

export interface HeadingFact {
  id: string;
  text: string;
  level: number;
  /** 0-based page index within this tab */
  page: number;
  /** CSS px from the top of the page */
  top: number;
}

export interface PageFacts {
  /** the page counter as Paged.js set it up (resets, increments) */
  counters: number[];
  /** front-matter pages (before the first chapter) */
  front: boolean[];
  headings: HeadingFact[];
  pageHeightPx: number;
}

/**
 * Run Paged.js on the page's content. Finished pages (all but the last two) are taken out of the layout
 * (display: none, resize observers off) while the rest is laid out: Chromium then lays out only the page
 * being filled instead of the whole growing book, which keeps Paged.js linear in the number of pages.
 * Where each heading stands is read while its page is still laid out; the pages stay hidden until
 * showPages, just before printing, so the browser never lays the whole book out for the screen.
 */
export async function runPagedJs(): Promise<PageFacts> {
  type PageObject = { removeListeners(): void };
  const w = window as unknown as {
    Paged: { Handler: new (...args: unknown[]) => object; registerHandlers(...h: unknown[]): void };
    PagedPolyfill: { on(event: string, fn: (p: unknown) => void): void; preview(): Promise<{ total: number }> };
    galley?: { hidden: HTMLElement[] };
  };
  const report = (pages: number) => console.debug(`galley-pages ${pages}`);
  const headings: HeadingFact[] = [];
  const finished: [HTMLElement, PageObject][] = [];
  let pageHeightPx = 0;

  class SetFinishedPagesAside extends w.Paged.Handler {
    afterPageLayout(pageElement: HTMLElement, page: PageObject): void {
      const index = finished.length;
      const box = pageElement.getBoundingClientRect();
      pageHeightPx ||= box.height;
      for (const h of Array.from(pageElement.querySelectorAll<HTMLElement>('.chapter h1[id], .chapter h2[id], .chapter h3[id]'))) {
        if (h.dataset.splitFrom) continue;
        const text = (h.textContent ?? '').replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
        headings.push({ id: h.id, text, level: Number(h.tagName.slice(1)), page: index, top: h.getBoundingClientRect().top - box.top });
      }
      finished.push([pageElement, page]);
      if (finished.length > 2) {
        const [element, object] = finished[finished.length - 3];
        object.removeListeners();
        element.style.display = 'none';
      }
    }
  }

  /**
   * Paged.js finds where a page's text overflows letter by letter, and Chromium reports the letter after a
   * soft hyphen on the wrong line, so a word broken at the foot of a page was cut one letter late
   * ("Seco-" / "nd"). Move such a break back to the soft hyphen where the line really broke (Paged.js then
   * adds the visible hyphen), or to the start of the word when there is none.
   */
  class BreakAtSoftHyphens extends w.Paged.Handler {
    onOverflow(overflow: Range | undefined): Range | undefined {
      if (!overflow || overflow.startContainer.nodeType !== Node.TEXT_NODE) return undefined;
      const text = overflow.startContainer.textContent ?? '';
      const at = overflow.startOffset;
      const inWord = /[\p{L}\u00ad]/u;
      if (at <= 0 || at >= text.length || !inWord.test(text[at - 1]) || !inWord.test(text[at])) return undefined;
      let start = at;
      while (start > 0 && inWord.test(text[start - 1])) start--;
      const shy = text.lastIndexOf('\u00ad', at - 1);
      const breakAt = shy >= start ? shy + 1 : start;
      if (breakAt === at) return undefined;
      const range = overflow.cloneRange();
      range.setStart(overflow.startContainer, breakAt);
      return range;
    }
  }
  w.Paged.registerHandlers(SetFinishedPagesAside, BreakAtSoftHyphens);

  await document.fonts.ready;
  let count = 0;
  w.PagedPolyfill.on('page', () => {
    count++;
    if (count % 8 === 0) report(count);
  });
  const flow = await w.PagedPolyfill.preview();
  for (const [, object] of finished) object.removeListeners();
  w.galley = { hidden: finished.map(([element]) => element).filter((e) => e.style.display === 'none') };
  report(flow.total);

  // the page counter of every page, as Paged.js set it up; style only, so the hidden pages stay hidden
  const pages = Array.from(document.querySelectorAll<HTMLElement>('.pagedjs_pages > .pagedjs_page'));
  const counterValue = (value: string): number | undefined => {
    const m = /(?:^|\s)page\s+(-?\d+)/.exec(value);
    return m ? Number(m[1]) : undefined;
  };
  const counters: number[] = [];
  const front: boolean[] = [];
  let n = 0;
  let inBody = false;
  for (const p of pages) {
    const style = getComputedStyle(p);
    const reset = counterValue(style.counterReset);
    const increment = counterValue(style.counterIncrement);
    if (reset !== undefined) n = reset;
    if (increment !== undefined) n += increment;
    counters.push(n);
    inBody ||= p.querySelector('.chapter') !== null;
    front.push(!inBody);
  }
  return { counters, front, headings, pageHeightPx };
}

/**
 * Write the final folios and the contents' page numbers, then show every page for printing. Every folio
 * is set explicitly: Chromium's counter scoping no longer carries a reset on one page over to the pages
 * after it, so Paged.js's own page counter goes wrong after `counter-reset: page 1`. The contents'
 * numbers go into slots of fixed width, so the layout does not move.
 */
export function writeFoliosAndShowPages(folios: number[], tocPages: Record<string, number>): void {
  const pages = Array.from(document.querySelectorAll<HTMLElement>('.pagedjs_pages > .pagedjs_page'));
  pages.forEach((p, i) => {
    p.style.counterReset = `page ${folios[i]}`;
    p.style.counterIncrement = 'none';
  });
  for (const slot of Array.from(document.querySelectorAll<HTMLElement>('.toc-page[data-target]'))) {
    const folio = tocPages[slot.dataset.target ?? ''];
    if (folio !== undefined) slot.textContent = String(folio);
  }
  const w = window as unknown as { galley?: { hidden: HTMLElement[] } };
  for (const element of w.galley?.hidden ?? []) element.style.display = '';
}
