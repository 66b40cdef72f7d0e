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
  /**
   * A fingerprint of each page's own text (body and notes; not the running head or folio, soft hyphens
   * left out): pages whose fingerprints differ between two builds read differently (the change report).
   */
  texts: string[];
  /**
   * The contents' page-number slots (`.toc-page[data-target]`) of each page that has any, by page: their
   * numbers are written after the layout (writeFoliosAndShowPages), so the change report adds them to the
   * page's fingerprint.
   */
  tocSlots?: Record<number, string[]>;
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
    galley?: { hidden: HTMLElement[]; edited: Map<Element, { height: number; nodes: Map<Text, string> }>[] };
  };
  const report = (pages: number) => console.debug(`galley-pages ${pages}`);
  const headings: HeadingFact[] = [];
  const chapterStarts: number[] = [];
  const finished: [HTMLElement, PageObject][] = [];
  const detached: [Comment, HTMLElement][] = [];
  let pageHeightPx = 0;

  const isText = (n: Node | null): n is Text => n !== null && n.nodeType === Node.TEXT_NODE;
  /**
   * The text layer of a laid-out page: a soft hyphen where its line breaks becomes a hyphen-minus (the
   * glyph Chromium drew there, and the one poppler and viewers join across a line end: "revo-" / "lution"
   * is found by a search for "revolution"); every other soft hyphen goes (invisible, but in the PDF's text
   * it split the word for search and copy: "revo\u00ADlution"). The hyphen Paged.js adds to a word cut at
   * the page foot (a non-breaking hyphen) becomes a hyphen-minus too. Nothing moves: a soft hyphen that
   * does not break takes no room, and the one that breaks had the hyphen's width already.
   * The page is only measured here (its layout is fresh); the edits wait until the page is set aside
   * (detached, so they cost no layout) and are checked once the whole book is laid out for printing.
   */
  interface TextEdits {
    edits: { node: Text; at: number; by: string }[];
    /** each changed block's height, and its text nodes as they were */
    blocks: Map<Element, { height: number; nodes: Map<Text, string> }>;
  }
  const measureTextLayer = (pageElement: HTMLElement): TextEdits | undefined => {
    const edits: TextEdits['edits'] = [];
    const range = document.createRange();
    const walker = document.createTreeWalker(pageElement, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); isText(node); node = walker.nextNode()) {
      const text = node.data;
      for (let at = text.indexOf('\u00ad'); at >= 0; at = text.indexOf('\u00ad', at + 1)) {
        let broken: boolean;
        if (at > 0 && at + 1 < text.length && /f/i.test(text[at - 1]) && /[fil]/i.test(text[at + 1])) {
          // inside a ligature ("suf\u00ADfered") the soft hyphen has a width unbroken: the letters either
          // side of it stand on different lines when it breaks
          const a = letterBox(node, at - 1);
          const b = letterBox(node, at + 1);
          broken = a !== undefined && b !== undefined && Math.abs(a.top - b.top) > 3;
        } else {
          // elsewhere a soft hyphen that breaks its line shows a hyphen: its box has a width
          range.setStart(node, at);
          range.setEnd(node, at + 1);
          broken = Array.from(range.getClientRects()).some((r) => r.width > 0.5);
        }
        edits.push({ node, at, by: broken && text[at + 1] !== '\u2011' ? '-' : '' });
      }
      if (node.parentElement?.classList.contains('pagedjs_hyphen') && text.endsWith('\u2011')) edits.push({ node, at: text.length - 1, by: '-' });
    }
    if (edits.length === 0) return undefined;
    const blocks: TextEdits['blocks'] = new Map();
    for (const { node } of edits) {
      const block = node.parentElement?.closest('p, li, dd, dt, span.footnote, div, blockquote') ?? node.parentElement;
      if (!block) continue;
      const entry = blocks.get(block) ?? { height: block.getBoundingClientRect().height, nodes: new Map() };
      entry.nodes.set(node, node.data);
      blocks.set(block, entry);
    }
    return { edits, blocks };
  };
  const textEdits = new Map<HTMLElement, TextEdits>();
  const checked: TextEdits['blocks'][] = [];
  const applyTextEdits = (pageElement: HTMLElement): void => {
    const pending = textEdits.get(pageElement);
    if (!pending) return;
    textEdits.delete(pageElement);
    // from the end of each text node, so the earlier offsets stay right
    for (let i = pending.edits.length - 1; i >= 0; i--) pending.edits[i].node.replaceData(pending.edits[i].at, 1, pending.edits[i].by);
    checked.push(pending.blocks);
  };

  /**
   * The notes' room never grows once the page's text is broken: the text was measured against it, and a larger
   * room pushes the text's last line out of the page (lost). Paged.js re-measures the notes after splitting
   * one, and exactly (the sums above) that can come out a little over what the page was broken with: the
   * difference is taken from the space above the notes' rule (their top margin), never from a note's lines.
   */
  const noteRoomAtBreak = new WeakMap<HTMLElement, number>();
  const keepNoteRoom = (pageElement: HTMLElement): void => {
    const area = pageElement.querySelector<HTMLElement>('.pagedjs_area');
    const content = area?.querySelector<HTMLElement>('.pagedjs_footnote_content');
    const before = area ? noteRoomAtBreak.get(area) : undefined;
    if (!area || !content || before === undefined) return;
    const now = parseFloat(area.style.getPropertyValue('--pagedjs-footnotes-height')) || 0;
    const spare = parseFloat(getComputedStyle(content).marginTop) || 0;
    // no note left on the page (all went overleaf): the room as it was, however much Paged.js asks
    const empty = content.querySelector('.pagedjs_footnote_inner_content')?.childElementCount === 0;
    if (now > before + 0.01 && (empty || now - before <= spare)) area.style.setProperty('--pagedjs-footnotes-height', `${before}px`);
  };

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
      keepNoteRoom(pageElement);
      carryHyphenRun(pageElement);
      const edits = measureTextLayer(pageElement);
      if (edits) textEdits.set(pageElement, edits);
      finished.push([pageElement, page]);
      if (finished.length > 2) {
        const [element, object] = finished[finished.length - 3];
        object.removeListeners();
        element.style.display = 'none';
        applyTextEdits(element);
        const marker = document.createComment('');
        element.replaceWith(marker);
        detached.push([marker, element]);
      }
    }
  }

  /**
   * Where Paged.js breaks a page, the rules of the trade it does not know. Paged.js lays a page out in CSS
   * columns: what does not fit flows into a second column to the right, at the top again, so a line's
   * place is (on this page or not, top), never its top alone (reading tops alone took every break for the
   * first line of its paragraph: headings were sent over with whole paragraphs, leaving holes, and a
   * break moved back to the page's own start made Paged.js print the page twice).
   * - no orphan: a paragraph that would leave one line at the foot of the page goes over whole;
   * - no widow: a paragraph that would carry one line over carries two (when three stay behind);
   * - a heading (or a chronicle's date) keeps with the first lines of what follows it, never more;
   * - a break never moves back to the page's own start (the page then breaks as Paged.js found), and
   *   never forward (what followed Paged.js's break did not fit).
   */
  interface Line {
    top: number;
    onPage: boolean;
    node: Text;
  }
  /** A line stands on the page when it is in the first column and ends above the page's foot. */
  const onPageOf = (r: DOMRect, bounds: DOMRect): boolean => r.left < bounds.right - 1 && r.bottom <= bounds.bottom + 1;
  const halfLine = (block: Element): number => {
    const style = getComputedStyle(block);
    return (parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2 || 16) / 2;
  };
  /** A block's lines in reading order, from its text's boxes (text only: element boxes would repeat them). */
  const linesOf = (block: Element, bounds: DOMRect): Line[] => {
    const tolerance = halfLine(block);
    const lines: Line[] = [];
    const range = document.createRange();
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let lastRight = -Infinity;
    let off = false;
    for (let node = walker.nextNode(); isText(node); node = walker.nextNode()) {
      if (node.length === 0) continue;
      range.selectNodeContents(node);
      for (const r of Array.from(range.getClientRects())) {
        if (r.height === 0) continue;
        // in reading order, once a line is off the page all that follow are; a line above the one before
        // has wrapped to the next column (the box of the text after a soft hyphen can claim the first)
        const previous = lines[lines.length - 1];
        off ||= !onPageOf(r, bounds) || (previous !== undefined && r.top < previous.top - tolerance);
        const onPage = !off;
        const current = lines[lines.length - 1];
        if (!current || current.onPage !== onPage || Math.abs(r.top - current.top) > tolerance || r.left < lastRight - 2) {
          lines.push({ top: r.top, onPage, node });
        }
        lastRight = r.right;
      }
    }
    return lines;
  };
  /** Where a letter stands: the last of its boxes (the letter after a soft hyphen has two), or none. */
  const letterBox = (node: Text, offset: number): DOMRect | undefined => {
    const range = document.createRange();
    range.setStart(node, offset);
    range.setEnd(node, Math.min(node.length, offset + 1));
    const rects = Array.from(range.getClientRects()).filter((r) => r.height > 0);
    return rects[rects.length - 1];
  };
  /** The text position where `line` begins: the first letter of its text node that stands on it or later. */
  const lineStart = (line: Line, block: Element, bounds: DOMRect): [Text, number] => {
    const tolerance = halfLine(block);
    const atOrAfter = (r: DOMRect | undefined): boolean =>
      r !== undefined && (!onPageOf(r, bounds) || (line.onPage && r.top >= line.top - tolerance));
    const node = line.node;
    // a letter without a box of its own (a collapsed space, the space ending a line) goes with the next one
    // that has a box: without this, a break could fall at the end of the node, past a whole line (lost)
    const boxFrom = (offset: number): DOMRect | undefined => {
      for (let i = offset; i < node.length; i++) {
        const box = letterBox(node, i);
        if (box) return box;
      }
      return undefined;
    };
    let lo = 0;
    let hi = node.length - 1;
    while (hi > 0 && !letterBox(node, hi)) hi--;
    if (!atOrAfter(letterBox(node, hi))) return [node, node.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (atOrAfter(boxFrom(mid))) hi = mid;
      else lo = mid + 1;
    }
    return [node, lo];
  };
  /** Headings, a chronicle's dates and a contents entry with sub-entries (.keep-with-next): they go with what follows them. */
  const keepsWithNext = (e: Element | null): boolean => e !== null && (/^(H[1-6]|DT)$/.test(e.tagName) || e.classList.contains('keep-with-next'));

  /**
   * Hyphenation a typesetter accepts, decided on the page as it is laid out (Chromium breaks lines greedily,
   * so a paragraph's lines are the same whatever page it lands on; only their hyphens are looked at here):
   * - no more than two lines in a row end in a hyphen: where a third would, one line of the three takes its
   *   last word whole to the next (the word loses its soft hyphens): the line whose word spaces stretch least
   *   for it, as far as HYPHEN_RUN_MAX_SPACE (a gaping line is worse than a third hyphen, and stays rare). The
   *   paragraph reflows before Paged.js looks for the page's break, so the page is filled as before. A run
   *   carries over a page turn (`hyphenRunCarried`).
   * - no word is broken at the foot of a right-hand page (the reader turns the leaf mid-word): the break moves
   *   to the start of the word, which goes overleaf whole, when the last line, justified without it, keeps its
   *   word spaces under HYPHEN_FOOT_MAX_SPACE; else the break stays (never a line less on the page).
   * The text edits are made in Paged.js's source too (the same characters of the same text node), so the
   * break tokens, which are offsets in the source, stay right.
   */
  const HYPHEN_RUN_MAX = 2;
  /** A word space, as a share of the font size, that the last line of a right-hand page may stretch to. */
  const HYPHEN_FOOT_MAX_SPACE = 0.5;
  /** The word space, as a share of the font size, a line may stretch to when it takes a word whole to end a run. */
  const HYPHEN_RUN_MAX_SPACE = 0.6;
  const BODY_BLOCKS = 'p, li, dd, dt, blockquote';
  const wordChar = /[\p{L}\u00ad]/u;
  const isLetter = (c: string | undefined): boolean => c !== undefined && /\p{L}/u.test(c);
  interface LineEnd {
    node: Text;
    at: number;
    soft: boolean;
    /** the box of the letter before the break (on the line that ends in the hyphen) */
    box: DOMRect;
    /** the box of the letter after it (the next line's first) */
    next: DOMRect;
  }
  const sameLine = (a: DOMRect, b: DOMRect, tolerance: number, width: number): boolean => Math.abs(a.top - b.top) <= tolerance && Math.abs(a.left - b.left) < width;
  /** Does the soft hyphen at `at` break its line? (It then shows a hyphen: its box has a width.) */
  const softHyphenBreaks = (node: Text, at: number, range: Range): boolean => {
    const text = node.data;
    if (at > 0 && at + 1 < text.length && /f/i.test(text[at - 1]) && /[fil]/i.test(text[at + 1])) {
      // inside a ligature ("suf\u00ADfered") the soft hyphen has a width unbroken: the letters either
      // side of it stand on different lines when it breaks
      const a = letterBox(node, at - 1);
      const b = letterBox(node, at + 1);
      return a !== undefined && b !== undefined && Math.abs(a.top - b.top) > 3;
    }
    range.setStart(node, at);
    range.setEnd(node, at + 1);
    return Array.from(range.getClientRects()).some((r) => r.width > 0.5);
  };
  /** The lines of `texts` (a block's text nodes, in order) that end in a hyphen, soft or hard, in order. */
  const hyphenLineEnds = (texts: Text[], width: number): LineEnd[] => {
    const ends: LineEnd[] = [];
    const range = document.createRange();
    for (const node of texts) {
      const text = node.data;
      for (let at = 1; at + 1 < text.length; at++) {
        const c = text[at];
        if (c !== '\u00ad' && c !== '-') continue;
        if (!isLetter(text[at - 1]) && text[at - 1] !== '\u00ad') continue;
        if (!isLetter(text[at + 1])) continue;
        if (c === '\u00ad' && !softHyphenBreaks(node, at, range)) continue;
        const box = letterBox(node, at - 1);
        const next = letterBox(node, at + 1);
        if (!box || !next) continue;
        // a hard hyphen ends its line when the letter after it stands lower (or in the next column)
        if (c === '-' && sameLine(box, next, 3, width)) continue;
        ends.push({ node, at, soft: c === '\u00ad', box, next });
      }
    }
    return ends;
  };
  /** A block's text nodes, left out those of notes (their own area, their own rules). */
  const textsOf = (block: Element, blocks = BODY_BLOCKS): Text[] => {
    const texts: Text[] = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); isText(node); node = walker.nextNode()) {
      if (node.length > 0 && node.parentElement?.closest(blocks) === block) texts.push(node);
    }
    return texts;
  };
  /** The first or last letter of a block's text that has a box. */
  const edgeBox = (texts: Text[], last: boolean): DOMRect | undefined => {
    const order = last ? [...texts].reverse() : texts;
    for (const node of order) {
      for (let k = 0; k < node.length; k++) {
        const i = last ? node.length - 1 - k : k;
        if (/\s/.test(node.data[i])) continue;
        const box = letterBox(node, i);
        if (box) return box;
      }
    }
    return undefined;
  };
  /** Paged.js's source text node that `node` (on the page) was cloned from: the same text, or its end. */
  let layoutSource: ParentNode | undefined;
  const sourceTextOf = (node: Text): { source: Text; shift: number } | undefined => {
    const ref = node.parentElement?.dataset.ref;
    if (!ref || !layoutSource) return undefined;
    const index = (layoutSource as unknown as { indexOfRefs?: Record<string, Element> }).indexOfRefs;
    const parent = index?.[ref] ?? layoutSource.querySelector(`[data-ref='${ref}']`);
    if (!parent) return undefined;
    const texts = Array.from(parent.childNodes).filter(isText);
    const same = texts.filter((t) => t.data === node.data);
    if (same.length === 1) return { source: same[0], shift: 0 };
    if (same.length > 1) return undefined;
    const ends = texts.filter((t) => t.data.endsWith(node.data));
    return ends.length === 1 ? { source: ends[0], shift: ends[0].length - node.length } : undefined;
  };
  /**
   * The word spaces of a line, as a share of the font size, once the piece of a word from `start` to `end`
   * (the letters and the hyphen shown at the line's end) has gone to the next line: the spaces as they are now,
   * and the piece's width shared out between them. Undefined when the line has no word space in this text node.
   */
  const spaceWithout = (node: Text, start: number, end: number): number | undefined => {
    const text = node.data;
    const first = letterBox(node, start);
    if (!first) return undefined;
    let gaps = 0;
    let space = 0;
    for (let i = start - 1; i >= 0; i--) {
      if (text[i] !== ' ') continue;
      const after = letterBox(node, i + 1);
      if (!after || Math.abs(after.top - first.top) > 3) break;
      if (gaps === 0) {
        const box = letterBox(node, i);
        space = box && Math.abs(box.top - first.top) <= 3 ? box.width : 0;
      }
      gaps++;
    }
    if (gaps === 0 || space === 0) return undefined;
    const piece = document.createRange();
    piece.setStart(node, start);
    piece.setEnd(node, end);
    const taken = Array.from(piece.getClientRects())
      .filter((r) => Math.abs(r.top - first.top) <= 3)
      .reduce((w, r) => w + r.width, 0);
    const fontSize = parseFloat(getComputedStyle(node.parentElement ?? document.body).fontSize) || 16;
    return (space + taken / gaps) / fontSize;
  };
  /** The word around `at` loses its soft hyphens, on the page and in the source; false when it cannot. */
  /** While set, each word unbroken leaves here how to put it back (a note's change undone: limitNoteHyphenRuns). */
  let unbreakJournal: (() => void)[] | undefined;
  const unbreakWord = (node: Text, at: number): boolean => {
    const text = node.data;
    let start = at;
    let end = at;
    while (start > 0 && wordChar.test(text[start - 1])) start--;
    while (end < text.length && wordChar.test(text[end])) end++;
    const word = text.slice(start, end);
    if (!word.includes('\u00ad')) return false;
    const found = sourceTextOf(node);
    if (!found || found.source.data.slice(start + found.shift, end + found.shift) !== word) return false;
    const plain = word.replace(/\u00ad/g, '');
    found.source.replaceData(start + found.shift, end - start, plain);
    node.replaceData(start, end - start, plain);
    const source = found.source;
    const at0 = start + found.shift;
    unbreakJournal?.push(() => {
      source.replaceData(at0, plain.length, word);
      node.replaceData(start, plain.length, word);
    });
    return true;
  };
  /** How many lines in a row end in a hyphen at the foot of each paragraph that runs over, by its data-ref. */
  const hyphenRunCarried = new Map<string, number>();
  const lineMetrics = (block: Element): { tolerance: number; width: number } => ({
    tolerance: halfLine(block),
    width: parseFloat(getComputedStyle(block).width) || 300,
  });
  /** Take a third hyphen in a row out of the block (as far as it is on the page now); true when it changed. */
  const limitHyphenRuns = (block: HTMLElement, blocks = BODY_BLOCKS): boolean => {
    const { tolerance, width } = lineMetrics(block);
    let changed = false;
    for (let pass = 0; pass < 12; pass++) {
      const texts = textsOf(block, blocks);
      const ends = hyphenLineEnds(texts, width);
      if (ends.length <= HYPHEN_RUN_MAX && !block.dataset.splitFrom) return changed;
      const carried = block.dataset.splitFrom ? hyphenRunCarried.get(block.dataset.ref ?? '') ?? 0 : 0;
      let run = carried;
      let previous = carried > 0 ? edgeBox(texts, false) : undefined;
      let fixed = false;
      for (let i = 0; i < ends.length && !fixed; i++) {
        run = previous !== undefined && sameLine(previous, ends[i].box, tolerance, width) ? run + 1 : 1;
        previous = ends[i].next;
        if (run <= HYPHEN_RUN_MAX) continue;
        // one line of the run takes its last word whole: the one whose word spaces stretch least for it (a hard
        // hyphen cannot), and only as far as HYPHEN_RUN_MAX_SPACE: a gaping line is worse than a third hyphen
        let best: { k: number; space: number } | undefined;
        for (let k = i; k >= Math.max(0, i - HYPHEN_RUN_MAX); k--) {
          if (!ends[k].soft) continue;
          let start = ends[k].at;
          while (start > 0 && wordChar.test(ends[k].node.data[start - 1])) start--;
          const space = spaceWithout(ends[k].node, start, ends[k].at + 1);
          if (space !== undefined && space <= HYPHEN_RUN_MAX_SPACE && (!best || space < best.space)) best = { k, space };
        }
        if (best && unbreakWord(ends[best.k].node, ends[best.k].at)) fixed = true;
        else run = 0; // nothing to change here: count afresh
      }
      if (!fixed) return changed;
      changed = true;
    }
    return changed;
  };
  /** How far each block on the page was looked at (its text's length then). */
  const runsChecked = new WeakMap<Element, number>();
  const limitHyphenRunsOnPage = (wrapper: HTMLElement): void => {
    const blocks = new Set<HTMLElement>();
    const walker = document.createTreeWalker(wrapper, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); isText(node); node = walker.nextNode()) {
      if (!node.data.includes('\u00ad') && !node.data.includes('-')) continue;
      const block = node.parentElement?.closest<HTMLElement>(BODY_BLOCKS);
      if (block && wrapper.contains(block) && !block.closest('.pagedjs_footnote_area, .footnote')) blocks.add(block);
    }
    for (const block of blocks) {
      const length = block.textContent?.length ?? 0;
      if (runsChecked.get(block) === length) continue;
      limitHyphenRuns(block);
      runsChecked.set(block, block.textContent?.length ?? 0);
    }
    limitNoteHyphenRuns(wrapper);
  };
  /**
   * The notes placed on the page so far, by the same rule (no third hyphen in a row), as long as a note keeps its
   * height: its room at the foot was measured as it was (a note grown a line would push its last line overleaf,
   * or the text's last line off the page), so a change that moves its height is undone.
   */
  const limitNoteHyphenRuns = (wrapper: HTMLElement): void => {
    const area = wrapper.closest('.pagedjs_area')?.querySelector('.pagedjs_footnote_inner_content');
    for (const note of Array.from(area?.querySelectorAll<HTMLElement>(':scope > .footnote') ?? [])) {
      const length = note.textContent?.length ?? 0;
      if (runsChecked.get(note) === length) continue;
      runsChecked.set(note, length);
      if (note.dataset.splitFrom) continue; // a note's part continued overleaf: its lines were set on the page before
      const height = note.getBoundingClientRect().height;
      unbreakJournal = [];
      const changed = limitHyphenRuns(note, '.footnote');
      const undo = unbreakJournal;
      unbreakJournal = undefined;
      if (changed && Math.abs(note.getBoundingClientRect().height - height) > 0.5) for (const put of undo.reverse()) put();
      runsChecked.set(note, note.textContent?.length ?? 0);
    }
  };
  /** At the page's end: the lines in a row ending in a hyphen at the foot of the paragraph that runs over. */
  const carryHyphenRun = (pageElement: HTMLElement): void => {
    const split = Array.from(pageElement.querySelectorAll<HTMLElement>('[data-split-to]')).filter((e) => e.matches(BODY_BLOCKS) && !e.closest('.pagedjs_footnote_area'));
    const block = split[split.length - 1];
    if (!block?.dataset.ref) return;
    const texts = textsOf(block);
    const tail = texts.length ? texts[texts.length - 1].data.replace(/\s+$/, '') : '';
    // the page's last line ends inside a word (Paged.js adds the hyphen shown there)
    if (tail === '' || !/[\p{L}\u00ad\u2011-]$/u.test(tail)) {
      hyphenRunCarried.delete(block.dataset.ref);
      return;
    }
    const { tolerance, width } = lineMetrics(block);
    const ends = hyphenLineEnds(texts, width);
    let run = 1;
    let line = edgeBox(texts, true);
    for (let i = ends.length - 1; i >= 0 && line; i--) {
      if (!sameLine(ends[i].next, line, tolerance, width)) break;
      run++;
      line = ends[i].box;
    }
    hyphenRunCarried.set(block.dataset.ref, run);
  };
  /**
   * A break inside a word at the foot of a right-hand page moves to the word's start, when the last line can
   * take the room it leaves (its word spaces then at most HYPHEN_FOOT_MAX_SPACE of the font size).
   */
  const keepRectoFootWhole = (range: Range, rendered: HTMLElement): Range => {
    if (!rendered.closest('.pagedjs_page')?.classList.contains('pagedjs_right_page')) return range;
    const node = range.startContainer;
    if (!isText(node) || node.parentElement?.closest('.pagedjs_footnote_area, .footnote')) return range;
    const text = node.data;
    const at = range.startOffset;
    if (at <= 0 || at >= text.length || !isLetter(text[at]) || !/[\p{L}\u00ad-]/u.test(text[at - 1])) return range;
    let start = at;
    while (start > 0 && /[\p{L}\u00ad-]/u.test(text[start - 1])) start--;
    if (start === 0) return range;
    const space = spaceWithout(node, start, at);
    if (space === undefined || space > HYPHEN_FOOT_MAX_SPACE) return range;
    const moved = range.cloneRange();
    moved.setStart(node, start);
    return moved;
  };

  /**
   * Where Paged.js splits a note that runs over to the next page (a long note whose call stands near the foot):
   * it finds the overflow letter by letter, and the letter after a soft hyphen is reported on the line before,
   * so the note was cut inside a word and no hyphen shown ("complete readin" / "ess to settle"). The split moves
   * back to the start of the word: the word goes over whole, and the note's last line on the page is justified
   * (Paged.js sets text-align-last on a split note).
   */
  const splitNotesAtWords = (layout: object): void => {
    const proto = Object.getPrototypeOf(layout) as { findOverflow: (rendered: unknown, bounds?: DOMRect, ...a: unknown[]) => Range | undefined; galleyNotes?: boolean };
    if (proto.galleyNotes) return;
    proto.galleyNotes = true;
    const findOverflow = proto.findOverflow;
    proto.findOverflow = function (this: unknown, rendered: unknown, bounds?: DOMRect, ...rest: unknown[]): Range | undefined {
      const isNotes = rendered instanceof Element && rendered.classList.contains('pagedjs_footnote_inner_content');
      // a note line in the padding under the notes is clipped: it goes over (measured against the box it shows in)
      if (isNotes && bounds && rendered.parentElement) {
        const style = getComputedStyle(rendered.parentElement);
        const under = (parseFloat(style.paddingBottom) || 0) + (parseFloat(style.borderBottomWidth) || 0);
        bounds = new DOMRect(bounds.x, bounds.y, bounds.width, Math.max(0, bounds.height - under));
      }
      const overflow = findOverflow.call(this, rendered, bounds, ...rest);
      if (!overflow || !isNotes) return overflow;
      const node = overflow.startContainer;
      if (!isText(node)) return overflow;
      const inWord = /[\p{L}\p{N}\u00ad\u2019'-]/u;
      let start = overflow.startOffset;
      while (start > 0 && inWord.test(node.data[start - 1])) start--;
      if (start === overflow.startOffset || start === 0) return overflow;
      const moved = overflow.cloneRange();
      moved.setStart(node, start);
      return moved;
    };
  };

  class KeepLinesTogether extends w.Paged.Handler {
    onPageLayout(_wrapper: HTMLElement, _breakToken: unknown, layout: object): void {
      splitNotesAtWords(layout);
    }

    /** Before Paged.js looks for the page's break: the hyphens the page's paragraphs may end their lines in. */
    layout(wrapper: HTMLElement): void {
      layoutSource ??= (this as unknown as { chunker?: { source?: ParentNode } }).chunker?.source;
      limitHyphenRunsOnPage(wrapper);
    }

    /** Where the rules move the break, or undefined to keep Paged.js's. */
    decide(overflow: Range, rendered: HTMLElement, bounds: DOMRect): Range | undefined {
      const container = overflow.startContainer;
      const at = isText(container) ? undefined : container.childNodes[overflow.startOffset];
      const element = isText(container) ? container.parentElement : at instanceof Element ? at : (container as Element);
      /** Is there anything on the page before `target`? */
      const contentBefore = (target: Node): boolean => {
        const r = document.createRange();
        r.setStart(rendered, 0);
        r.setEndBefore(target);
        return r.toString().trim().length > 0;
      };
      const startAt = (node: Node, offset: number): Range => {
        const r = overflow.cloneRange();
        r.setStart(node, offset);
        return r;
      };
      /** A break before `e` and the headings it follows, or undefined when that would empty the page. */
      const breakBefore = (e: Element): Range | undefined => {
        let target = e;
        for (;;) {
          const previous = target.previousElementSibling;
          if (keepsWithNext(previous)) target = previous as Element;
          else if (!previous && target.parentElement && target.parentElement !== rendered && rendered.contains(target.parentElement)) target = target.parentElement;
          else break;
        }
        if (!rendered.contains(target) || !contentBefore(target)) return undefined;
        const r = overflow.cloneRange();
        r.setStartBefore(target);
        return r;
      };
      const block = element?.closest('p, li, dd, dt');
      if (block && rendered.contains(block) && !block.closest('.pagedjs_footnote_area')) {
        // the page's foot as it is now: notes placed on the page since the layout began have raised it
        const area = rendered.parentElement?.getBoundingClientRect();
        if (area && area.height > 0 && area.bottom < bounds.bottom) bounds = new DOMRect(bounds.left, bounds.top, bounds.width, area.bottom - bounds.top);
        const lines = linesOf(block, bounds);
        const before = lines.filter((l) => l.onPage).length;
        const after = lines.length - before;
        if (after === 0) return undefined;
        const atLine = (k: number): Range => startAt(...lineStart(lines[k], block, bounds));
        if (before === 0 || before === 1 || (before === 2 && after === 1)) return breakBefore(block);
        if (after === 1) return atLine(before - 1);
        return undefined;
      }
      if (element && rendered.contains(element) && (keepsWithNext(element) || keepsWithNext(element.previousElementSibling))) {
        return breakBefore(element);
      }
      return undefined;
    }

    /** The page's break for Paged.js's overflow: the rules' (moved back only), else Paged.js's own. */
    breakFor(overflow: Range, rendered: HTMLElement, bounds: DOMRect): Range {
      const moved = this.decide(overflow, rendered, bounds);
      // a break is only ever moved back (what stood after Paged.js's own break did not fit: moved on, it
      // would be cut off the page and lost); else Paged.js's own, its soft-hyphen letter put right
      if (moved && moved.compareBoundaryPoints(Range.START_TO_START, overflow) <= 0) return keepRectoFootWhole(moved, rendered);
      return keepRectoFootWhole(fixSoftHyphenBreak(overflow) ?? overflow, rendered);
    }

    onOverflow(overflow: Range | undefined, rendered: HTMLElement, bounds: DOMRect, layout?: { findOverflow(r: Element, b?: DOMRect): Range | undefined }): Range | undefined {
      if (!overflow) return undefined;
      // the notes' room as the page breaks: what the page's text was measured against (see SetFinishedPagesAside)
      const area = rendered.closest<HTMLElement>('.pagedjs_area');
      if (area) noteRoomAtBreak.set(area, parseFloat(area.style.getPropertyValue('--pagedjs-footnotes-height')) || 0);
      const chosen = this.breakFor(overflow, rendered, bounds);
      if (!layout) return chosen;
      return fillShortPage(chosen, rendered, bounds, (o) => this.breakFor(o, rendered, bounds), () => layout.findOverflow(rendered, bounds)) ?? chosen;
    }
  }

  /**
   * A page the rules left short (a widow's or an orphan's line sent over, a heading sent over with its first
   * lines), or a right-hand page that ends inside a word, is mended as a typesetter mends it: a paragraph wholly
   * on the page is set a little tighter or looser, by word spacing only (from -FILL_MIN_WORD_SPACE to
   * +FILL_MAX_WORD_SPACE em, about 80 % to 133 % of the font's space; letter spacing would undo the ligatures),
   * until it takes one line less or one more; the page's break is then found again by Paged.js and the same
   * rules. Paragraphs are tried from those that need the least (a short last line to take in, a full one to push
   * out), up to FILL_MAX_PARAGRAPHS; a change that makes a run of three hyphens or a word space wider than
   * FILL_MAX_SPACE (or the paragraph's widest before) is not made. Pages with notes, or a note's call laid out,
   * are left as they are (a line moved could part a call from its note); so is a page nothing mends: every
   * change undone, the rules' break kept.
   */
  const FILL_MAX_WORD_SPACE = 0.08;
  const FILL_MIN_WORD_SPACE = 0.05;
  const FILL_STEP = 0.01;
  /** The widest word space, as a share of the font size, a paragraph set looser may show (or its own before). */
  const FILL_MAX_SPACE = 0.5;
  const FILL_MAX_PARAGRAPHS = 4;
  /** The room left empty at the foot of the page by a break at `range` (px), or undefined when unreadable. */
  const emptyAtFoot = (range: Range, rendered: HTMLElement, bounds: DOMRect): number | undefined => {
    const foot = Math.min(bounds.bottom, rendered.parentElement?.getBoundingClientRect().bottom ?? bounds.bottom);
    const r = document.createRange();
    r.setStart(rendered, 0);
    r.setEnd(range.startContainer, range.startOffset);
    let bottom = -Infinity;
    for (const box of Array.from(r.getClientRects())) {
      if (box.height === 0 || box.width === 0 || box.left >= bounds.right - 1 || box.bottom > foot + 1) continue;
      bottom = Math.max(bottom, box.bottom);
    }
    return bottom === -Infinity ? undefined : foot - bottom;
  };
  /** Does a break at `range` fall inside a word (the page's last line then ends in a hyphen)? */
  const splitsWord = (range: Range): boolean => {
    const node = range.startContainer;
    if (!isText(node)) return false;
    const at = range.startOffset;
    return at > 0 && at < node.length && isLetter(node.data[at]) && /[\p{L}\u00ad-]/u.test(node.data[at - 1]);
  };
  /** The widest word space of a block's lines, as a share of the font size. */
  /** (Of the lines before `before`, when given: those after it are laid out again overleaf.) */
  const widestSpace = (block: HTMLElement, before?: Range): number => {
    let widest = 0;
    const range = document.createRange();
    for (const node of textsOf(block)) {
      const size = parseFloat(getComputedStyle(node.parentElement ?? block).fontSize) || 16;
      for (let at = node.data.indexOf(' '); at >= 0; at = node.data.indexOf(' ', at + 1)) {
        if (before && before.comparePoint(node, at) >= 0) break;
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        for (const r of Array.from(range.getClientRects())) widest = Math.max(widest, r.width / size);
      }
    }
    return widest;
  };
  /**
   * The widest word space of what a paragraph carries overleaf from a break at `range`, set as the next page will
   * set it (from the break, without indent or a changed word spacing): measured on a copy beside it, out of the
   * flow and unseen, taken away again.
   */
  const widestOverleaf = (p: HTMLElement, range: Range): number => {
    const rest = document.createRange();
    rest.setStart(range.startContainer, range.startOffset);
    rest.setEnd(p, p.childNodes.length);
    const probe = document.createElement(p.tagName);
    probe.className = p.className;
    probe.style.cssText = `position: absolute; visibility: hidden; left: 0; top: 0; width: ${getComputedStyle(p).width}; text-indent: 0; word-spacing: normal`;
    probe.append(rest.cloneContents());
    p.after(probe);
    const widest = widestSpace(probe);
    probe.remove();
    return widest;
  };
  const longestHyphenRun = (block: HTMLElement, before?: Range): number => {
    const { tolerance, width } = lineMetrics(block);
    const ends = hyphenLineEnds(textsOf(block), width).filter((e) => !before || before.comparePoint(e.node, e.at) < 0);
    let run = 0;
    let longest = 0;
    let previous: DOMRect | undefined;
    for (const end of ends) {
      run = previous !== undefined && sameLine(previous, end.box, tolerance, width) ? run + 1 : 1;
      previous = end.next;
      longest = Math.max(longest, run);
    }
    return longest;
  };
  const fillShortPage = (chosen: Range, rendered: HTMLElement, bounds: DOMRect, breakFor: (overflow: Range) => Range, findOverflow: () => Range | undefined): Range | undefined => {
    const line = parseFloat(getComputedStyle(rendered).lineHeight) || 0;
    if (!(line > 0)) return undefined;
    const empty = emptyAtFoot(chosen, rendered, bounds);
    // a right-hand page does not end inside a word (where keepRectoFootWhole could not help)
    const recto = rendered.closest('.pagedjs_page')?.classList.contains('pagedjs_right_page') ?? false;
    if (empty === undefined) return undefined;
    const footSplit = recto && empty < 0.9 * line && splitsWord(chosen);
    // the note calls (and notes still in the flow) before a break: a change that moves one over the break is
    // not made (its note was placed, or not, where the call stood as Paged.js laid it out)
    const calls = Array.from(rendered.querySelectorAll<HTMLElement>('[data-footnote-call], [data-note="footnote"]'));
    const callsBefore = (range: Range): string =>
      calls
        .filter((c) => c.isConnected && range.comparePoint(c, 0) < 0)
        .map((c) => c.dataset.footnoteCall ?? c.dataset.ref ?? '?')
        .join(' ');
    const callsAtBreak = callsBefore(chosen);
    const wrong = (range: Range, room: number): boolean => room >= 0.9 * line || (recto && splitsWord(range)) || callsBefore(range) !== callsAtBreak;
    if (!(empty >= 0.9 * line) && !footSplit) return undefined;
    // a short page is mended only without notes, and without a call in what was laid out (a line moved could part
    // a call from its note); a right-hand page ending inside a word may have notes, as long as no call crosses the break
    const notes = rendered.closest('.pagedjs_area')?.querySelector('.pagedjs_footnote_inner_content');
    if (!footSplit && ((notes && notes.childElementCount > 0) || calls.length > 0)) return undefined;
    const breakNode = chosen.startContainer;
    // paragraphs wholly on the page, before the break: justified, three lines or more
    const candidates: { p: HTMLElement; lines: number; last: number }[] = [];
    for (const p of Array.from(rendered.querySelectorAll<HTMLElement>('p'))) {
      if (p.contains(breakNode) || chosen.comparePoint(p, p.childNodes.length) !== -1) continue;
      if (p.closest('h1, h2, h3, h4, h5, h6') || p.style.wordSpacing) continue;
      const style = getComputedStyle(p);
      if (style.textAlign !== 'justify' || style.display !== 'block') continue;
      const lines = linesOf(p, bounds);
      if (lines.length < 3 || lines.some((l) => !l.onPage)) continue;
      const end = edgeBox(textsOf(p), true);
      const box = p.getBoundingClientRect();
      if (!end || box.width === 0) continue;
      candidates.push({ p, lines: lines.length, last: (end.right - box.left) / box.width });
    }
    // the paragraphs that need the least change first: a short last line to take in, a full one to push out
    candidates.sort((a, b) => Math.abs(b.last - 0.5) - Math.abs(a.last - 0.5));
    const changed: HTMLElement[] = [];
    const undo = (): undefined => {
      for (const p of changed) p.style.removeProperty('word-spacing');
      return undefined;
    };
    let left = empty;
    for (const { p, lines, last } of candidates) {
      if (changed.length >= FILL_MAX_PARAGRAPHS) break;
      const run = Math.max(longestHyphenRun(p), HYPHEN_RUN_MAX);
      const space = Math.max(widestSpace(p), FILL_MAX_SPACE);
      const directions = last < 0.5 ? [-1, 1] : [1, -1];
      for (const direction of directions) {
        const limit = direction > 0 ? FILL_MAX_WORD_SPACE : FILL_MIN_WORD_SPACE;
        let changedLines = false;
        for (let k = 1; k * FILL_STEP <= limit + 1e-9; k++) {
          p.style.setProperty('word-spacing', `${(direction * k * FILL_STEP).toFixed(3)}em`);
          const now = linesOf(p, bounds);
          if (now.some((l) => !l.onPage)) break;
          if (now.length === lines + direction) {
            changedLines = longestHyphenRun(p) <= run && widestSpace(p) <= space;
            break;
          }
          if (now.length !== lines) break;
        }
        if (!changedLines) {
          p.style.removeProperty('word-spacing');
          continue;
        }
        const overflow = findOverflow();
        const next = overflow ? breakFor(overflow) : undefined;
        const after = next ? emptyAtFoot(next, rendered, bounds) : undefined;
        if (next && after !== undefined && !wrong(next, after)) {
          changed.push(p);
          return next;
        }
        if (!next || after === undefined || after >= left - 0.1 * line || (recto && splitsWord(next))) {
          // no better (or nothing left to break at): this change undone, the other way tried
          p.style.removeProperty('word-spacing');
          continue;
        }
        // a line gained, more to gain: kept, and the next paragraph tried
        changed.push(p);
        left = after;
        break;
      }
    }
    undo();
    return footSplit ? moveFootBreak(chosen, rendered, bounds, breakFor, findOverflow, (range, room) => !wrong(range, room)) : undefined;
  };
  /**
   * A right-hand page full to its foot whose last line ends inside a word, where no other paragraph could take a
   * line in or out: the paragraph that runs over is set a little tighter or looser itself (its lines on this page;
   * overleaf it goes on as set before), so that its lines break elsewhere and the page's last line ends with a
   * whole word. Tighter first (the page then holds more), each step found again by Paged.js and the rules; the same
   * limits as fillShortPage (no run of three hyphens more, no word space past FILL_MAX_SPACE or its own widest).
   */
  const moveFootBreak = (
    chosen: Range,
    rendered: HTMLElement,
    bounds: DOMRect,
    breakFor: (overflow: Range) => Range,
    findOverflow: () => Range | undefined,
    right: (range: Range, room: number) => boolean,
  ): Range | undefined => {
    const node = chosen.startContainer;
    const p = (isText(node) ? node.parentElement : (node as Element))?.closest<HTMLElement>('p');
    if (!p || !rendered.contains(p) || p.closest('.pagedjs_footnote_area, .footnote, h1, h2, h3, h4, h5, h6') || p.style.wordSpacing) return undefined;
    const style = getComputedStyle(p);
    if (style.textAlign !== 'justify' || style.display !== 'block') return undefined;
    // the lines before the break only: those after it are laid out again overleaf (and their hyphens looked at there)
    const run = Math.max(longestHyphenRun(p, chosen), HYPHEN_RUN_MAX);
    const space = Math.max(widestSpace(p, chosen), FILL_MAX_SPACE);
    // the lines overleaf, as they will be set from the break: no wider than from the rules' own break (or FILL_MAX_SPACE)
    const overleaf = Math.max(widestOverleaf(p, chosen), FILL_MAX_SPACE);
    for (const direction of [-1, 1]) {
      const limit = direction > 0 ? FILL_MAX_WORD_SPACE : FILL_MIN_WORD_SPACE;
      for (let k = 1; k * FILL_STEP <= limit + 1e-9; k++) {
        p.style.setProperty('word-spacing', `${(direction * k * FILL_STEP).toFixed(3)}em`);
        const overflow = findOverflow();
        const next = overflow ? breakFor(overflow) : undefined;
        const after = next ? emptyAtFoot(next, rendered, bounds) : undefined;
        if (!next || after === undefined || !right(next, after)) continue;
        if (widestSpace(p, next) <= space && longestHyphenRun(p, next) <= run && widestOverleaf(p, next) <= overleaf) return next;
      }
      p.style.removeProperty('word-spacing');
    }
    return undefined;
  };

  /**
   * Paged.js finds the overflow letter by letter, and Chromium reports the letter after a soft hyphen on
   * the wrong line, so a word broken at the foot of a page was cut one letter late ("Seco-" / "nd"): such
   * a break moves back to the soft hyphen where the line really broke (Paged.js then adds the visible
   * hyphen), or to the start of the word.
   */
  const fixSoftHyphenBreak = (overflow: Range): Range | undefined => {
    if (!isText(overflow.startContainer)) return undefined;
    const text = overflow.startContainer.data;
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
  // Paged.js adds up the notes' margins, paddings and borders in whole pixels (parseInt): the notes' area came
  // out up to 2 px short, and a note split over two pages then stood 2.3 pt below the text block's last
  // baseline. Read exactly (the same sums, parseFloat).
  {
    const handlers = (w.Paged as unknown as { registeredHandlers: { prototype: Record<string, unknown> }[] }).registeredHandlers;
    const notes = handlers.find((h) => typeof h.prototype.moveFootnote === 'function');
    const sum = (a: string, b: string) => (element: Element, total = true): number => {
      const style = getComputedStyle(element) as unknown as Record<string, string>;
      return (parseFloat(style[a]) || 0) + (total ? parseFloat(style[b]) || 0 : 0);
    };
    if (notes) {
      notes.prototype.marginsHeight = sum('marginTop', 'marginBottom');
      notes.prototype.paddingHeight = sum('paddingTop', 'paddingBottom');
      notes.prototype.borderHeight = sum('borderTopWidth', 'borderBottomWidth');
      // A note whose call stands near the foot gets the room left under the call, the rest going overleaf.
      // Less room than two of its lines, and Paged.js later took the whole note overleaf and made the room
      // its padding (the text above then lost its last line): then the call's line goes overleaf with the note.
      // No room under the call even for the notes' rule: Paged.js queues the whole note for the next page and
      // leaves its call here (a note off its call's page). The call's line goes overleaf too, the note with it:
      // the room is made to reach just above the top of the call's line, so that line no longer fits.
      const pushCallOverleaf = (node: HTMLElement, pageArea: HTMLElement, inner: HTMLElement): void => {
        if (inner.querySelector(`[data-ref="${node.dataset.ref}"]`)) return; // the note is here already
        const call = pageArea.querySelector<HTMLElement>(`a[data-footnote-call="${node.dataset.ref}"]`);
        const content = pageArea.querySelector<HTMLElement>('.pagedjs_page_content');
        if (!call || !content) return;
        const box = content.getBoundingClientRect();
        const at = call.getBoundingClientRect();
        // a call beyond the text block's column is overleaf anyway (Paged.js drops the note, it comes with the call)
        if (at.left >= box.right || at.top >= box.bottom) return;
        const height = parseFloat(pageArea.style.getPropertyValue('--pagedjs-footnotes-height')) || 0;
        pageArea.style.setProperty('--pagedjs-footnotes-height', `${height + Math.ceil(box.bottom - at.top) + 1}px`);
      };
      // Paged.js measures a page's first note while the notes' area is still closed (its height 0): the room
      // it gives came out short of the note (Foundations p. 19: 29 px for a note of 30 px and its rule), so
      // the whole note was later sent overleaf and its call left behind. Decided again with the note's real
      // height: it fits under its call, or it gets the room under the call's line and continues overleaf.
      const checkNoteFits = (node: HTMLElement, pageArea: HTMLElement, inner: HTMLElement): void => {
        if (inner.style.height !== '') return; // Paged.js split the note already, to the room under the call
        const noteContent = inner.parentElement;
        const call = pageArea.querySelector<HTMLElement>(`a[data-footnote-call="${node.dataset.ref}"]`);
        const content = pageArea.querySelector<HTMLElement>('.pagedjs_page_content');
        if (!noteContent || !call || !content) return;
        const self = notes.prototype as unknown as Record<'marginsHeight' | 'paddingHeight' | 'borderHeight', (e: Element) => number>;
        const total = self.marginsHeight(noteContent) + self.paddingHeight(noteContent) + self.borderHeight(noteContent);
        const room = parseFloat(pageArea.style.getPropertyValue('--pagedjs-footnotes-height')) || 0;
        const needed = inner.scrollHeight + total;
        if (needed <= room + 0.5) return;
        const foot = content.getBoundingClientRect().bottom + room; // the notes' area ends here, whatever its room
        const callFoot = call.getBoundingClientRect().bottom;
        if (callFoot <= foot - needed) {
          pageArea.style.setProperty('--pagedjs-footnotes-height', `${needed}px`);
          return;
        }
        const under = Math.max(total, Math.floor(foot - callFoot));
        pageArea.style.setProperty('--pagedjs-footnotes-height', `${under}px`);
        inner.style.height = `${under - total}px`;
      };
      const moveFootnote = notes.prototype.moveFootnote as (this: unknown, node: HTMLElement, pageArea: HTMLElement, needsCall: boolean) => void;
      notes.prototype.moveFootnote = function (this: unknown, node: HTMLElement, pageArea: HTMLElement, needsCall: boolean): void {
        moveFootnote.call(this, node, pageArea, needsCall);
        // its call is an empty box (book.css): without an address, so the PDF gets no link to Paged.js's random id
        pageArea.querySelector(`a[data-footnote-call="${node.dataset.ref}"]`)?.removeAttribute('href');
        // the note keeps its own id (Paged.js made it note-<random>), the one our call links to; not a part
        // continued overleaf, so that the id stands once
        if (node.isConnected && node.dataset.id && !node.hasAttribute('data-split-from')) node.id = node.dataset.id;
        const inner = pageArea.querySelector<HTMLElement>('.pagedjs_footnote_inner_content');
        if (!needsCall || !inner) return;
        if (!inner.contains(node)) {
          pushCallOverleaf(node, pageArea, inner);
          return;
        }
        if (!node.isConnected) return;
        checkNoteFits(node, pageArea, inner);
        const room = parseFloat(inner.style.height);
        if (Number.isNaN(room)) return;
        const style = getComputedStyle(node);
        const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.3;
        const above = Array.from(inner.children).filter((n) => n !== node).reduce((h, n) => h + n.getBoundingClientRect().height, 0);
        if (room - above >= 2 * line) return;
        const body = getComputedStyle(pageArea.querySelector('.pagedjs_page_content') ?? pageArea);
        const bodyLine = parseFloat(body.lineHeight) || line;
        const height = parseFloat(pageArea.style.getPropertyValue('--pagedjs-footnotes-height')) || 0;
        pageArea.style.setProperty('--pagedjs-footnotes-height', `${height + bodyLine}px`);
        inner.style.height = `${room + bodyLine}px`;
      };
    }
  }

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
  // the pages never set aside (the last two) get their text edits now, still unseen
  for (const element of Array.from(textEdits.keys())) applyTextEdits(element);
  // back in their places, still hidden
  for (const [marker, element] of detached) marker.replaceWith(element);
  document.body.style.visibility = '';
  w.galley = { hidden: finished.map(([element]) => element).filter((e) => e.style.display === 'none'), edited: checked };
  report(flow.total);

  // the page counter of every page, as Paged.js set it up; style only, so the hidden pages stay hidden
  const pages = Array.from(document.querySelectorAll<HTMLElement>('.pagedjs_pages > .pagedjs_page'));
  const counterValue = (value: string): number | undefined => {
    const m = /(?:^|\s)page\s+(-?\d+)/.exec(value);
    return m ? Number(m[1]) : undefined;
  };
  const counters: number[] = [];
  const front: boolean[] = [];
  const texts: string[] = [];
  const tocSlots: Record<number, string[]> = {};
  /** cyrb53: a 53-bit string hash, as hex */
  const fingerprint = (text: string): string => {
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
  };
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
    const text = (p.querySelector('.pagedjs_area')?.textContent ?? '').replace(/[\u00ad\u2011]/g, '').replace(/\s+/g, ' ').trim();
    texts.push(text ? fingerprint(text) : '');
    const slots = Array.from(p.querySelectorAll<HTMLElement>('.toc-page[data-target]')).map((e) => e.dataset.target ?? '');
    if (slots.length > 0) tocSlots[counters.length - 1] = slots;
  }
  return { counters, front, headings, chapterStarts, pageHeightPx, texts, tocSlots };
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
  const w = window as unknown as { galley?: { hidden: HTMLElement[]; edited: Map<Element, { height: number; nodes: Map<Text, string> }>[] } };
  for (const element of w.galley?.hidden ?? []) element.style.display = '';
  // the text-layer edits (measureTextLayer) moved nothing: a block whose height changed all the same is put
  // back as it was laid out, soft hyphens and all (the book lays out once for printing anyway)
  for (const blocks of w.galley?.edited ?? []) {
    for (const [block, { height, nodes }] of blocks) {
      if (Math.abs(block.getBoundingClientRect().height - height) > 0.5) for (const [node, data] of nodes) node.data = data;
    }
  }
  // Each page is a box of fixed size whose content never reaches out of it: said to the browser, printing
  // paints each page alone instead of looking through the whole book for each (the print took a third of
  // the time; the pages come out the same, pixel for pixel).
  const contain = document.createElement('style');
  contain.textContent = '.pagedjs_page { contain: size layout paint; }';
  document.head.append(contain);
}
