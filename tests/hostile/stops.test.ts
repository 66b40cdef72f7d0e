/**
 * Clean stops. Before the fix SIGTERM mid-build was reported as browser-crashed, galley went on to the next
 * books and exited 1; SIGINT left galley-typeset-* and Chromium's profile folders behind; a browser that
 * exits at once (/bin/true) kept galley alive for ~611 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOOK, ENV, galley, scratchProject, startGalley } from './scratch.js';

/** processes whose command line names this folder (Chromium's profile lives in our own TMPDIR) */
function processesUsing(dir: string): string[] {
  return spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).stdout.split('\n').filter((l) => l.includes(dir));
}

describe('signals', () => {
  for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    it(`${signal} while the PDF is typeset stops the run with exit ${code}, kills Chromium, leaves no temporary folder`, async () => {
      const s = scratchProject();
      // a second book, so that "goes on to the next book" would show
      cpSync(s.book, join(s.dir, 'content', 'zz-second'), { recursive: true });
      const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'galley-stop-tmp-')));
      const run = startGalley(s.dir, ['build', '--pdf', '--force'], { ...ENV, TMPDIR: tmp });
      // wait until the typesetting has started (its scratch folder exists), then signal
      for (let i = 0; i < 600 && !readdirSync(tmp).some((n) => n.startsWith('galley-typeset-')); i++) await new Promise((r) => setTimeout(r, 50));
      expect(readdirSync(tmp).some((n) => n.startsWith('galley-typeset-'))).toBe(true);
      run.child.kill(signal);
      const r = await run.done;
      expect(r.code).toBe(code);
      expect(r.stderr).toContain(`stopped by ${signal}`);
      expect(r.stdout).not.toContain('zz-second');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(processesUsing(tmp)).toEqual([]);
      // the book's HTML (galley-typeset-*) and Chromium's own folders are gone; the profile folder is removed
      // too, but a renderer that outlives the kill by a moment can recreate it (known race, see the notes)
      expect(readdirSync(tmp).filter((n) => !n.startsWith('galley-chromium-'))).toEqual([]);
    }, 120_000);
  }
});

describe('browser faults', () => {
  it('a browser that exits at once is an error, and galley ends soon after', () => {
    const s = scratchProject();
    const r = galley(s.dir, ['build', '--pdf'], { env: { ...ENV, PUPPETEER_EXECUTABLE_PATH: '/bin/true', GALLEY_BROWSER_START_TIMEOUT: '5' }, timeout: 60_000 });
    expect(r.signal).toBeNull(); // ended by itself, not by the 60 s limit of this test
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[browser-failed\]/);
  });

  it('a browser that never answers is an error within the start-up timeout', () => {
    const s = scratchProject();
    const r = galley(s.dir, ['build', '--pdf'], { env: { ...ENV, PUPPETEER_EXECUTABLE_PATH: '/usr/bin/sleep', GALLEY_BROWSER_START_TIMEOUT: '3' }, timeout: 60_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[browser-failed\]/);
    expect(readFileSync(s.yaml, 'utf8')).toContain('title');
    expect(BOOK).toBeTruthy();
  });
});
