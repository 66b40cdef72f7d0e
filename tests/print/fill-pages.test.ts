/**
 * Filling the pages the keep rules leave short (in-page.ts fillShortPage), on a generated book read back page
 * by page with `pdftotext -bbox-layout` through scripts/print-metrics.mjs (which knows nothing of the renderer).
 * Each chapter is prose in paragraphs of 3 to 13 lines, so that widows and orphans come up at page feet (the
 * rules send a line over and leave the page a line short) and there are paragraphs on the page to set a
 * little looser or tighter. What must hold:
 * - the text reads back word for word as written, every word once and in order;
 * - no widow, no orphan (the rules still hold);
 * - every page but a chapter's last ends on a full page's last baseline, but the few that no paragraph can
 *   mend within the limits (5 of 40 here; 11 without the fill);
 * - a page is filled by word spacing only: the space between two words stays within what a justified page
 *   shows anyway (no gaping line).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module without types: the independent reader
import { readGeometry, readLayout } from '../../scripts/print-metrics.mjs';
import { ROOT } from '../helpers/books.js';
import { type PdfLine, type PdfPage, bodyLines, closeGeneratedBook, typesetGeneratedBook, seededRandom, wordsOfLines, chapterPages } from '../helpers/typeset-book.js';

process.env.PUPPETEER_EXECUTABLE_PATH ??= '/usr/bin/chromium';

const VOCABULARY =
  'a the of and to in that it was for on are as with his they at be this from have or by one had not but what all were when we there can an your which their said if do will each about how up out them then she many some so these would other into has more her two like him see time could no make than first been its who now people my made over did down only way find use may water long little very after words called just where most know'.split(' ');

function chapters(): { file: string; text: string }[] {
  const next = seededRandom(20261203);
  const out: { file: string; text: string }[] = [];
  for (let c = 1; c <= 8; c++) {
    const paragraphs: string[] = [];
    for (let p = 0; p < 30; p++) {
      const n = 30 + Math.floor(next() * 130);
      const words = Array.from({ length: n }, () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]);
      words[0] = words[0][0].toUpperCase() + words[0].slice(1);
      paragraphs.push(`${words.join(' ')}.`);
    }
    out.push({ file: `${String(c).padStart(2, '0')}-part-${c}.md`, text: `# Part ${c}\n\n${paragraphs.join('\n\n')}\n` });
  }
  return out;
}

mkdirSync(join(ROOT, '.cache'), { recursive: true });
const dir = mkdtempSync(join(ROOT, '.cache', 'fill-pages-'));
let pages: PdfPage[] = [];
let written: { title: string; words: string[] }[] = [];
const g = readGeometry();

beforeAll(async () => {
  const cases = chapters();
  written = cases.map((c) => {
    const [title, ...rest] = c.text.replace(/^# /, '').split('\n');
    return { title, words: rest.join(' ').split(/\s+/).filter(Boolean) };
  });
  const pdf = await typesetGeneratedBook(dir, {
    identifier: 'urn:uuid:5a0f3c2e-8d4b-4f1a-b6e2-7c9d0e1f2a3b',
    title: 'Full Pages',
    description: 'A generated book of prose paragraphs of every length, for filling the pages the keep rules leave short.',
    chapters: cases,
  });
  pages = readLayout(pdf);
}, 300_000);

afterAll(() => closeGeneratedBook(dir));

describe.sequential('pages filled', () => {
  it('the fixture was found page by page', () => {
    expect(chapterPages(pages, written.map((w) => w.title)).every((c) => c.start >= 0 && c.pages.length >= 4)).toBe(true);
  });

  it('every word once and in order', () => {
    for (const [i, c] of chapterPages(pages, written.map((w) => w.title)).entries()) {
      const got = wordsOfLines(c.pages.flat());
      const want = [...c.title.split(' '), ...written[i].words];
      const at = want.findIndex((w, k) => got[k] !== w);
      const where = at < 0 && got.length === want.length ? undefined : { at, got: got.slice(at - 3, at + 5).join(' '), want: want.slice(at - 3, at + 5).join(' ') };
      expect({ chapter: c.title, difference: where }).toEqual({ chapter: c.title, difference: undefined });
    }
  });

  it('the pages but chapter ends are full (all but a few), with no widow and no orphan', () => {
    const step = g.lineHeight;
    const edges = [0, 1].map((parity) => {
      const ls = pages.filter((_, i) => i % 2 === parity).flatMap(bodyLines).filter((l) => l.y1 - l.y0 < 15);
      return { left: Math.min(...ls.map((l) => l.x0)), right: Math.max(...ls.map((l) => l.x1)) };
    });
    const full = Math.max(...pages.flatMap((p) => bodyLines(p).map((l) => l.y1)));
    const short: string[] = [];
    let turns = 0;
    for (const c of chapterPages(pages, written.map((w) => w.title))) {
      for (const [k, lines] of c.pages.entries()) {
        const { left, right } = edges[(c.start + k) % 2];
        const last = lines[lines.length - 1];
        if (k + 1 < c.pages.length) {
          turns++;
          const empty = Math.round((full - last.y1) / step);
          if (empty > 0) short.push(`${c.title} p. ${k + 1}: ${empty} line(s)`);
          const orphan = last.x0 - left > g.fontSize * 0.8 && last.x1 >= right - 1.5;
          expect({ chapter: c.title, page: k, orphan }).toEqual({ chapter: c.title, page: k, orphan: false });
        }
        if (k > 0) {
          const first = lines[0];
          const second = lines[1];
          const prev = c.pages[k - 1][c.pages[k - 1].length - 1];
          const widow = first.x1 < right - 8 && (!second || second.x0 - left > g.fontSize * 0.8) && prev.x1 >= right - 1.5;
          expect({ chapter: c.title, page: k, widow }).toEqual({ chapter: c.title, page: k, widow: false });
        }
      }
    }
    expect(turns).toBeGreaterThan(20);
    // without fillShortPage this book has 11 short pages (13 empty lines) among its 40 page turns; with it 5 (7):
    // the pages where no paragraph can take a line in or out within the limits
    expect(short.length, short.join('; ')).toBeLessThanOrEqual(5);
  });

  it('no gaping line: the widest word space of a justified line stays under half an em', () => {
    let widest = 0;
    for (const p of pages) {
      const ls = bodyLines(p).filter((l) => l.y1 - l.y0 < 15);
      const right = Math.max(...ls.map((l) => l.x1));
      for (const l of ls) {
        if (l.x1 < right - 1.5 || l.words.length < 4) continue; // a paragraph's last line is not justified
        const words = l.words as unknown as { x0: number; x1: number }[];
        for (let i = 1; i < words.length; i++) widest = Math.max(widest, words[i].x0 - words[i - 1].x1);
      }
    }
    expect(widest / g.fontSize).toBeLessThan(0.5);
  });
});
