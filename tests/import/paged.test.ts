/**
 * The paged pipeline on texts galley was not built around: pages of a public-domain story and an essay typeset
 * with pdflatex (fancyhdr running heads, folios at the head and at the foot of chapter openings, footnotes), then
 * extracted with `pdftotext`, `pdftotext -layout` and tesseract (tests/fixtures/import/paged/, the first nine
 * pages of each). The expectations are the printed book's: its title page, its chapters, its notes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/import/index.js';
import { findFurniture, readFolioLine, splitHeadAndFolio } from '../../src/import/paged/find-furniture.js';
import { findPageNotes, surelyBodyLines } from '../../src/import/paged/find-page-notes.js';
import { readPages } from '../../src/import/paged/read-pages.js';
import { createImportContext } from '../../src/import/context.js';
import { ROOT } from '../helpers/books.js';

const fixture = (name: string) => readFileSync(join(ROOT, 'tests/fixtures/import/paged', name), 'utf8');

function imported(name: string) {
  const raw = fixture(name);
  const book = importText(raw, { profile: 'auto', sourcePath: name });
  const markdown = book.files.map((f) => f.markdown).join('\n');
  const defs = new Map([...markdown.matchAll(/^\[\^([^\]]+)\]: (.*)$/gm)].map((m) => [m[1]!, m[2]!]));
  const body = markdown.replace(/^\[\^[^\]]+\]: .*$/gm, '');
  return { book, markdown, defs, body };
}

/** The note whose text starts with `start` is called right after `before`. */
function expectCall(r: ReturnType<typeof imported>, before: string, start: string): void {
  const label = [...r.defs].find(([, text]) => text.startsWith(start))?.[0];
  expect(label, `a note starting "${start}"`).toBeDefined();
  expect(r.body).toContain(`${before}[^${label}]`);
}

describe.each(['jekyll-raw.txt', 'jekyll-layout.txt'])('a story typeset with running heads and footnotes (%s)', (name) => {
  const r = imported(name);

  it('is read page by page, title and author from the title page, not from the running heads', () => {
    expect(r.book.profile).toBe('pdf');
    expect(r.book.meta.title).toBe('The Strange Case of Dr. Jekyll and Mr. Hyde');
    expect(r.book.meta.creators[0]!.name).toBe('Robert Louis Stevenson');
  });

  it('takes off the running heads and folios, the folio at the foot of the first page included', () => {
    expect(r.markdown).not.toMatch(/ROBERT LOUIS STEVENSON|THE STRANGE CASE OF/);
    expect(r.markdown).not.toMatch(/^\s*(?:\d{1,4}|[ivx]+)\s*$/m);
    expect(r.markdown).not.toMatch(/^#+ .*\d/m);
    // the page marks carry the page's own number
    expect(r.body).toContain('from the hands of {{page 2}} opportunity');
    expect(r.body).toContain('gable on the {{page 3}} street.');
  });

  it('finds the chapters as headings, one file each', () => {
    expect(r.book.files.map((f) => f.markdown.split('\n')[0])).toEqual(['# Story of the Door', '# Search for Mr. Hyde']);
  });

  it('links the calls glued to words to the notes at the page foot, and keeps the notes out of the body', () => {
    expectCall(r, 'the weekdays.', 'The youth should act');
    expectCall(r, 'recalled by Mr.', 'Besides, it is not possible');
    expect(r.body).not.toContain('The youth should act');
    expect(r.body).not.toContain('Besides, it is not possible');
    const refs = [...r.body.matchAll(/\[\^([^\]]+)\]/g)].map((m) => m[1]!);
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs.every((x) => r.defs.has(x))).toBe(true);
  });

  it('keeps dialogue paragraphs apart', () => {
    expect(r.body).toMatch(/\n\n“Indeed\?” said Mr\. Utterson, with a slight change of voice, “and what was that\?”\n\n/);
  });
});

