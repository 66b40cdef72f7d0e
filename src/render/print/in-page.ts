/**
 * Code that runs inside the browser page (passed to page.evaluate, so each function is self-contained:
 * no imports, no closures over module scope). Kept apart from typeset-pdf.ts so that what runs where
 * is plain.
 */

/** Which part of the book a page lays out: the front matter and the chapters in [from, to). */
export interface PartSpec {
  from: number;
  to: number;
  front: boolean;
}

/** How the chapters of the book divide into parts of about equal text, one part per tab. */
export function measureChapters(): number[] {
  return Array.from(document.querySelectorAll('body > section.chapter')).map((c) => (c.textContent ?? '').length);
}

/**
 * Keep only this part's content, then run Paged.js. Finished pages (all but the last two) are taken out
 * of the layout (display: none, resize observers off) while the rest is laid out: Chromium then lays out
 * only the page being filled instead of the whole growing book, which keeps Paged.js linear in the
 * number of pages. Everything is shown again at the end.
 */
export async function runPagedJs(part: PartSpec): Promise<{ pages: number }> {
  type PageObject = { removeListeners(): void };
  const w = window as unknown as {
    Paged: { Handler: new (...args: unknown[]) => object; registerHandlers(...h: unknown[]): void };
    PagedPolyfill: { on(event: string, fn: (p: unknown) => void): void; preview(): Promise<{ total: number }>; chunker: { pages: PageObject[] } };
  };
  const report = (pages: number) => console.debug(`galley-pages ${pages}`);
  const chapters = Array.from(document.querySelectorAll('body > section.chapter'));
  chapters.forEach((c, i) => {
    if (i < part.from || i >= part.to) c.remove();
  });
  if (!part.front) document.querySelectorAll('body > .half-title, body > .titlepage, body > .imprint, body > .contents').forEach((e) => e.remove());

  const finished: [HTMLElement, PageObject][] = [];
  class SetFinishedPagesAside extends w.Paged.Handler {
    afterPageLayout(pageElement: HTMLElement, page: PageObject): void {
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
  for (const [element, object] of finished) {
    object.removeListeners();
    element.style.display = '';
  }
  report(flow.total);
  return { pages: flow.total };
}

export interface PageFacts {
  /** the page counter as Paged.js set it up (resets, increments) */
  counters: number[];
  /** front-matter pages (before the first chapter) */
  front: boolean[];
  headings: { id: string; text: string; level: number; page: number; top: number }[];
  pageHeightPx: number;
}

/** What the PDF needs from the layout: page counters, front matter, where each heading stands. */
export function readPageFacts(): PageFacts {
  const pages = Array.from(document.querySelectorAll<HTMLElement>('.pagedjs_pages > .pagedjs_page'));
  const counterValue = (value: string): number | undefined => {
    const m = /(?:^|\s)page\s+(-?\d+)/.exec(value);
    return m ? Number(m[1]) : undefined;
  };
  const styles = pages.map((p) => getComputedStyle(p));
  const counters: number[] = [];
  const front: boolean[] = [];
  let n = 0;
  let inBody = false;
  pages.forEach((p, i) => {
    const reset = counterValue(styles[i].counterReset);
    const increment = counterValue(styles[i].counterIncrement);
    if (reset !== undefined) n = reset;
    if (increment !== undefined) n += increment;
    counters.push(n);
    inBody ||= p.querySelector('.chapter') !== null;
    front.push(!inBody);
  });
  const indexOfPage = new Map(pages.map((p, i) => [p, i]));
  const headings = Array.from(document.querySelectorAll<HTMLElement>('.chapter h1[id], .chapter h2[id], .chapter h3[id]'))
    .filter((h) => !h.dataset.splitFrom)
    .map((h) => {
      const page = h.closest('.pagedjs_page') as HTMLElement;
      const top = h.getBoundingClientRect().top - page.getBoundingClientRect().top;
      const text = (h.textContent ?? '').replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
      return { id: h.id, text, level: Number(h.tagName.slice(1)), page: indexOfPage.get(page) ?? -1, top };
    });
  return { counters, front, headings, pageHeightPx: pages[0]?.getBoundingClientRect().height ?? 0 };
}

/**
 * Write the final folios and the contents' page numbers. Every folio is set explicitly: Chromium's counter
 * scoping no longer carries a reset on one page over to the pages after it, so Paged.js's own page counter
 * goes wrong after `counter-reset: page 1`. The contents' numbers go into slots of fixed width, so the
 * layout does not move.
 */
export function writeFolios(folios: number[], tocPages: Record<string, number>): void {
  const pages = Array.from(document.querySelectorAll<HTMLElement>('.pagedjs_pages > .pagedjs_page'));
  pages.forEach((p, i) => {
    p.style.counterReset = `page ${folios[i]}`;
    p.style.counterIncrement = 'none';
  });
  for (const slot of Array.from(document.querySelectorAll<HTMLElement>('.toc-page[data-target]'))) {
    const folio = tocPages[slot.dataset.target ?? ''];
    if (folio !== undefined) slot.textContent = String(folio);
  }
}
