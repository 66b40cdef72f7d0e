/**
 * typesetPdf(html, options) → PDF bytes: Paged.js lays the print HTML out into pages inside Debian's
 * Chromium (driven through puppeteer-core, never a downloaded browser), Chromium prints the pages, and
 * pdf-lib sets the metadata, the outline and the page labels in one pass.
 *
 * One browser serves every book of a run (closeTypesetter ends it). A missing browser, a crash or a hang
 * becomes a GalleyError within `timeoutMs`; on any failure the browser is killed and its profile folder
 * removed, so nothing is left behind.
 */
import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { GalleyError } from '../../diagnostics.js';
import { childEnv } from '../shared/fontconfig-env.js';
import { finishPdf, type LaidOutBook, type OutlineHeading, type PdfMetadata } from './finish-pdf.js';
import { runPagedJs, writeFoliosAndShowPages, type PageFacts } from './in-page.js';
import { cutHtml, partHtml, textLength } from './split-book-html.js';
import { assembleUnits, planUnits, tocTargets, unitRange } from './units.js';
import { prepareUnit, readPreparedUnit, type PreparedUnit } from './prepare-unit.js';
import { filesDigest, sha256, UnitCache, type UnitCacheOptions } from './unit-cache.js';
import { killGroup, onStop } from '../../build/stop.js';
import { allowOnlyFiles, mergeChromiumArgs, networkNamespacePrefix, NO_NETWORK_ARGS, type RefusedRequest } from './browser/no-network.js';
import { findChromium } from '../../tools/find-tools.js';
import { mark } from '../../build/timings.js';
import { BASE_TYPESET_MS, secondsText } from './typeset-timeout.js';

const require = createRequire(import.meta.url);

/** The PDF's metadata (title, author, language; `revision`, YYYY-MM-DD, fixes its dates) and how to typeset. */
export interface TypesetOptions extends PdfMetadata {
  /** folder the HTML's relative URLs resolve against (the book folder) */
  baseDir: string;
  /** the whole typesetting, browser start included */
  timeoutMs: number;
  /** the files the page may load besides its HTML and Paged.js: fonts, the book's images (nothing else is served) */
  allowFiles?: string[];
  onProgress?: (progress: { pages?: number }) => void;
  /** for measuring: called as each stage ends, with the milliseconds since typesetting began */
  onTiming?: (stage: string, ms: number) => void;
  /** @internal the same, bound to the start */
  onStage?: (stage: string) => void;
  /** keep the typeset units between builds (unit-cache.ts): a rebuild lays out again only what changed */
  cache?: UnitCacheOptions;
  /** after typesetting: how many units were laid out and printed anew */
  onUnits?: (stats: UnitStats) => void;
  /** after typesetting: the book's pages, each with its folio and the fingerprint of its text ('' for a blank page) */
  onPages?: (pages: PageInfo[]) => void;
}

export interface UnitStats {
  units: number;
  /** units laid out by this build (the others' layout came from the cache) */
  laidOut: number;
  /** units printed by this build */
  printed: number;
  pages: number;
}

export interface PageInfo {
  folio: number;
  roman: boolean;
  text: string;
}

/** Launch flags: no sandbox (root in CI), nothing reaching the network (browser/no-network.ts), no first-run work. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  ...NO_NETWORK_ARGS,
  '--disable-dev-shm-usage',
  '--mute-audio',
  '--font-render-hinting=none',
];

/** How long Chromium may take to start and answer (GALLEY_BROWSER_START_TIMEOUT, seconds; default 30). */
export function browserStartTimeoutMs(): number {
  const s = Number(process.env.GALLEY_BROWSER_START_TIMEOUT);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 30_000;
}

/** CHROME_PATH, PUPPETEER_EXECUTABLE_PATH, the PATH, the usual places (src/tools/find-tools.ts); throws how to install it. */
export function chromiumPath(): string {
  return findChromium();
}

/** Paged.js as bundled by pagedjs-cli (the polyfill, which waits for PagedConfig.auto). */
function pagedScriptPath(): string {
  return join(require.resolve('pagedjs-cli'), '..', '..', 'dist', 'browser.js');
}