describe('an essay set with spaced paragraphs and the chapter title as running head (pdftotext -layout)', () => {
  const r = imported('vindication-layout.txt');

  it('reads the title and author above the first chapter', () => {
    expect(r.book.meta.title).toBe('A Vindication of the Rights of Woman');
    expect(r.book.meta.creators[0]!.name).toBe('Mary Wollstonecraft');
  });

  it('takes the chapter title, which the running heads repeat, as the heading, and the heads off every page', () => {
    expect(r.markdown.split('\n')[0]).toBe('# VI. The effect which an early association of ideas has upon the character.');
    expect(r.markdown).not.toMatch(/A Vindication of the\s/);
    expect(r.markdown).not.toMatch(/—\s*\d+\s*—/);
  });

  it('joins a note that runs over the page foot, and links every note', () => {
    const calls = [...r.body.matchAll(/\[\^([^\]]+)\]/g)].length;
    expect(calls).toBe(r.defs.size);
    expect(r.defs.size).toBeGreaterThanOrEqual(5);
    const lively = [...r.defs.values()].find((t) => t.startsWith('A lively writer'));
    expect(lively).toMatch(/to do in the world\.$/);
  });
});

describe('OCR misreads', () => {
  it('recognises a call read as `!` or `?` by its place between the calls and the notes’ sequence', () => {
    const page = [
      'The first sentence of a page that runs on long enough to look like body text',
      'and the street was quiet,? that day; the other a call read right.3 The end of',
      'the page stops here, and then the notes come at the foot of the page below it.',
      '',
      '?The note that OCR read with a question mark for its number, long enough to be wide.',
      '3 The note read right at the foot of the page, long enough to be as wide as the other.',
    ].map((text, i) => ({ text, line: i + 1, indent: 0 }));
    const found = findPageNotes(page, { open: false, bodyWidth: 78, noteWidth: 86, nextLabel: 2 });
    expect(found.notes.map((n) => [n.label, n.call?.misread ?? false])).toEqual([
      ['2', true],
      ['3', false],
    ]);
    expect(page[1]!.text.slice(found.notes[0]!.call!.index, found.notes[0]!.call!.index + 1)).toBe('?');
    expect(found.body).toHaveLength(4);
  });

  it('takes a note set as wide as the body when its label stands under a full line cut off in mid-sentence', () => {
    // the typesetter sets notes in the body's measure and leaves no blank line: no width or gap tells them
    // apart, but the body's sentence is cut off by the foot, and the label is the call read above
    const body = [
      'The harbour had been silted for a generation, and the town that lived on it',
      'was quieter than anyone could remember;1 the boats went out at dawn as before',
      'and came back at dusk with less, and the merchants on the quay counted what',
    ];
    const note = [
      '1 The register of the harbour office for those years is lost, but the accounts of',
      'the two chandlers in the lower town agree on the fall in trade, year after year,',
      'and the parish book of burials shows the young men leaving for the inland mills.',
    ];
    const page = [...body, ...note].map((text, i) => ({ text, line: i + 1, indent: 0 }));
    const found = findPageNotes(page, { open: false, bodyWidth: 78, noteWidth: 80, nextLabel: 1 });
    expect(found.notes.map((n) => [n.label, n.call?.at])).toEqual([['1', 1]]);
    expect(found.body.map((l) => l.text)).toEqual(body);
    // a numbered list in the body's measure after a sentence's end is not notes
    const list = [body[0]!, 'was quieter than anyone could remember;1 the boats went out at dawn as before.', ...note];
    const listed = findPageNotes(list.map((text, i) => ({ text, line: i + 1, indent: 0 })), { open: false, bodyWidth: 78, noteWidth: 80, nextLabel: 1 });
    expect(listed.notes).toEqual([]);
  });

  it('starts the notes at the document’s count, not at a numbered list of the body above them', () => {
    const body = [
      'The harbour master kept his list of the boats and their masters for the year,5',
      'and he asked each master the same questions as the others before him,6 and',
      'wrote the answers in the book of the office, in this order of his own:7',
      '3. Which boat came in first with the tide this morning?',
      '4. Which master has paid the harbour dues for the year?',
    ];
    const notes = [
      '5 The list survives in the town archive, bound with the accounts of the chandlers and the register of the',
      'harbour office for the same years, which the clerk kept in his own hand.',
      '6 The order of the questions is the one the printed form of the harbour office follows, from the first year.',
      '7 The first two questions of the list are on the page before, with the answers of the first three masters.',
    ];
    const page = [...body, ...notes].map((text, i) => ({ text, line: i + 1, indent: 0 }));
    const found = findPageNotes(page, { open: false, bodyWidth: 80, noteWidth: 100, nextLabel: 5 });
    expect(found.notes.map((n) => [n.label, n.call?.at])).toEqual([
      ['5', 0],
      ['6', 1],
      ['7', 2],
    ]);
    expect(found.body.map((l) => l.text)).toEqual(body);
  });

  it('links nothing when more marks than labels could be the call', () => {
    const page = [
      'The first sentence of a page that runs on long enough to look like body text,',
      'and the street was quiet,? that day; was it so,? he said. The end of the page',
      '',
      '?The note that OCR read with a question mark for its number, long enough to be wide.',
    ].map((text, i) => ({ text, line: i + 1, indent: 0 }));
    const found = findPageNotes(page, { open: false, bodyWidth: 78, noteWidth: 86, nextLabel: 2 });
    expect(found.notes.every((n) => n.call === undefined)).toBe(true);
  });

  it('takes the one mark whose glyph can be the label, and the marks between two calls read right by their places', async () => {
    const { alignCalls, findCallMarksInLines } = await import('../../src/import/paged/calls.js');
    // `!` can only be a 1: of `,?` and `,!`, the `?` is note 2's call
    const one = findCallMarksInLines(['and the street was quiet,? that day; was it so,! he said.']);
    expect(alignCalls(['2'], one, { bounded: true }).marks.map((m) => m?.text)).toEqual(['?']);
    // 4 and 7 read right; the two marks between them are 5 and 6 whatever they look like
    const marks = findCallMarksInLines(['the river.4 Then the hill,® and the road.¢ At last the sea.7']);
    const a = alignCalls(['4', '5', '6', '7'], marks);
    expect(a.marks.map((m) => m?.text)).toEqual(['4', '®', '¢', '7']);
    expect(a.misread).toEqual([false, true, true, false]);
    // a quote that may close a quotation is no call beside one that opened
    expect(findCallMarksInLines(['“Go on,” he said, “to the end.”'])).toEqual([]);
  });

  it('an OCR text of the essay still finds its title, author and chapter, and links no call to a wrong note', () => {
    const r = imported('vindication-ocr.txt');
    expect(r.book.meta.title).toBe('A Vindication of the Rights of Woman');
    expect(r.book.meta.creators[0]!.name).toBe('Mary Wollstonecraft');
    expect(r.markdown).not.toMatch(/^A Vindication of the/m);
    for (const [label, text] of r.defs) {
      // each linked note stands after a call position; the essay's first page calls note 1 at "understandings,"
      if (text.startsWith('I am not now alluding')) expect(r.body).toMatch(new RegExp(`understandings,\\[\\^${label}\\]`));
    }
  });
});

