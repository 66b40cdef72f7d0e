/**
 * typesetPdf(html, options) → PDF bytes: Paged.js lays the print HTML out into pages inside Debian's
 * Chromium (driven through puppeteer-core, never a downloaded browser), Chromium prints the pages, and
 * pdf-lib sets the metadata, the outline and the page labels in one pass.
 *
 * One browser serves every book of a run (closeTypesetter ends it). A missing browser, a crash or a hang
 * becomes a GalleyError within `timeoutMs`; on any failure the browser is killed and its profile folder
 * removed, so nothing is left behind.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { GalleyError } from '../../diagnostics.js';
import { finishPdf, type LaidOutBook } from './finish-pdf.js';

const require = createRequire(import.meta.url);

export interface TypesetOptions {
  /** folder the HTML's relative URLs resolve against (the book folder) */
  baseDir: string;
  /** the whole typesetting, browser start included */
  timeoutMs: number;
  title: string;
  author: string;
  language: string;
  /** YYYY-MM-DD: the PDF's creation and modification dates, so the same book gives the same metadata */
  revision: string;
  subject?: string;
  keywords?: string[];
  creator?: string;
  onProgress?: (progress: { pages?: number }) => void;
}

/** Launch flags: no sandbox (root in CI), nothing reaching the network, no first-run work. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--disable-extensions',
  '--disable-default-apps',
  '--mute-audio',
  '--font-render-hinting=none',
];

export function chromiumPath(): string {
  return process.env.PUPPETEER_EXECUTABLE_PATH || process.env.GALLEY_CHROMIUM || '/usr/bin/chromium';
}

/** Paged.js as bundled by pagedjs-cli (the polyfill, which waits for PagedConfig.auto). */
function pagedScriptPath(): string {
  return join(require.resolve('pagedjs-cli'), '..', '..', 'dist', 'browser.js');
}

interface Session {
  browser: Browser;
  profileDir: string;
}

let session: Promise<Session> | undefined;

async function launch(timeoutMs: number): Promise<Session> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new GalleyError('browser-missing', `Chromium not found at ${executablePath}: install Debian's chromium (apt-get install chromium) or set PUPPETEER_EXECUTABLE_PATH`);
  }
  const { default: puppeteer } = await import('puppeteer-core');
  const profileDir = mkdtempSync(join(tmpdir(), 'galley-chromium-'));
  try {
    const browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS.filter((a) => a !== '--headless'),
      userDataDir: profileDir,
      timeout: timeoutMs,
      protocolTimeout: timeoutMs,
      pipe: true,
    });
    return { browser, profileDir };
  } catch (error) {
    rmSync(profileDir, { recursive: true, force: true });
    throw new GalleyError('browser-failed', `Chromium (${executablePath}) did not start: ${firstLine(error)}`, { cause: error });
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0];
}

async function getSession(timeoutMs: number): Promise<Session> {
  if (session) {
    const current = await session.catch(() => undefined);
    if (current?.browser.isConnected()) return current;
    if (current) killSession(current);
  }
  session = launch(timeoutMs);
  session.catch(() => (session = undefined));
  return session;
}

function killSession(s: Session): void {
  try {
    s.browser.process()?.kill('SIGKILL');
  } catch {
    /* already gone */
  }
  rmSync(s.profileDir, { recursive: true, force: true });
}

/** Close the shared browser (after the last book of a run) and remove its profile folder. */
export async function closeTypesetter(): Promise<void> {
  const current = session;
  session = undefined;
  const s = await current?.catch(() => undefined);
  if (!s) return;
  const closed = s.browser.close().catch(() => undefined);
  const timer = new Promise((resolve) => setTimeout(resolve, 5_000).unref());
  await Promise.race([closed, timer]);
  killSession(s);
}