interface Session {
  browser: Browser;
  profileDir: string;
  /** blank tabs opened while the caller was still busy (startTypesetter), taken by the next typesetting */
  spare: Promise<Page[]>;
  /** forget the clean-up registered for a signal (build/stop.ts) */
  unregister?: () => void;
}

let session: Promise<Session> | undefined;

/**
 * Where the browser's profile folder goes: TMPDIR when it names one; else a memory file system when the
 * system has one (/dev/shm): Chromium writes some 190 files there (its databases and their journals), which
 * on a busy disk took 0.3–1 s to remove at every build's end; else the system's temporary folder.
 */
export function profileParent(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TMPDIR) return tmpdir();
  try {
    accessSync(SHM, constants.W_OK);
    if (statSync(SHM).isDirectory()) return SHM;
  } catch {
    /* none, or not ours to write */
  }
  return tmpdir();
}
const SHM = '/dev/shm';

async function launch(timeoutMs: number): Promise<Session> {
  const executablePath = chromiumPath();
  const { default: puppeteer } = await import('puppeteer-core');
  const profileDir = mkdtempSync(join(profileParent(), 'galley-chromium-'));
  const forgetProfile = onStop(() => rmSync(profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 }));
  const chromiumTmp = join(profileDir, 'tmp');
  mkdirSync(chromiumTmp);
  try {
    const launchOptions = { headless: true as const, userDataDir: profileDir, pipe: true };
    // puppeteer's defaults and ours as one command line, the feature lists merged (browser/no-network.ts)
    const args = mergeChromiumArgs(puppeteer.defaultArgs(launchOptions), CHROMIUM_ARGS.filter((a) => a !== '--headless'));
    // in a network namespace of its own when the system allows (browser/no-network.ts): unshare execs Chromium
    const unshare = networkNamespacePrefix();
    const browser = await puppeteer.launch({
      ...launchOptions,
      ignoreDefaultArgs: true,
      ...(unshare.length > 0 ? { executablePath: 'unshare', args: [...unshare, executablePath, ...args] } : { executablePath, args }),
      // a browser that exits or never answers is an error within seconds, not at the end of the typesetting limit
      timeout: browserStartTimeoutMs(),
      // one call to the browser may take as long as a book's typesetting (the shared browser serves every book)
      protocolTimeout: Math.max(timeoutMs, BASE_TYPESET_MS),
      // not the fontconfig file made for the cover: the book's fonts reach Chromium through @font-face only
      // Chromium's own temporary folders (org.chromium.Chromium.*) inside the profile, removed with it
      env: { ...childEnv(), TMPDIR: chromiumTmp },
    });
    const s: Session = { browser, profileDir, spare: Promise.resolve([]) };
    s.unregister = onStop(() => killSession(s));
    // a process that ends without closeTypesetter (an error, a signal) still leaves nothing behind
    const onExit = () => killSession(s);
    process.once('exit', onExit);
    browser.once('disconnected', () => process.removeListener('exit', onExit));
    return s;
  } catch (error) {
    rmSync(profileDir, { recursive: true, force: true });
    forgetProfile();
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
  // puppeteer starts Chromium in a process group of its own: the renderers and helpers go with it
  killGroup(s.browser.process()?.pid);
  // a dying renderer may still be writing into the profile: retry a removal that meets new files
  rmSync(s.profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  s.unregister?.();
}

/** The running browser's process id and profile folder, if any (tests crash it and check the cleanup). */
export async function typesetterState(): Promise<{ pid?: number; profileDir: string } | undefined> {
  const s = await session?.catch(() => undefined);
  return s && { pid: s.browser.process()?.pid, profileDir: s.profileDir };
}

/**
 * Start the browser, and open the tabs the next book will use, without waiting: the build calls this
 * before it reads and parses the book, so the browser starts on the other core meanwhile. A failure
 * here is not reported: typesetPdf meets it again and reports it.
 */
export function startTypesetter(timeoutMs: number): void {
  const starting = getSession(timeoutMs).then((s) => {
    // topped up, never added to: a book laid out in one tab leaves a spare for the next book
    s.spare = s.spare
      .then(async (pages) => {
        const open = pages.filter((page) => !page.isClosed());
        const added = await Promise.all(Array.from({ length: Math.max(0, tabCount() - open.length) }, () => s.browser.newPage()));
        return [...open, ...added];
      })
      .catch(() => []);
  });
  starting.catch(() => undefined);
}

/** A blank tab: one opened ahead of time if there is one, else a new one. */
async function takeTab(s: Session): Promise<Page> {
  const spare = await s.spare;
  const page = spare.pop();
  if (page && !page.isClosed()) return page;
  return s.browser.newPage();
}

/** Close the shared browser (after the last book of a run) and remove its profile folder. */
export async function closeTypesetter(): Promise<void> {
  const current = session;
  session = undefined;
  const s = await current?.catch(() => undefined);
  if (!s) return;
  // nothing of the browser is kept (its profile folder goes with it): no orderly shutdown to wait for
  killSession(s);
}

/**
 * The HTML a tab opens, as a file in this typesetting's scratch folder: relative addresses still resolve
 * in the book folder (a <base>), and Paged.js comes with it (waiting to be started), so one navigation
 * loads everything. The body is not displayed until runPagedJs starts the layout.
 */
export function prepareHtml(html: string, baseDir: string): string {
  const head = [
    `<base href="${pathToFileURL(baseDir).href.replace(/\/?$/, '/')}">`,
    '<script>window.PagedConfig = { auto: false };</script>',
    `<script src="${pathToFileURL(pagedScriptPath()).href}"></script>`,
  ].join('\n');
  // undisplayed until Paged.js takes the content: loading then costs no layout of the whole text
  return html
    .replace(/<head>/i, `<head>\n${head}`)
    .replace(/<body([^>]*)>/i, (tag, attributes: string) =>
      /\sstyle="/i.test(attributes) ? tag.replace(/\sstyle="/i, ' style="display: none; ') : `<body${attributes} style="display: none">`,
    );
}

