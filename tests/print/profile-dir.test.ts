/**
 * The browser's profile folder (typeset-pdf.ts profileParent): on the memory file system when there is one
 * and TMPDIR names no folder, else in the temporary folder; removed with the browser by closeTypesetter,
 * which leaves no browser process either.
 */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { closeTypesetter, profileParent, startTypesetter, typesetterState } from '../../src/render/print/typeset-pdf.js';

process.env.PUPPETEER_EXECUTABLE_PATH ??= '/usr/bin/chromium';
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('the browser profile folder', () => {
  it('TMPDIR when set, else /dev/shm when writable', () => {
    expect(profileParent({ TMPDIR: tmpdir() })).toBe(tmpdir());
    if (existsSync('/dev/shm')) expect(profileParent({})).toBe('/dev/shm');
  });

  it.runIf(existsSync('/dev/shm') && !process.env.TMPDIR)('a browser started without TMPDIR keeps its profile in /dev/shm, and closing removes it and the browser', async () => {
    startTypesetter(60_000);
    let state: Awaited<ReturnType<typeof typesetterState>>;
    for (let i = 0; i < 300 && !(state = await typesetterState())?.pid; i++) await new Promise((r) => setTimeout(r, 50));
    const { pid, profileDir } = state!;
    expect(profileDir.startsWith('/dev/shm/galley-chromium-')).toBe(true);
    expect(existsSync(profileDir)).toBe(true);
    await closeTypesetter();
    expect(existsSync(profileDir)).toBe(false);
    expect(alive(pid as number)).toBe(false);
  }, 90_000);
});