/** Everything that happens inside the page: Paged.js, then the data the PDF needs from the layout. */
async function layOut(page: Page, html: string, options: TypesetOptions): Promise<LaidOutBook> {
  await page.goto(pathToFileURL(options.baseDir).href.replace(/\/?$/, '/'), { waitUntil: 'domcontentloaded' });
  await page.setContent(html, { waitUntil: 'load' });
  await page.exposeFunction('galleyPageLaidOut', (pages: number) => options.onProgress?.({ pages }));
  await page.evaluate(() => {
    (window as unknown as { PagedConfig: object }).PagedConfig = { auto: false };
  });
  await page.addScriptTag({ path: pagedScriptPath() });
  return page.evaluate(async () => {
    const w = window as unknown as {
      PagedPolyfill: { on(event: string, fn: (p: unknown) => void): void; preview(): Promise<{ total: number }> };
      galleyPageLaidOut(pages: number): void;
    };
    await document.fonts.ready;
    let count = 0;
    w.PagedPolyfill.on('page', () => {
      count++;
      if (count % 8 === 1) w.galleyPageLaidOut(count);
    });
    const flow = await w.PagedPolyfill.preview();
    w.galleyPageLaidOut(flow.total);

    // the printed folio of every page, from the page counter as Paged.js set it up (resets, increments)
    const pages = Array.from(document.querySelectorAll<HTMLElement>('.pagedjs_pages > .pagedjs_page'));
    const folios: number[] = [];
    const roman: boolean[] = [];
    const counterValue = (value: string): number | undefined => {
      const m = /(?:^|\s)page\s+(-?\d+)/.exec(value);
      return m ? Number(m[1]) : undefined;
    };
    const styles = pages.map((p) => getComputedStyle(p));
    let n = 0;
    let inBody = false;
    pages.forEach((p, i) => {
      const reset = counterValue(styles[i].counterReset);
      const increment = counterValue(styles[i].counterIncrement);
      if (reset !== undefined) n = reset;
      if (increment !== undefined) n += increment;
      folios.push(n);
      inBody ||= p.querySelector('.chapter') !== null;
      roman.push(!inBody);
    });
    // set every folio explicitly: Chromium's counter scoping no longer carries a reset on one page over to
    // the pages after it, so Paged.js's own page counter goes wrong after `counter-reset: page 1`
    pages.forEach((p, i) => {
      p.style.counterReset = `page ${folios[i]}`;
      p.style.counterIncrement = 'none';
    });
    const indexOfPage = new Map(pages.map((p, i) => [p, i]));
    const pageIndexOf = (el: Element): number => indexOfPage.get(el.closest('.pagedjs_page') as HTMLElement) ?? -1;

    // contents: page numbers written into their reserved slots (the layout does not move)
    for (const slot of Array.from(document.querySelectorAll<HTMLElement>('.toc-page[data-target]'))) {
      const target = document.getElementById(slot.dataset.target ?? '');
      if (target) slot.textContent = String(folios[pageIndexOf(target)]);
    }

    // outline: the book's headings with where they stand
    const outline = Array.from(document.querySelectorAll<HTMLElement>('.chapter h1[id], .chapter h2[id], .chapter h3[id]'))
      .filter((h) => !h.dataset.splitFrom)
      .map((h) => {
        const page = h.closest('.pagedjs_page') as HTMLElement;
        const top = h.getBoundingClientRect().top - page.getBoundingClientRect().top;
        return { id: h.id, text: (h.textContent ?? '').replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim(), level: Number(h.tagName.slice(1)), page: pageIndexOf(h), top };
      });
    const first = pages[0]?.getBoundingClientRect();
    return { pageCount: pages.length, folios, roman, outline, pageHeightPx: first?.height ?? 0 };
  });
}

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new GalleyError('pdf-timeout', `Typesetting the PDF took longer than ${Math.round(ms / 1000)} s and was stopped`));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function typesetPdf(html: string, options: TypesetOptions): Promise<Uint8Array> {
  let current: Session | undefined;
  let page: Page | undefined;
  let timedOut = false;
  const work = (async () => {
    current = await getSession(options.timeoutMs);
    if (timedOut) return new Uint8Array();
    page = await current.browser.newPage();
    const layout = await layOut(page, html, options);
    const printed = await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: options.timeoutMs });
    await page.close();
    page = undefined;
    return finishPdf(printed, layout, options);
  })();
  try {
    return await withTimeout(work, options.timeoutMs, () => {
      timedOut = true;
      // a hung renderer does not answer: kill the browser, the next book starts a new one
      const s = current;
      session = undefined;
      if (s) killSession(s);
    });
  } catch (error) {
    if (!timedOut && current) {
      // after a crash the browser may be unusable: start afresh next time
      const s = current;
      if (!s.browser.isConnected()) {
        session = undefined;
        killSession(s);
      } else {
        await page?.close().catch(() => undefined);
      }
    }
    work.catch(() => undefined);
    if (error instanceof GalleyError) throw error;
    const message = firstLine(error);
    if (/Target closed|Session closed|Protocol error|disconnected|crash/i.test(message)) {
      throw new GalleyError('browser-crashed', `Chromium stopped while typesetting the PDF: ${message}`, { cause: error });
    }
    throw new GalleyError('pdf-failed', `Typesetting the PDF failed: ${message}`, { cause: error });
  }
}
