/**
 * Rules with a `+` in the print styles reach the page. Paged.js rewrites every rule whose selector has a
 * `+` into an attribute rule of specificity (0,1,0) at the end of the sheet, so a rule more specific than
 * one class that sets the same property beats it: `.letter p { text-indent: 0 }` did, and no paragraph of
 * a letter was indented in print (the EPUB, without Paged.js, was right). Read back from the PDF with
 * `pdftotext -bbox-layout` (scripts/print-metrics.mjs, which knows nothing of the renderer): where each
 * paragraph's first line begins, and how far the subtitle stands under its heading.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module without types: the independent reader
import { readLayout } from '../../scripts/print-metrics.mjs';
import { ROOT } from '../helpers/books.js';
import { type PdfLine, type PdfPage, closeGeneratedBook, typesetGeneratedBook } from '../helpers/typeset-book.js';

process.env.PUPPETEER_EXECUTABLE_PATH ??= '/usr/bin/chromium';


const LONG = 'These words run on for a while so that every paragraph of the letter fills two lines or more of the page and its first line shows where it begins';

const CHAPTER = [
  '# A Letter Home',
  '',
  '::: subtitle',
  'Written in Haste',
  ':::',
  '',
  ':::: letter',
  'Dear Friend,',
  '',
  `Alpha paragraph. ${LONG}.`,
  '',
  `Beta paragraph. ${LONG}.`,
  '',
  `Gamma paragraph. ${LONG}.`,
  '',
  'Yours faithfully,',
  '',
  '::: signature',
  'The Writer',
  ':::',
  '::::',
  '',
  `Delta paragraph. ${LONG}.`,
  '',
  `Epsilon paragraph. ${LONG}.`,
  '',
  '# Plain Heading',
  '',
  `Zeta paragraph. ${LONG}.[^long]`,
  '',
  '[^long]: Noteone opens the note.',
  '',
  '    Notetwo is its second paragraph.',
  '',
].join('\n');

mkdirSync(join(ROOT, '.cache'), { recursive: true });
const dir = mkdtempSync(join(ROOT, '.cache', 'sibling-rules-'));
let lines: PdfLine[] = [];

beforeAll(async () => {
  const pdf = await typesetGeneratedBook(dir, {
    identifier: 'urn:uuid:5d1f1f64-8c3a-4b51-9d35-6c0e2f7a9b11',
    title: 'Sibling Rules',
    description: 'A letter, a subtitle and plain paragraphs, to see the print styles with a + reach the page.',
    chapters: [{ file: '01-letter.md', text: CHAPTER }],
  });
  lines = (readLayout(pdf) as PdfPage[]).flatMap((p) => p.lines);
}, 300_000);

afterAll(() => closeGeneratedBook(dir));

/** The first line of the paragraph that begins with `word` (the last such line: the contents come first). */
const first = (word: string): PdfLine => {
  const line = lines.findLast((l) => l.text.startsWith(word));
  if (!line) throw new Error(`no line begins with "${word}"`);
  return line;
};

/** How far the first line of the paragraph beginning with `word` is indented: from its second line. */
const indent = (word: string): number => {
  const line = first(word);
  return line.x0 - lines[lines.indexOf(line) + 1].x0;
};

describe('print rules with a + reach the page', () => {
  it("a letter's paragraphs are indented, but its first (the salutation)", () => {
    expect(first('Dear').x0).toBeCloseTo(first('Alpha').x0 - indent('Alpha'), 0);
    expect(indent('Alpha')).toBeGreaterThan(8);
    expect(indent('Beta')).toBeCloseTo(indent('Alpha'), 0);
    expect(indent('Gamma')).toBeCloseTo(indent('Alpha'), 0);
  });

  it('a paragraph after a block or a heading is not indented, the next one is', () => {
    expect(indent('Delta')).toBeCloseTo(0, 0);
    expect(indent('Epsilon')).toBeGreaterThan(8);
    expect(indent('Zeta')).toBeCloseTo(0, 0);
  });

  it("the subtitle stands closer under the chapter's heading than a paragraph under a heading (margin-top: -1em)", () => {
    const title = first('A Letter Home');
    const subtitle = first('Written in Haste');
    const plain = first('Plain Heading');
    const zeta = first('Zeta');
    expect(subtitle.y0 - title.y1).toBeLessThan(zeta.y0 - plain.y1 - 5);
  });

  it("a note's second paragraph begins on a line of its own", () => {
    const one = first('1 Noteone');
    expect(one.text).not.toMatch(/Notetwo/);
    expect(first('Notetwo').y0).toBeGreaterThan(one.y1 - 1);
  });

  it("a letter's valediction is ranged right, over its signature", () => {
    const valediction = first('Yours faithfully,');
    const signature = first('The Writer');
    expect(valediction.x1).toBeCloseTo(signature.x1, 0);
    expect(valediction.x0).toBeGreaterThan(first('Gamma').x0 + 50);
  });
});