describe('page furniture', () => {
  it('reads folio lines and heads with their folio', () => {
    expect(readFolioLine('— 12 —')?.value).toBe(12);
    expect(readFolioLine('xiv')?.value).toBe(14);
    expect(readFolioLine('1848 was a year')).toBeUndefined();
    expect(splitHeadAndFolio('12      THE AUTHOR')).toMatchObject({ head: 'THE AUTHOR', value: 12 });
    expect(splitHeadAndFolio('THE TITLE   13')).toMatchObject({ head: 'THE TITLE', value: 13 });
  });

  it('takes a repeated head with a rising folio off, and leaves a line that repeats nowhere', () => {
    const pages = ['12  THE AUTHOR\nA line of text that opens page twelve.\nIts last line.', 'THE TITLE  13\nThe thirteenth page begins.\nIts end.', '14  THE AUTHOR\nFourteen begins here.\nAnd ends.', 'THE TITLE  15\nA fifth page.\n16'].join('\f');
    const ctx = createImportContext('x.txt');
    const f = findFurniture(readPages(pages, pages.replace(/\f/g, '')), ctx);
    expect(f.map((p) => p.folio)).toEqual(['12', '13', '14', '15']);
    expect(f[0]!.removed.map((l) => l.text)).toEqual(['12  THE AUTHOR']);
    // `16` is no folio of page 15's foot: the head already gave the page its number
    expect(f[3]!.removed.map((l) => l.text)).toEqual(['THE TITLE  15']);
  });
});

