/**
 * galley preview in a real browser (puppeteer-core and Debian's Chromium): the compiled galley serves a scratch
 * project; the page shows the print pages (laid out by Paged.js) and the ebook; a saved chapter shows its new
 * text; a broken book.yaml shows its diagnostic (file, line, code) and the server stays up; fixed, the book
 * comes back. And the server gives out nothing but the book: no path leads out of it.
 */
import { request } from 'node:http';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'puppeteer-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchProject, startGalley, BOOK, type Scratch } from '../hostile/scratch.js';

const WAIT = 90_000;

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = WAIT): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A raw GET: the path as given, not normalised by a URL parser. */
function rawGet(port: number, path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let s: Scratch;
let run: ReturnType<typeof startGalley>;
let port: number;
let browser: Browser;
let page: Page;

const printFrame = (): Frame | undefined => page.frames().find((f) => f.url().includes('/print/'));
// the print text binds a paragraph's short last word to the one before with a no-break space: read spaces as spaces
const pagesText = async () => (await printFrame()?.evaluate(() => (document.documentElement.dataset.galleyPages ? document.querySelector('.pagedjs_pages')?.textContent ?? '' : '')))?.replace(/\s+/g, ' ');

beforeAll(async () => {
  s = scratchProject();
  // an image in a subfolder, and one that is a symlink out of the project (refused, never served)
  // 900 px wide: prints across the text block above 200 ppi, so the book has no warning to show
  const jpeg = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#806040' } }).jpeg().toBuffer();
  s.write(`content/${BOOK}/art/lamp.jpg`, jpeg);
  symlinkSync('/etc/passwd', join(s.book, 'art', 'secret.jpg'));
  writeFileSync(s.chapter, `${readFileSync(s.chapter, 'utf8').trimEnd()}\n\n![A lamp](art/lamp.jpg)\n`);
  run = startGalley(s.dir, ['preview', BOOK]);
  const url = await until('the server', () => /http:\/\/127\.0\.0\.1:(\d+)\//.exec(run.output().stdout)?.[0]);
  port = Number(new URL(url).port);
  const { default: puppeteer } = await import('puppeteer-core');
  browser = await puppeteer.launch({ executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  run?.child.kill('SIGTERM');
  await run?.done;
});

describe('galley preview', () => {
  it('shows the print pages, laid out by Paged.js with the fonts and the image', async () => {
    const text = await until('the pages', pagesText);
    expect(text).toContain('Huysmans');
    const facts = await printFrame()!.evaluate(() => ({
      pages: document.querySelectorAll('.pagedjs_page').length,
      font: document.fonts.check('12px "EB Garamond"') && Array.from(document.fonts).some((f) => f.status === 'loaded'),
      image: (document.querySelector('img[alt="A lamp"]') as HTMLImageElement | null)?.naturalWidth ?? 0,
      folio: document.querySelector('.toc-page')?.textContent ?? '',
      // the screen stylesheet: white pages on a grey ground
      paper: getComputedStyle(document.querySelector('.pagedjs_page')!).backgroundColor,
    }));
    expect(facts.paper).toBe('rgb(255, 255, 255)');
    expect(facts.pages).toBeGreaterThan(4);
    expect(facts.font).toBe(true);
    expect(facts.image).toBeGreaterThan(0);
    // the contents' page number, written by the PDF's own code (writeFoliosAndShowPages)
    expect(facts.folio).toMatch(/^\d+$/);
  });

  it('shows a saved change within a moment, without a reload of the page', async () => {
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    writeFileSync(s.chapter, `${readFileSync(s.chapter, 'utf8').trimEnd()}\n\nA sentence added by the preview test, zebra quartz.\n`);
    await until('the new text', async () => (await pagesText())?.includes('zebra quartz'));
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    expect(run.output().stdout).toMatch(/^\[\d\d:\d\d:\d\d\] content\/letter-to-huysmans\/\S+\.md changed: preview of letter-to-huysmans updated in/m);
  });

  it('shows the diagnostic of a broken book.yaml in the page, and the book again once it is fixed', async () => {
    const good = readFileSync(s.yaml, 'utf8');
    writeFileSync(s.yaml, good.replace(/^language:.*$/m, 'language: 42'));
    const shown = await until('the diagnostic', async () => {
      const t = await page.$eval('#diagnostics', (e) => (e.hidden ? '' : e.textContent ?? ''));
      return t.includes('book.yaml') ? t : undefined;
    });
    const line = good.split('\n').findIndex((l) => l.startsWith('language:')) + 1;
    expect(shown).toContain(`content/${BOOK}/book.yaml:${line}`);
    expect(shown).toMatch(/\[config-invalid\]|\[[a-z-]+\]/);
    expect(await page.$eval('#view', (e) => (e as HTMLIFrameElement).hidden)).toBe(true);
    expect(run.child.exitCode).toBeNull();
    writeFileSync(s.yaml, good);
    await until('the book again', async () => (await page.$eval('#view', (e) => !(e as HTMLIFrameElement).hidden)) && (await pagesText())?.includes('zebra quartz'));
    expect(await page.$eval('#diagnostics', (e) => e.hidden)).toBe(true);
  });

  it('shows the ebook: the EPUB chapter as XHTML with the EPUB stylesheet', async () => {
    await page.click('button[data-mode="ebook"]');
    const frame = await until('the chapter', () => page.frames().find((f) => /\/ebook\/\d{3}-.*\.xhtml/.test(f.url())));
    const facts = await until('its text', () =>
      frame.evaluate(() => ({
        text: document.body?.textContent ?? '',
        xml: document.contentType,
        css: Array.from(document.styleSheets).some((sheet) => /style\.css$/.test(sheet.href ?? '') && sheet.cssRules.length > 0),
      })).then((f) => (f.text.includes('zebra quartz') ? f : undefined)),
    );
    expect(facts.xml).toBe('application/xhtml+xml');
    expect(facts.css).toBe(true);
  });

  it('serves only the book: no path out of it, no other file of the project, no other host', async () => {
    expect((await rawGet(port, '/book/art/lamp.jpg')).status).toBe(200);
    for (const path of [
      '/book/../galley.yaml',
      '/book/%2e%2e/%2e%2e/galley.yaml',
      '/book/..%2f..%2fgalley.yaml',
      '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/ebook/../../../../etc/passwd',
      '/book/art/secret.jpg',
      `/content/${BOOK}/book.yaml`,
      '/galley.yaml',
      '//etc/passwd',
      '/book/%00',
      '/_galley/font/../../package.json',
      '/ebook/..\\..\\galley.yaml',
    ]) {
      const r = await rawGet(port, path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.body, path).not.toMatch(/root:|language:|"name"/);
    }
    expect((await rawGet(port, '/print/', 'attacker.example')).status).toBe(421);
    // the symlinked image is refused where it is written, with a diagnostic in the page
    writeFileSync(s.chapter, `${readFileSync(s.chapter, 'utf8').trimEnd()}\n\n![secret](art/secret.jpg)\n`);
    await until('the refusal', async () => JSON.stringify(JSON.parse((await rawGet(port, '/_galley/state')).body).diagnostics).includes('secret.jpg'));
    expect((await rawGet(port, '/book/art/secret.jpg')).status).toBe(404);
  });
});
