/**
 * The browser's part of a PDF's cache key (build/toolchain.ts): asked ahead without waiting
 * (askBrowserVersion, started while the CLI loads its modules), it is the answer browserId would have got,
 * and the browser is asked once; a browser that does not answer leaves browserId to fall back as before.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { askBrowserVersion, browserId, clearToolchainCache } from '../../src/build/toolchain.js';

const dir = mkdtempSync(join(tmpdir(), 'galley-toolchain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => clearToolchainCache());

function fakeBrowser(name: string, body: string): { env: NodeJS.ProcessEnv; calls: () => number } {
  const path = join(dir, name);
  const log = join(dir, `${name}.calls`);
  writeFileSync(log, '');
  writeFileSync(path, `#!/bin/sh\necho called >> '${log}'\n${body}\n`);
  chmodSync(path, 0o755);
  return { env: { PATH: process.env.PATH, CHROME_PATH: path }, calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean).length };
}

describe('the browser version in the PDF key', () => {
  it('asked ahead, is what browserId answers, and the browser is asked once', async () => {
    const browser = fakeBrowser('answers', 'echo "Chromium 999.0.1 built on Test"');
    const ahead = askBrowserVersion(browser.env);
    // asked twice meanwhile: still one question
    const again = askBrowserVersion(browser.env);
    await Promise.all([ahead, again]);
    expect(browserId(browser.env)).toBe('Chromium 999.0.1 built on Test');
    expect(browser.calls()).toBe(1);
    clearToolchainCache();
    // the same as asking without the head start
    expect(browserId(browser.env)).toBe('Chromium 999.0.1 built on Test');
  });

  it('a browser that fails to answer: browserId asks again and falls back to the program file', async () => {
    const browser = fakeBrowser('fails', 'exit 3');
    await askBrowserVersion(browser.env);
    expect(browserId(browser.env)).toMatch(/^fails \d+ /);
    expect(browser.calls()).toBe(2);
  });
});
