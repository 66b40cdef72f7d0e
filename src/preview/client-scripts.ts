/**
 * The preview's scripts, which run in the reader's browser. Like render/print/in-page.ts, each function is
 * self-contained (no imports, no closures over module scope): it is sent as its source text.
 *
 * - the print page lays the book out with the PDF's own code: runPagedJs (Paged.js with galley's handlers),
 *   then writeFoliosAndShowPages (the folios and the contents' page numbers), as typeset-pdf.ts does in its
 *   tab; then it tells the shell how many pages it made.
 * - the shell (the page at /) shows the print pages, the spreads or the ebook in a frame, reloads the frame
 *   when the server says the book changed (server-sent events), and shows the diagnostics of a book that
 *   does not build instead of the book.
 */
import { runPagedJs, writeFoliosAndShowPages, type PageFacts } from '../render/print/in-page.js';

/** The script of the print page: PagedConfig set before Paged.js loads, the layout started when the page has loaded. */
export function printPageScript(screenStylesheet: string): string {
  return [
    '"use strict";',
    'window.PagedConfig = { auto: false };',
    `const runPagedJs = ${runPagedJs.toString()};`,
    `const writeFoliosAndShowPages = ${writeFoliosAndShowPages.toString()};`,
    `(${layOutForPreview.toString()})(runPagedJs, writeFoliosAndShowPages, ${JSON.stringify(screenStylesheet)});`,
  ].join('\n');
}

function layOutForPreview(run: () => Promise<PageFacts>, write: (folios: number[], tocPages: Record<string, number>) => void, screenStylesheet: string): void {
  const tell = (message: Record<string, unknown>) => {
    if (window.parent !== window) window.parent.postMessage({ galley: true, ...message }, location.origin);
  };
  window.addEventListener('load', async () => {
    try {
      const facts = await run();
      // one document, as the PDF of a book laid out in one tab: Paged.js's page counters are the folios
      // (render/print/units.ts, a book of one unit), and a heading's page is its index
      const folios = facts.counters;
      const tocPages: Record<string, number> = {};
      for (const h of facts.headings) tocPages[h.id] = folios[h.page];
      write(folios, tocPages);
      // how the pages stand on the screen, added once they are made: Paged.js takes over every stylesheet the
      // page has when it starts (as print rules), and this one is for the screen only
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = screenStylesheet;
      await new Promise((resolve) => {
        link.onload = link.onerror = resolve;
        document.head.append(link);
      });
      document.documentElement.dataset.galleyPages = String(folios.length);
      tell({ event: 'laid-out', pages: folios.length });
    } catch (error) {
      document.documentElement.dataset.galleyError = String(error);
      tell({ event: 'layout-failed', message: String((error as Error)?.message ?? error) });
    }
  });
}

export function shellScript(): string {
  return `"use strict";\n(${shellMain.toString()})();`;
}

