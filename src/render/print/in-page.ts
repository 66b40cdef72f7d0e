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
  /** the pages (0-based, in this tab) where a chapter opens, in order */
  chapterStarts: number[];
  pageHeightPx: number;
}

/**
 * Run Paged.js on the page's content. Finished pages (all but the last two) are taken out of the document
 * (resize observers off, a comment keeping their place) while the rest is laid out: Chromium then styles
 * and lays out only the page being filled, not the whole growing book, so each page costs the same
 * however long the book (hidden pages left in place still cost: the 400th page took twice the 10th).
 * Where each heading stands is read while its page is still laid out; the pages stay hidden until
 * writeFoliosAndShowPages, just before printing, so the browser never lays the whole book out for the screen.
 */
export async function runPagedJs(): Promise<PageFacts> {
  type PageObject = { removeListeners(): void };
  const w = window as unknown as {
    Paged: { Handler: new (...args: unknown[]) => object; registerHandlers(...h: unknown[]): void };
    PagedPolyfill: {
      on(event: string, fn: (p: unknown) => void): void;
      preview(): Promise<{ total: number }>;
      chunker: { q: { tick: (callback: FrameRequestCallback) => number } };
    };
    galley?: { hidden: HTMLElement[] };
  };
  const report = (pages: number) => console.debug(`galley-pages ${pages}`);
  const headings: HeadingFact[] = [];
  const chapterStarts: number[] = [];
  const finished: [HTMLElement, PageObject][] = [];
  const detached: [Comment, HTMLElement][] = [];
  let pageHeightPx = 0;

  class SetFinishedPagesAside extends w.Paged.Handler {
    afterPageLayout(pageElement: HTMLElement, page: PageObject): void {
      const index = finished.length;
      if (pageElement.querySelector('section.chapter:not([data-split-from])')) chapterStarts.push(index);
      const found = Array.from(pageElement.querySelectorAll<HTMLElement>('.chapter h1[id], .chapter h2[id], .chapter h3[id]'));
      // measuring forces a layout: only on pages that hold a heading (and the first, for the page height)
      const box = found.length > 0 || pageHeightPx === 0 ? pageElement.getBoundingClientRect() : undefined;
      pageHeightPx ||= box?.height ?? 0;
      for (const h of found) {
        if (h.dataset.splitFrom) continue;
        // the bookmark reads the heading without its note numbers
        const clone = h.cloneNode(true) as HTMLElement;
        clone.querySelectorAll('sup.noteref, .footnote, [data-footnote-call]').forEach((e) => e.remove());
        const text = (clone.textContent ?? '').replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
        headings.push({ id: h.id, text, level: Number(h.tagName.slice(1)), page: index, top: h.getBoundingClientRect().top - (box?.top ?? 0) });
      }
      finished.push([pageElement, page]);
      if (finished.length > 2) {
        const [element, object] = finished[finished.length - 3];
        object.removeListeners();
        element.style.display = 'none';
        const marker = document.createComment('');
        element.replaceWith(marker);
        detached.push([marker, element]);
      }
    }
  }

  /** The distinct line tops of a block's text, top to bottom (a line's fragments share its top). */
  const lineTopsOf = (block: Element): number[] => {
    const range = document.createRange();
    range.selectNodeContents(block);
    const tops: number[] = [];
    for (const r of Array.from(range.getClientRects()).sort((a, b) => a.top - b.top)) {
      if (r.width === 0 && r.height === 0) continue;
      if (tops.length === 0 || r.top > tops[tops.length - 1] + r.height / 2) tops.push(r.top);
    }
    return tops;
  };
  /** Where a character stands: the last of its boxes (the letter after a soft hyphen has two). */
  const charTop = (node: Text, offset: number): number => {
    const range = document.createRange();
    range.setStart(node, offset);
    range.setEnd(node, Math.min(node.length, offset + 1));
    const rects = range.getClientRects();
    return rects.length > 0 ? rects[rects.length - 1].top : range.getBoundingClientRect().top;
  };
  /** The text position where the line at `top` begins, inside `block`. */
  const lineStart = (block: Element, top: number): [Text, number] | undefined => {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (node.length === 0 || charTop(node, node.length - 1) < top - 1) continue;
      let lo = 0;
      let hi = node.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (charTop(node, mid) >= top - 1) hi = mid;
        else lo = mid + 1;
      }
      return [node, lo];
    }
    return undefined;
  };
  const isHeading = (e: Element | null): boolean => e !== null && /^H[1-6]$/.test(e.tagName);

  /**
   * Where Paged.js breaks a page, three rules of the trade it does not know:
   * - no orphan: a paragraph that would leave one line at the foot of the page goes over whole;
   * - no widow: a paragraph that would carry one line over carries two (when three stay behind);
   * - no heading at the foot of a page: it goes over with what follows it.
   * And a fix: Paged.js finds the overflow letter by letter, and Chromium reports the letter after a soft
   * hyphen on the wrong line, so a word broken at the foot of a page was cut one letter late ("Seco-" /
   * "nd"); such a break moves back to the soft hyphen where the line really broke (Paged.js then adds the
   * visible hyphen), or to the start of the word.
   */
  class KeepLinesTogether extends w.Paged.Handler {
    onOverflow(overflow: Range | undefined, rendered: HTMLElement, bounds: DOMRect): Range | undefined {
      if (!overflow) return undefined;
      let range = overflow;
      const container = overflow.startContainer;
      const element = container.nodeType === Node.TEXT_NODE ? container.parentElement : (container as Element).childNodes[overflow.startOffset] instanceof Element ? ((container as Element).childNodes[overflow.startOffset] as Element) : (container as Element);
      const block = element?.closest('p, li, dd, dt');
      const roomAbove = (e: Element) => e.getBoundingClientRect().top - bounds.top > 4;
      const moveBefore = (e: Element): Range | undefined => {
        let target = e;
        // a heading does not stay at the foot of a page without what follows it
        while (isHeading(target.previousElementSibling) && roomAbove(target.previousElementSibling as Element)) target = target.previousElementSibling as Element;
        if (!roomAbove(target) || !rendered.contains(target)) return undefined;
        const r = overflow.cloneRange();
        r.setStartBefore(target);
        return r;
      };
      if (block && rendered.contains(block) && !block.closest('.pagedjs_footnote_area')) {
        const tops = lineTopsOf(block);
        const child = container.nodeType === Node.TEXT_NODE ? undefined : container.childNodes[overflow.startOffset];
        const breakTop =
          container.nodeType === Node.TEXT_NODE
            ? charTop(container as Text, Math.min(overflow.startOffset, (container as Text).length - 1))
            : child instanceof Text && child.length > 0
              ? charTop(child, 0)
              : child instanceof Element
                ? (child.getClientRects()[0]?.top ?? block.getBoundingClientRect().top)
                : block.getBoundingClientRect().top;
        const before = tops.filter((t) => t < breakTop - 1).length;
        const after = tops.length - before;
        if (before === 0) {
          range = moveBefore(block) ?? range;
        } else if (before === 1 || (after === 1 && before === 2)) {
          range = moveBefore(block) ?? range;
        } else if (after === 1 && before >= 3) {
          const start = lineStart(block, tops[before - 1]);
          if (start) {
            range = overflow.cloneRange();
            range.setStart(start[0], start[1]);
          }
        }
      } else if (element && isHeading(element.previousElementSibling) && overflow.startOffset === 0) {
        range = moveBefore(element) ?? range;
      }
      return fixSoftHyphenBreak(range) ?? (range === overflow ? undefined : range);
    }
  }

  const fixSoftHyphenBreak = (overflow: Range): Range | undefined => {
    if (overflow.startContainer.nodeType !== Node.TEXT_NODE) return undefined;
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
  };
  w.Paged.registerHandlers(SetFinishedPagesAside, KeepLinesTogether);

  // The book came in undisplayed (prepareHtml), so the browser did not lay the whole text out for a screen
  // before Paged.js lays it out again page by page; its fonts were therefore never asked for: load them all
  // now, or the first pages would be measured in a fallback font.
  await Promise.all(Array.from(document.fonts, (face) => face.load().catch(() => undefined)));
  await document.fonts.ready;
  // Nobody looks at the pages while they are laid out: unseen, the browser paints and rasterizes nothing
  // for its frames, and the cores go to the layout (a seventh faster). Layout and measuring are unchanged.
  // (An inline style: a <style> element would be taken into Paged.js's own stylesheets and stay.)
  document.body.style.visibility = 'hidden';
  // Paged.js lays out one page per animation frame, and a headless browser gives 60 frames a second: a
  // page that takes 5 ms waited 17. Its queue runs on the next task instead (a message, no 4 ms clamp).
  const channel = new MessageChannel();
  const waiting: FrameRequestCallback[] = [];
  channel.port1.onmessage = () => waiting.shift()?.(performance.now());
  w.PagedPolyfill.chunker.q.tick = (callback: FrameRequestCallback): number => {
    waiting.push(callback);
    channel.port2.postMessage(0);
    return waiting.length;
  };
  let count = 0;
  w.PagedPolyfill.on('page', () => {
    count++;
    if (count % 8 === 0) report(count);
  });
  // shown again just as Paged.js takes the content away into its template (no layout comes between)
  document.body.style.display = '';
  const flow = await w.PagedPolyfill.preview();
  for (const [, object] of finished) object.removeListeners();
  // back in their places, still hidden
  for (const [marker, element] of detached) marker.replaceWith(element);
  document.body.style.visibility = '';
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
  return { counters, front, headings, chapterStarts, pageHeightPx };
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
  // Each page is a box of fixed size whose content never reaches out of it: said to the browser, printing
  // paints each page alone instead of looking through the whole book for each (the print took a third of
  // the time; the pages come out the same, pixel for pixel).
  const contain = document.createElement('style');
  contain.textContent = '.pagedjs_page { contain: size layout paint; }';
  document.head.append(contain);
}
