/**
 * `galley build --check` (issue 13): the build, then galley check's validators (epubcheck, Ace, the PDF
 * checks) on what it built, as `se build --check` does; their errors fail the build. Before (main at
 * 0f78b8d): `--check` was an unknown option (exit 2).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOOK, CHAPTER, galley, scratchProject } from './scratch.js';

interface Report {
  ok: boolean;
  books: { book: string; ok: boolean }[];
  check?: { book: string; ok: boolean; checked: string[]; diagnostics: { code?: string; file?: string }[] }[];
}

describe('galley build --check', () => {
  it('builds, then checks each output it built: a good book passes every checker', async () => {
    const s = scratchProject();
    const r = await galley(s.dir, ['build', '--check', '--no-ace', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.ok).toBe(true);
    expect(report.check).toHaveLength(1);
    expect(report.check![0].checked).toEqual(['epubcheck', 'EPUB parity', 'PDF structure', 'PDF', 'PDF parity', 'PDF links']);
    // only what this build asked for: --epub checks the EPUB, not the PDF left from before
    const epub = await galley(s.dir, ['build', '--epub', '--check', '--no-ace']);
    expect(epub.code, epub.stderr).toBe(0);
    expect(epub.stdout).toMatch(new RegExp(`^${BOOK}: epubcheck, EPUB parity — 0 error\\(s\\), 0 warning\\(s\\)$`, 'm'));
  }, 300_000);

  it("a checker's error fails the build, with its file and code; without --check the same build passes", async () => {
    const s = scratchProject();
    // signs that no installed font has: the browser draws a blank box (no fallback font, so the build's own
    // read passes), and the PDF's text no longer reads as the book's (PDF parity)
    writeFileSync(s.chapter, `${readFileSync(s.chapter, 'utf8').trimEnd()}\n\nThe sign \u{13000}\u{13001} stands here.\n`);
    const plain = await galley(s.dir, ['build', '--quiet']);
    expect(plain.code, plain.stderr).toBe(0);
    // the outputs are current: --check checks them all the same
    const r = await galley(s.dir, ['build', '--quiet', '--check', '--no-ace']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^content/${BOOK}/${CHAPTER.replace(/[.]/g, '\\.')}:\\d+ error PDF text: .* \\[parity-changed\\]$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^${BOOK}: epubcheck, EPUB parity, PDF structure, PDF, PDF parity, PDF links — [1-9]\\d* error\\(s\\)`, 'm'));
  }, 300_000);

  it('--check does not go with --watch', async () => {
    const s = scratchProject();
    const r = await galley(s.dir, ['build', '--watch', '--check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--check does not go with --watch.*\[usage\]/);
  });
});