describe('pages without form feeds, and notes at the end', () => {
  it('places page breaks at the folios that rise page by page (OCR of page images joined)', async () => {
    const { insertPageBreaks } = await import('../../src/import/paged/find-page-breaks.js');
    const words = 'river stone field house market garden window letter morning evening harbour village'.split(' ');
    const body = (n: number) => Array.from({ length: 20 }, (_, i) => `The ${words[i % 12]} and the ${words[(i + n) % 12]} ${'a'.repeat(i + 1)} ran on ${'b'.repeat(n)}.`);
    const text = [...body(1), '1', '', '2 THE TITLE', '', ...body(2), '', 'THE AUTHOR 3', '', ...body(3), '', '4 THE TITLE', '', ...body(4)].join('\n');
    const paged = insertPageBreaks(text)!;
    expect(paged.split('\n').length).toBe(text.split('\n').length);
    expect(paged.split('\f').map((p) => p.trim().split('\n')[0])).toEqual([body(1)[0], '2 THE TITLE', 'THE AUTHOR 3', '4 THE TITLE']);
    expect(insertPageBreaks(body(1).join('\n'))).toBeUndefined();
  });

  it('links endnotes to their calls in order, and leaves a numbered list of the body alone', async () => {
    const { findEndnotes } = await import('../../src/import/paged/find-endnotes.js');
    const para = (text: string, line: number) => ({ text, line, lines: 1, longest: text.length, pageTop: false, page: 0, centred: false });
    const paragraphs = [
      para('The water was cold.1 We walked down the Street,2 and on.', 1),
      para('1. First point of a list in the body.', 2),
      para('2. Second point of the list.', 3),
      para('After the list, the river.3', 4),
      para('Notes', 5),
      para('1. The first note.', 6),
      para('2. The second note. 3. The third note, run into the second by the extraction.', 7),
    ];
    const r = findEndnotes(paragraphs, 0, createImportContext('x'));
    expect(r.notes.map((n) => [n.label, n.text, n.linked])).toEqual([
      ['1', 'The first note.', true],
      ['2', 'The second note.', true],
      ['3', 'The third note, run into the second by the extraction.', true],
    ]);
    expect(r.paragraphs.map((p) => p.text.replace(/\uE000(\d+)\uE001/g, '[$1]'))).toEqual([
      'The water was cold.[0] We walked down the Street,[1] and on.',
      '1. First point of a list in the body.',
      '2. Second point of the list.',
      'After the list, the river.[2]',
    ]);
  });
});

