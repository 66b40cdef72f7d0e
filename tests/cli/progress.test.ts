/**
 * Progress that measures work (issue 10), as a CI log sees it (stderr not a terminal): one plain line per
 * stage a book enters (parse, epub, pdf layout / print / join), the PDF's estimated pages and then its real
 * count, the time since the run began, no line per page. The time itself is never asserted on.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainProgress } from '../../src/cli/progress.js';
import { BOOK, keepFontCache, scratchProject, startGalley } from '../hostile/scratch.js';

const LINE = /^\[\s*\d+\.\d s\] ([\w-]+): ([a-z]+(?: [a-z]+)?)(?: \((.*)\))?$/;

describe('progress when not a terminal', () => {
  it('plain lines: a stage once, however many pages are reported in it', () => {
    const lines: string[] = [];
    const p = plainProgress((l) => lines.push(l));
    p.update({ book: 'b', stage: 'parse' });
    p.update({ book: 'b', stage: 'pdf', step: 'layout', pages: 0, estimate: 40 });
    for (let n = 1; n <= 30; n++) p.update({ book: 'b', stage: 'pdf', step: 'layout', pages: n, estimate: 40 });
    p.update({ book: 'b', stage: 'pdf', step: 'print', pages: 38, estimate: 40 });
    p.update({ book: 'b', stage: 'pdf', step: 'join', pages: 38, estimate: 40 });
    p.update({ book: 'b', stage: 'done' });
    expect(lines.map((l) => l.replace(/^\[\s*\d+\.\d s\] /, '').trimEnd())).toEqual(['b: parse', 'b: pdf layout (~40 pages)', 'b: pdf print (38 pages)', 'b: pdf join (38 pages)', 'b: done']);
    for (const l of lines) expect(l.trimEnd()).toMatch(LINE);
  });

  it('a real build: stages in order, the estimate then the pages pdfinfo counts, the result as the book ends', async () => {
    const s = scratchProject();
    const r = await startGalley(s.dir, ['build', BOOK, '--force']).done;
    keepFontCache(s);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    for (const l of lines) expect(l).toMatch(LINE);
    const stages = lines.map((l) => LINE.exec(l)![2]);
    expect(stages).toEqual(['parse', 'epub', 'pdf', 'pdf layout', 'pdf print', 'pdf join', 'done']);
    const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [join(s.dir, 'dist', `${BOOK}.pdf`)], { encoding: 'utf8' }).stdout)![1]);
    const estimate = Number(/^~(\d+) pages$/.exec(LINE.exec(lines[3])![3])![1]);
    expect(estimate).toBeGreaterThanOrEqual(pages / 2);
    expect(estimate).toBeLessThanOrEqual(pages * 2);
    expect(LINE.exec(lines[4])![3]).toBe(`${pages} pages`);
    expect(r.stdout).toMatch(new RegExp(`^${BOOK}: dist/${BOOK}\\.epub built in [\\d.]+ s, dist/${BOOK}\\.pdf built in`, 'm'));
    // --quiet: no progress at all
    const quiet = await startGalley(s.dir, ['build', BOOK, '--quiet']).done;
    expect(quiet.stderr).toBe('');
  }, 300_000);
});