/** Open a part's HTML in a tab; progress comes back as console messages (cheaper than an exposed function). */
async function loadPage(page: Page, file: string, options: TypesetOptions, progress: (pages: number) => void): Promise<void> {
  page.on('console', (message) => {
    if (process.env.GALLEY_DEBUG_CONSOLE) process.stderr.write(message.text() + '\n');
    const m = /^galley-pages (\d+)$/.exec(message.text());
    if (m) progress(Number(m[1]));
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: options.timeoutMs });
  options.onStage?.('loaded');
}

/** How many tabs lay the book out at once: one per core, at most two (GALLEY_PDF_TABS overrides). */
function tabCount(): number {
  const fromEnv = Number(process.env.GALLEY_PDF_TABS);
  if (Number.isInteger(fromEnv) && fromEnv >= 1) return Math.min(fromEnv, 4);
  return Math.max(1, Math.min(2, availableParallelism()));
}

/**
 * What a unit's layout and print depend on besides its HTML and files: galley's print code (this folder's
 * modules), Paged.js and the browser's version. Read once per process.
 */
let buildIdOf: Promise<string> | undefined;
function typesetterBuildId(browser: Browser): Promise<string> {
  buildIdOf ??= (async () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const own = readdirSync(here).filter((f) => /\.(js|ts)$/.test(f)).sort().map((f) => readFileSync(join(here, f)));
    return sha256(...own, readFileSync(pagedScriptPath()), await browser.version(), CHROMIUM_ARGS.join(' '));
  })();
  buildIdOf.catch(() => (buildIdOf = undefined));
  return buildIdOf;
}