interface ShellDiagnostic {
  severity: string;
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

interface ShellState {
  version: number;
  ok: boolean;
  title: string;
  diagnostics: ShellDiagnostic[];
  spine: { href: string; title: string }[];
  updated: string;
}

function shellMain(): void {
  const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const frame = $<HTMLIFrameElement>('view');
  const problems = $('diagnostics');
  const status = $('status');
  const chapter = $<HTMLSelectElement>('chapter');
  const ebookNav = $('ebook-nav');
  let state: ShellState | undefined;
  let shown = -1;
  let laidOut = false;

  type Mode = 'pages' | 'spreads' | 'ebook';
  const modeOf = (): Mode => {
    const m = /^#(pages|spreads|ebook)/.exec(location.hash);
    return m ? (m[1] as Mode) : 'pages';
  };
  const ebookHref = (): string | undefined => /^#ebook:(.+)$/.exec(location.hash)?.[1];

  const where = (d: ShellDiagnostic) => (d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}` : '');
  function showDiagnostics(list: ShellDiagnostic[], failed: boolean): void {
    problems.replaceChildren();
    problems.hidden = list.length === 0;
    problems.className = failed ? 'failed' : 'warnings';
    if (list.length === 0) return;
    const head = document.createElement('p');
    head.className = 'diagnostics-head';
    head.textContent = failed ? 'The book does not build: fix this and save, the preview comes back by itself.' : `${list.length} warning(s)`;
    problems.append(head);
    const ul = document.createElement('ul');
    for (const d of list) {
      const li = document.createElement('li');
      li.className = `diagnostic ${d.severity}`;
      li.dataset.code = d.code;
      const at = document.createElement('span');
      at.className = 'where';
      at.textContent = where(d);
      const sev = document.createElement('span');
      sev.className = 'severity';
      sev.textContent = d.severity;
      const msg = document.createElement('span');
      msg.className = 'message';
      msg.textContent = d.message;
      const code = document.createElement('code');
      code.textContent = `[${d.code}]`;
      li.append(at, ' ', sev, ' ', msg, ' ', code);
      ul.append(li);
    }
    problems.append(ul);
  }

  function frameUrl(s: ShellState): string {
    if (modeOf() === 'ebook') {
      const wanted = ebookHref();
      const item = s.spine.find((i) => i.href === wanted) ?? s.spine.find((i) => /\d{3}-/.test(i.href)) ?? s.spine[0];
      return `/${item ? item.href : 'ebook/nav.xhtml'}?v=${s.version}`;
    }
    return `/print/?v=${s.version}`;
  }

  function load(s: ShellState, keepPlace: boolean): void {
    const y = keepPlace ? (frame.contentWindow?.scrollY ?? 0) : 0;
    laidOut = false;
    document.body.dataset.layout = 'loading';
    status.textContent = modeOf() === 'ebook' ? 'loading…' : 'laying out pages…';
    frame.onload = () => {
      if (modeOf() === 'ebook') {
        status.textContent = `ebook, updated ${s.updated}`;
        document.body.dataset.layout = 'done';
        frame.contentWindow?.scrollTo(0, y);
      } else {
        frame.contentDocument?.documentElement.classList.toggle('galley-spreads', modeOf() === 'spreads');
      }
    };
    restoreY = y;
    frame.src = frameUrl(s);
  }
  let restoreY = 0;

  window.addEventListener('message', (event) => {
    if (event.origin !== location.origin || event.source !== frame.contentWindow || !event.data?.galley) return;
    if (event.data.event === 'laid-out') {
      laidOut = true;
      document.body.dataset.layout = 'done';
      status.textContent = `${event.data.pages} pages, updated ${state?.updated ?? ''}`;
      frame.contentWindow?.scrollTo(0, restoreY);
    } else if (event.data.event === 'layout-failed') {
      document.body.dataset.layout = 'failed';
      status.textContent = `Paged.js failed: ${event.data.message}`;
    }
  });

  function fillChapters(s: ShellState): void {
    chapter.replaceChildren(...s.spine.map((item) => new Option(item.title, item.href)));
    const current = frameUrl(s).slice(1).replace(/\?.*$/, '');
    chapter.value = current;
  }

  async function refresh(): Promise<void> {
    const s = (await (await fetch('/_galley/state', { cache: 'no-store' })).json()) as ShellState;
    if (s.version === shown) return;
    const again = state !== undefined && state.ok && s.ok;
    state = s;
    shown = s.version;
    document.title = `${s.title}: galley preview`;
    $('title').textContent = s.title;
    document.body.dataset.ok = String(s.ok);
    document.body.dataset.version = String(s.version);
    showDiagnostics(s.diagnostics, !s.ok);
    frame.hidden = !s.ok;
    if (!s.ok) {
      status.textContent = `does not build, ${s.updated}`;
      frame.removeAttribute('src');
      return;
    }
    fillChapters(s);
    load(s, again);
  }

  function setMode(mode: Mode, href?: string): void {
    const before = modeOf();
    history.replaceState(null, '', mode === 'ebook' && href ? `#ebook:${href}` : `#${mode}`);
    for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-mode]'))) b.setAttribute('aria-pressed', String(b.dataset.mode === mode));
    ebookNav.hidden = mode !== 'ebook';
    if (!state?.ok) return;
    // pages and spreads are one layout, shown two ways: no new layout to switch
    if (before !== 'ebook' && mode !== 'ebook' && laidOut) {
      frame.contentDocument?.documentElement.classList.toggle('galley-spreads', mode === 'spreads');
      return;
    }
    load(state, false);
  }

  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-mode]'))) b.addEventListener('click', () => setMode(b.dataset.mode as Mode));
  chapter.addEventListener('change', () => setMode('ebook', chapter.value));
  const step = (by: number) => {
    if (!state) return;
    const i = state.spine.findIndex((item) => item.href === chapter.value);
    const next = state.spine[Math.min(state.spine.length - 1, Math.max(0, i + by))];
    if (next) setMode('ebook', next.href);
  };
  $('prev').addEventListener('click', () => step(-1));
  $('next').addEventListener('click', () => step(1));
  setMode(modeOf(), ebookHref());

  const events = new EventSource('/_galley/events');
  events.addEventListener('message', () => void refresh().catch(() => undefined));
  events.addEventListener('error', () => (status.textContent = 'the preview server is not answering'));
  void refresh();
}
