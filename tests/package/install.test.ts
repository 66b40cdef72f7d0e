/**
 * The "done when" of a new user, as the README shows it: the package packed with `npm pack`, installed
 * globally into a temporary prefix (never the repository's node_modules), then `galley init mypress`,
 * `galley import`, `galley build`, `galley check` (epubcheck, Ace, PDF) and `galley preview` (its pages laid out
 * by Paged.js in a real browser: puppeteer-core and Debian's Chromium) in a folder outside the repository.
 * Slow (an npm install of the dependencies, from npm's cache when it has them): one test.
 */
import { execFile, spawn as start } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/books.js';

// asynchronous: a worker blocked for minutes in a synchronous call misses vitest's heartbeats
const run = promisify(execFile);

/** a command's exit code and output, never throwing on a non-zero exit */
async function spawn(cmd: string, args: string[], options: { cwd?: string; env: NodeJS.ProcessEnv }) {
  try {
    const r = await run(cmd, args, { ...options, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 600_000 });
    return { status: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

const RAW = join(ROOT, 'tests/fixtures/import/web-chapter-title-note/input.txt');

describe('the package from npm pack', () => {
  it('installs with npm install -g, and init, import, build and check work in any folder', async () => {
    const work = mkdtempSync(join(tmpdir(), 'galley-pack-'));
    const env = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', npm_config_loglevel: 'error' };
    expect((await spawn('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, env })).status).toBe(0);
    const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
    const listing = (await spawn('tar', ['tzf', tarball], { env })).stdout.split('\n');
    // what a user needs, and nothing of the repository's own
    for (const f of ['package/lib/cli/index.js', 'package/lib/index.d.ts', 'package/LICENSE', 'package/CHANGELOG.md', 'package/starter/galley.yaml', 'package/templates/epub/chapter.xhtml.hbs']) expect(listing).toContain(f);
    expect(listing.some((f) => /^package\/(src|tests|content)\//.test(f))).toBe(false);

    const prefix = join(work, 'global');
    const installed = await spawn('npm', ['install', '-g', '--prefix', prefix, tarball, '--prefer-offline', '--no-audit', '--no-fund'], { env });
    expect(installed.stderr).toBe('');
    expect(installed.status).toBe(0);
    const bin = join(prefix, 'bin', 'galley');
    expect(existsSync(bin)).toBe(true);
    const user = mkdtempSync(join(tmpdir(), 'galley-user-'));
    const galley = (cwd: string, ...args: string[]) => spawn(bin, args, { cwd, env: { ...env, PATH: `${join(prefix, 'bin')}:${process.env.PATH}` } });

    expect((await galley(user, 'init', 'mypress')).status).toBe(0);
    const press = join(user, 'mypress');
    const imported = await galley(press, 'import', RAW, '--slug', 'imported');
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    const built = await galley(press, 'build', '--quiet');
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    for (const book of ['common-sense', 'imported']) {
      expect(built.stdout).toMatch(new RegExp(`^${book}: dist/${book}\\.epub built in .*, dist/${book}\\.pdf built in`, 'm'));
      expect(readFileSync(join(press, 'dist', `${book}.pdf`)).subarray(0, 5).toString()).toBe('%PDF-');
    }
    // the installed copy runs epubcheck and Ace (a dependency now), and the PDF checks
    const checked = await galley(press, '--json', 'check', 'common-sense');
    const report = JSON.parse(checked.stdout);
    expect(report.books[0].checked).toEqual(expect.arrayContaining(['epubcheck', 'Ace', 'PDF']));
    expect(report.books[0].diagnostics).toEqual([]);
    expect(checked.status).toBe(0);

    // the installed copy's preview serves the book from its own files (templates, styles, Paged.js, fonts)
    const preview = start(bin, ['preview', 'common-sense'], { cwd: press, env: { ...env, PATH: `${join(prefix, 'bin')}:${process.env.PATH}` }, stdio: ['ignore', 'pipe', 'pipe'] });
    let said = '';
    preview.stdout.on('data', (d) => (said += d));
    preview.stderr.on('data', (d) => (said += d));
    const { default: puppeteer } = await import('puppeteer-core');
    const browser = await puppeteer.launch({ executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    try {
      const until = async <T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> => {
        for (const end = Date.now() + 120_000; ; ) {
          const v = await Promise.resolve().then(probe).catch(() => undefined);
          if (v) return v;
          if (Date.now() > end || preview.exitCode !== null) throw new Error(`no ${what}: ${said}`);
          await new Promise((r) => setTimeout(r, 200));
        }
      };
      const url = await until('server address', () => /http:\/\/127\.0\.0\.1:\d+\//.exec(said)?.[0]);
      const page = await browser.newPage();
      await page.goto(url, { waitUntil: 'load' });
      const facts = await until('print pages', async () => {
        const frame = page.frames().find((f) => f.url().includes('/print/'));
        return frame?.evaluate(() =>
          document.documentElement.dataset.galleyPages
            ? { pages: document.querySelectorAll('.pagedjs_page').length, text: document.querySelector('.pagedjs_pages')?.textContent ?? '', font: document.fonts.check('12px "EB Garamond"') }
            : undefined,
        );
      });
      expect(facts.pages).toBeGreaterThan(4);
      expect(facts.text.replace(/\s+/g, ' ')).toContain('Common Sense');
      expect(facts.font).toBe(true);
    } finally {
      await browser.close();
      preview.kill('SIGTERM');
    }
  }, 900_000);
});
