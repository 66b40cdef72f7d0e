/**
 * The browser version a PDF's key holds (build/build-books.ts): while `chromium --version` answers, the
 * version the last build recorded is taken as a guess, and the book is parsed and the browser started when
 * the guess finds the PDF stale. The guess never decides: every key is made again with the real answer.
 * A browser that answers slowly (a second) stands in for Chromium's wrapper script; it is the real Chromium
 * for everything but `--version`, so the PDFs are real.
 */
import { appendFileSync, chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBook } from '../../src/build/build-books.js';
import { clearHashCache } from '../../src/build/input-hash.js';
import { clearToolchainCache } from '../../src/build/toolchain.js';
import { closeTypesetter } from '../../src/render/print/typeset-pdf.js';
import { project, SAMPLE_BOOK } from '../helpers/books.js';

const root = mkdtempSync(join(tmpdir(), 'galley-browser-guess-'));
const browser = join(root, 'chromium');
const previous = process.env.CHROME_PATH;
const real = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';
afterAll(async () => {
  await closeTypesetter();
  if (previous === undefined) delete process.env.CHROME_PATH;
  else process.env.CHROME_PATH = previous;
  rmSync(root, { recursive: true, force: true });
});

/** The browser says `version` after a second; anything else is the real Chromium. */
function browserSays(version: string): void {
  writeFileSync(browser, `#!/bin/sh\nif [ "$1" = "--version" ]; then sleep 1; echo "${version}"; exit 0; fi\nexec "${real}" "$@"\n`);
  chmodSync(browser, 0o755);
}

const manifestFile = join(root, 'dist/.galley/sample.json');
const recorded = () => JSON.parse(readFileSync(manifestFile, 'utf8')).outputs.pdf as { key: string; browser?: string };

async function build(): Promise<boolean> {
  clearHashCache();
  clearToolchainCache();
  const result = await buildBook('sample', { project: { ...project(), root }, books: ['sample'], formats: ['pdf'], outDir: join(root, 'dist'), galleyVersion: '0.0.0-test' });
  expect(result.error).toBeUndefined();
  return result.outputs[0].built;
}

describe.sequential('the browser version while it is asked', () => {
  it('a PDF records the version it was made with; a changed browser rebuilds it although the guess says current', async () => {
    cpSync(SAMPLE_BOOK, join(root, 'content/sample'), { recursive: true });
    process.env.CHROME_PATH = browser;
    browserSays('Chromium 901.0 built on Test');
    expect(await build()).toBe(true);
    expect(recorded().browser).toBe('Chromium 901.0 built on Test');
    expect(await build()).toBe(false);
    // the browser upgraded, the book unchanged: the guess (901) finds it current, the answer (902) does not
    browserSays('Chromium 902.0 built on Test');
    expect(await build()).toBe(true);
    expect(recorded().browser).toBe('Chromium 902.0 built on Test');
  }, 300_000);

  it('a wrong guess that finds the PDF stale does not rebuild a current one; a correction is keyed by the real version', async () => {
    const record = JSON.parse(readFileSync(manifestFile, 'utf8'));
    record.outputs.pdf.browser = 'Chromium 1.0 (a wrong guess)';
    writeFileSync(manifestFile, JSON.stringify(record));
    expect(await build()).toBe(false);
    // found current: the record says the real version again, so the next build guesses right
    expect(recorded().browser).toBe('Chromium 902.0 built on Test');
    appendFileSync(join(root, 'content/sample/02-second-work.md'), '\nA proofreading fix.\n');
    expect(await build()).toBe(true);
    expect(recorded().browser).toBe('Chromium 902.0 built on Test');
    // keyed by the real version: the next build (no guess needed to decide) finds it current
    expect(await build()).toBe(false);
  }, 300_000);
});