describe('OCR notes after a page whose notes were missed', () => {
  const lines = (texts: string[]) => texts.map((text, i) => ({ text, line: i + 1, indent: 0 }));
  // body lines of about 60 characters, notes set smaller: lines of about 80
  const body = [
    'The first sentence of the page runs on for a while like this,',
    'and the river was wide.!2 Then the road went up to the hill',
    'and over it, and the stones were grey and cold,!3 said he.',
  ];
  const note = (label: string, word: string) => [
    `${label}The ${word} note set at the page foot in smaller type, so that its lines hold more`,
    'characters than the lines of the body above it do, as notes are always set.',
  ];

  it('measures the body by its own lines, not by the notes at the page foot', () => {
    const page = lines([...body, '', '?The note OCR read with a mark for its label, set in smaller type than the body', 'is, and running over a second line of the same width as its first line is.']);
    expect(surelyBodyLines(page).map((l) => l.text)).toEqual(body);
  });

  it('takes up the count again from labels read as digits (the notes of a page before were missed)', () => {
    const page = lines([...body, '', ...note('12', 'first'), '', ...note('13', 'second')]);
    const found = findPageNotes(page, { open: false, bodyWidth: 61, noteWidth: 82, nextLabel: 5 });
    expect(found.notes.map((n) => [n.label, n.call?.misread ?? false])).toEqual([
      ['12', true],
      ['13', true],
    ]);
    expect(found.body.filter((l) => l.text.trim())).toHaveLength(3);
  });

  it('reads a label whose first digit OCR lost by the count (`3` between 12 and 14)', () => {
    const page = lines([...body, '', ...note('12', 'first'), ...note('3', 'second'), ...note('14', 'third')]);
    const found = findPageNotes(page, { open: false, bodyWidth: 61, noteWidth: 82, nextLabel: 12 });
    expect(found.notes.map((n) => [n.label, n.relabelled])).toEqual([
      ['12', undefined],
      ['13', '3'],
      ['14', undefined],
    ]);
  });

  it('takes a note whose label OCR lost between two labels read, and links no note whose text may hold one', () => {
    const lost = ['This note lost its label: it starts after the short last line of the note above it,', 'and the count of the labels around it says which it is.'];
    const page = lines([...body, '', ...note('12', 'first'), 'Short end.', ...lost, '', ...note('14', 'third')]);
    const found = findPageNotes(page, { open: false, bodyWidth: 61, noteWidth: 82, nextLabel: 12 });
    expect(found.notes.map((n) => [n.label, n.relabelled])).toEqual([
      ['12', undefined],
      ['13', ''],
      ['14', undefined],
    ]);
    expect(found.notes[1]!.lines[0]!.text).toBe(lost[0]);
    // the last note may as well go on with a second paragraph: where OCR misread the page, its call is not linked
    const trailing = lines([...body, '', ...note('12', 'first'), '', ...note('13', 'second'), 'Short end.', ...lost]);
    const t = findPageNotes(trailing, { open: false, bodyWidth: 61, noteWidth: 82, nextLabel: 12 });
    expect(t.notes.map((n) => [n.label, n.call !== undefined])).toEqual([
      ['12', true],
      ['13', false],
    ]);
  });

  it('does not give calls by their places alone when their glyphs say they are other numbers', async () => {
    const { alignCalls, findCallMarksInLines } = await import('../../src/import/paged/calls.js');
    // the page's notes 2, 3, 4 (note 1 lost its label, call 3 was lost): `!` is note 1's call, not note 2's
    const marks = findCallMarksInLines(['in the field.! The five are Method and discipline.? and the times and seasons.*']);
    const a = alignCalls(['2', '3', '4'], marks, { bounded: true });
    // `?` can be a 2 and stands where the one clear pairing puts it; `*` can be 3 or 4: neither is given it
    expect(a.marks.map((m) => m?.text)).toEqual(['?', undefined, undefined]);
  });
});

describe('paragraphs of a text of many short lines', () => {
  it('a short line with no stop of its own between a sentence’s end and a sentence’s start stands alone', async () => {
    const { buildParagraphs } = await import('../../src/import/paged/build-paragraphs.js');
    const { buildVocabulary } = await import('../../src/import/repair/vocabulary.js');
    // an invented glossary: terms over definitions, most definitions one short line, a few justified ones
    const full = 'A long definition that is set over two lines of the page, justified so it fills the';
    const lines = ['Anchor', 'A weight that keeps the boat where it was.', 'Bay', full, 'line and then ends here.', 'Beacon', 'A fire on the hill.', 'Buoy', 'A float that marks the channel.'];
    for (let k = 0; k < 3; k++) lines.push('Cable', full, 'measure and then goes on to a second line.', 'Cove', 'A small bay, sheltered.');
    const items = lines.map((text, i) => ({ kind: 'text' as const, text, line: i + 1, indent: 0, page: 0 }));
    const paragraphs = buildParagraphs(items, buildVocabulary(lines), createImportContext('t')).map((p) => p.text);
    expect(paragraphs.slice(0, 8)).toEqual(['Anchor', 'A weight that keeps the boat where it was.', 'Bay', `${full} line and then ends here.`, 'Beacon', 'A fire on the hill.', 'Buoy', 'A float that marks the channel.']);
    // a short line that goes on from the sentence before (lower case after it) is no term
    const prose = buildParagraphs(
      ['The harbour was full.', 'Then the', 'boats left one by one before the tide turned against them all.'].map((text, i) => ({ kind: 'text' as const, text, line: i + 1, indent: 0, page: 0 })),
      buildVocabulary([]),
      createImportContext('t'),
    ).map((p) => p.text);
    expect(prose.some((p) => p === 'Then the')).toBe(false);
  });
});