/** At most `n` at a time, in the order asked. */
function limiter(n: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await work();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** What a unit of the book became: laid out (in a tab still open for printing) or taken from the cache. */
interface UnitState {
  html: string;
  layoutKey: string;
  facts: Promise<PageFacts>;
  settle: (facts: PageFacts) => void;
  fail: (error: unknown) => void;
}

/**
 * Lay the book out unit by unit (units.ts), two units at a time in tabs of their own, and print each unit
 * once its folios are known (those of the units before it; the first unit, with the contents, waits for
 * all). With a cache (unit-cache.ts), a unit whose HTML is unchanged is not laid out again, and one whose
 * folios are unchanged too is not printed again. The units' pages are then joined in the book's order, with
 * a blank page where a unit would open on a left-hand page (finish-pdf.ts). With or without a cache the
 * work is the same for each unit, so the bytes are the same.
 */
async function typesetParts(s: Session, html: string, options: TypesetOptions, opened: Page[], scratch: string): Promise<Uint8Array> {
  options.onStage?.('browser ready');
  const pieces = cutHtml(html);
  const plan = planUnits(pieces.chapters.map(textLength), textLength(pieces.front.slice(pieces.bodyStart)));
  const cache = options.cache ? new UnitCache(options.cache) : undefined;
  const [buildId, files] = await Promise.all([typesetterBuildId(s.browser), Promise.resolve(filesDigest(options.allowFiles ?? []))]);
  const stats: UnitStats = { units: plan.length, laidOut: 0, printed: 0, pages: 0 };
  const refusals: RefusedRequest[][] = [];
  const laidOutPages: number[] = [];
  const report = (i: number) => (pages: number) => {
    laidOutPages[i] = pages;
    options.onProgress?.({ pages: laidOutPages.reduce((a, b) => a + (b ?? 0), 0) });
  };

  const units: UnitState[] = plan.map((part) => {
    const unitHtml = plan.length === 1 ? html : partHtml(pieces, part);
    let settle!: (facts: PageFacts) => void;
    let fail!: (error: unknown) => void;
    const facts = new Promise<PageFacts>((resolve, reject) => ((settle = resolve), (fail = reject)));
    facts.catch(() => undefined);
    return { html: unitHtml, layoutKey: sha256(buildId, files, options.baseDir, unitHtml), facts, settle, fail };
  });
  const cached = units.map((unit) => cache?.facts(unit.layoutKey));
  cached.forEach((facts, i) => facts && (units[i].settle(facts), report(i)(facts.counters.length)));

  const tabs = tabCount();
  const layoutSlot = limiter(tabs);
  // 'tabs ready': the first tabs to lay out (as many as run at once, of the units not cached) have loaded
  // their HTML and Paged.js, and the layout is about to start (a stage the crash test hooks)
  const firstWave = Math.max(1, Math.min(tabs, cached.filter((facts) => !facts).length));
  let loaded = 0;
  /** Open the unit's HTML in a tab and lay it out; the tab stays open for printing. */
  const layOut = (i: number) =>
    layoutSlot(async () => {
      const page = await takeTab(s);
      opened.push(page);
      const file = join(scratch, `unit-${i + 1}.html`);
      writeFileSync(file, prepareHtml(units[i].html, options.baseDir));
      refusals.push(await allowOnlyFiles(page, [file, pagedScriptPath(), ...(options.allowFiles ?? [])]));
      await loadPage(page, file, options, report(i));
      options.onStage?.(`unit ${i + 1} loaded`);
      if (++loaded === firstWave) options.onStage?.('tabs ready');
      const facts = await page.evaluate(runPagedJs);
      stats.laidOut++;
      options.onStage?.(`unit ${i + 1} laid out (${facts.counters.length} pages)`);
      return { page, facts };
    });

  const unitPdf = async (i: number): Promise<PreparedUnit> => {
    const unit = units[i];
    let tab: { page: Page; facts: PageFacts } | undefined;
    if (!cached[i]) {
      try {
        tab = await layOut(i);
      } catch (error) {
        unit.fail(error);
        throw error;
      }
      cache?.putFacts(unit.layoutKey, tab.facts);
      unit.settle(tab.facts);
    }
    // the folios of this unit need the units before it; the contents (first unit) need them all
    const known = await Promise.all((i === 0 ? units : units.slice(0, i + 1)).map((u) => u.facts));
    const book = assembleUnits(known);
    const folios = book.unitFolios[i];
    const toc: Record<string, number> = {};
    if (i === 0) {
      const where = new Map(book.headings.map((h) => [h.id, book.folios[h.page]]));
      for (const id of tocTargets(unit.html)) if (where.has(id)) toc[id] = where.get(id) as number;
    }
    const printKey = sha256(unit.layoutKey, JSON.stringify(folios), JSON.stringify(toc));
    const reused = cache?.unit(printKey);
    if (reused) {
      if (tab) await closeTab(tab.page);
      return reused;
    }
    if (!tab) {
      // laid out before, with other folios: laid out again (the same pages), then printed with these
      tab = await layOut(i);
      const before = cached[i] as PageFacts;
      if (tab.facts.counters.length !== before.counters.length || tab.facts.texts.join() !== before.texts.join()) {
        throw new GalleyError('pdf-failed', `Unit ${i + 1} of the book laid out differently from its cached layout (in ${options.cache?.dir}): remove that folder or build with --force`);
      }
    }
    await tab.page.evaluate(writeFoliosAndShowPages, folios, toc);
    const raw = await printPage(tab.page);
    stats.printed++;
    options.onStage?.(`unit ${i + 1} printed`);
    await closeTab(tab.page);
    // prepared for the join once, before it is cached (ligatures repaired, links and objects read): a
    // rebuild parses no unit it did not print
    const bytes = await prepareUnit(raw, unitRange(tab.facts, i === 0)[0]);
    const prepared = readPreparedUnit(bytes);
    if (!prepared) throw new GalleyError('pdf-failed', `Unit ${i + 1} of the book could not be prepared for the join`);
    cache?.putUnit(printKey, bytes);
    return prepared;
  };

  // 'laid out': every unit's pages are known (cached or laid out now); units print as their folios are known,
  // so printing overlaps the layout of the later units, and the progress says 'print' only from here
  Promise.all(units.map((u) => u.facts)).then(
    () => options.onStage?.('laid out'),
    () => undefined,
  );
  const printed = await Promise.all(units.map((_, i) => unitPdf(i)));
  options.onStage?.('printed');
  const refused = refusals.flat();
  if (refused.length > 0) {
    const first = refused[0];
    throw new GalleyError('pdf-request-refused', `The print page asked for ${first.url} (${first.resourceType}${refused.length > 1 ? `, and ${refused.length - 1} more` : ''}), which galley does not serve: it loads only the book's own files`);
  }
  const facts = await Promise.all(units.map((u) => u.facts));
  const book = assembleUnits(facts);
  const layout: LaidOutBook = { folios: book.folios, roman: book.roman, outline: book.headings, pageHeightPx: facts[0].pageHeightPx, order: book.order };
  const done = finishPdf(printed, layout, options);
  cache?.prune();
  stats.pages = book.order.length;
  options.onUnits?.(stats);
  if (options.onPages) {
    // a page of the contents reads differently when its page numbers do: they go into its fingerprint
    const where = new Map(book.headings.map((h) => [h.id, book.folios[h.page]]));
    options.onPages(
      book.order.map((slot, i) => {
        const slots = slot ? facts[slot.part].tocSlots?.[slot.page] : undefined;
        const text = slots ? `${book.texts[i]}#${slots.map((id) => where.get(id) ?? '').join(',')}` : book.texts[i];
        return { folio: book.folios[i], roman: book.roman[i], text };
      }),
    );
  }
  options.onStage?.('finished');
  return done;
}

/**
 * Print a laid-out tab. Straight through the DevTools protocol, to print untagged: the structure tree of
 * Paged.js's page boxes says little to a reader and costs a fifth of the print time (the EPUB is the
 * accessible edition).
 */
async function printPage(page: Page): Promise<Uint8Array> {
  const client = await page.target().createCDPSession();
  const { stream } = (await client.send('Page.printToPDF', {
    printBackground: true,
    preferCSSPageSize: true,
    generateTaggedPDF: false,
    transferMode: 'ReturnAsStream',
  } as Parameters<typeof client.send<'Page.printToPDF'>>[1])) as { stream?: string };
  if (!stream) throw new GalleyError('pdf-failed', 'Chromium returned no PDF');
  const chunks: Buffer[] = [];
  for (;;) {
    const chunk = await client.send('IO.read', { handle: stream, size: 4 << 20 });
    chunks.push(Buffer.from(chunk.data, chunk.base64Encoded ? 'base64' : 'utf8'));
    if (chunk.eof) break;
  }
  await client.send('IO.close', { handle: stream });
  await client.detach();
  return Buffer.concat(chunks);
}

async function closeTab(page: Page): Promise<void> {
  await page.close().catch(() => undefined);
}

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new GalleyError('pdf-timeout', `Typesetting the PDF took longer than ${secondsText(ms)} and was stopped (raise the limit with galley build --typeset-timeout <seconds>, or typeset: timeout: in galley.yaml)`));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function typesetPdf(html: string, options: TypesetOptions): Promise<Uint8Array> {
  const started = performance.now();
  options = { ...options, onStage: (stage) => (mark(`typeset: ${stage}`), options.onTiming?.(stage, performance.now() - started)) };
  let current: Session | undefined;
  const opened: Page[] = [];
  let timedOut = false;
  // the parts' HTML files; removed whatever happens
  const scratch = mkdtempSync(join(tmpdir(), 'galley-typeset-'));
  const forgetScratch = onStop(() => rmSync(scratch, { recursive: true, force: true }));
  // the limit counts the typesetting, not the browser's start (which has its own, browserStartTimeoutMs)
  let work: Promise<Uint8Array> = Promise.resolve(new Uint8Array());
  try {
    current = await getSession(options.timeoutMs);
    work = typesetParts(current, html, options, opened, scratch);
    return await withTimeout(work, options.timeoutMs, () => {
      timedOut = true;
      // a hung renderer does not answer: kill the browser, the next book starts a new one
      const s = current;
      session = undefined;
      if (s) killSession(s);
    });
  } catch (error) {
    work.catch(() => undefined);
    let crashed = false;
    if (!timedOut && current) {
      const s = current;
      if (!s.browser.isConnected()) {
        // after a crash the browser may be unusable: start afresh next time
        crashed = true;
        if (session && (await session.catch(() => undefined)) === s) session = undefined;
        killSession(s);
      } else {
        await Promise.all(opened.map((page) => closeTab(page)));
      }
    }
    if (error instanceof GalleyError) throw error;
    const message = firstLine(error);
    // whichever unit met the crash first says it in its own words (a closed target, session or connection)
    if (crashed || /Target closed|Session closed|Connection closed|Protocol error|disconnected|crash/i.test(message)) {
      throw new GalleyError('browser-crashed', `Chromium stopped while typesetting the PDF: ${message}`, { cause: error });
    }
    throw new GalleyError('pdf-failed', `Typesetting the PDF failed: ${message}`, { cause: error });
  } finally {
    rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
    forgetScratch();
  }
}

/**
 * Print one HTML document as it is, without Paged.js (the press cover): its own @page size, backgrounds
 * printed, in the same browser as the books. Relative addresses resolve in `baseDir`.
 */
export async function printHtml(html: string, options: { baseDir: string; timeoutMs: number }): Promise<Uint8Array> {
  const s = await getSession(options.timeoutMs);
  const scratch = mkdtempSync(join(tmpdir(), 'galley-print-'));
  const page = await takeTab(s);
  try {
    const file = join(scratch, 'page.html');
    writeFileSync(file, html.replace(/<head>/i, `<head>\n<base href="${pathToFileURL(options.baseDir).href.replace(/\/?$/, '/')}">`));
    const work = (async () => {
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: options.timeoutMs });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return printPage(page);
    })();
    return await withTimeout(work, options.timeoutMs, () => closeTab(page));
  } catch (error) {
    if (error instanceof GalleyError) throw error;
    throw new GalleyError('pdf-failed', `Printing the cover failed: ${firstLine(error)}`, { cause: error });
  } finally {
    await closeTab(page);
    rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  }
}
