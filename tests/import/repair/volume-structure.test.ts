/**
 * The scan and pdf profiles' structure pieces on small texts: the NOTES section, linking numbered notes in
 * order, the chronicle, splitting a volume into works, chapter files from a typeset PDF.
 */
import { describe, expect, it } from 'vitest';
import { REF_CLOSE, REF_OPEN } from '../../../src/import/clean/types.js';
import { createImportContext } from '../../../src/import/context.js';
import { parseChronicle } from '../../../src/import/profiles/scan/parse-chronicle.js';
import { parseVolumeNotes } from '../../../src/import/profiles/scan/parse-volume-notes.js';
import { linkVolumeNotes } from '../../../src/import/profiles/scan/link-volume-notes.js';
import { planVolumeWorks } from '../../../src/import/profiles/scan/plan-volume-works.js';
import { importPdfBook } from '../../../src/import/profiles/pdf/pdf.js';
import { readVolumeStatement } from '../../../src/import/profiles/scan/scan.js';
import { readLines } from '../../../src/import/repair/index.js';
import type { RawBlock, RawNote } from '../../../src/import/types.js';

const blocks = (...texts: string[]): RawBlock[] => texts.map((text, i) => ({ text, line: i + 1 }));

describe('parseVolumeNotes', () => {
  it('reads numbered notes closed by their page, numbering a note whose number was lost', () => {
    const ctx = createImportContext('notes.txt');
    const text = ['NOTES', '', '1', '', 'The Thirteenth Conference took place', 'in Moscow.', 'p. 3', '', 'This refers to the crisis', 'in Germany.', 'p. 51', '', '3', '', 'Iskra (Spark).', 'p. 54'].join('\n');
    const notes = parseVolumeNotes(readLines(text), ctx);
    expect(notes.map((n) => [n.label, n.text, n.page])).toEqual([
      ['1', 'The Thirteenth Conference took place in Moscow.', '3'],
      ['2', 'This refers to the crisis in Germany.', '51'],
      ['3', 'Iskra (Spark).', '54'],
    ]);
    expect(ctx.items.some((i) => i.kind === 'doubt' && /without its number/.test(i.message))).toBe(true);
  });

  it('gives a page line set apart to the last note without one', () => {
    const ctx = createImportContext('notes.txt');
    const notes = parseVolumeNotes(readLines(['1', 'First note.', '2', 'Second note.', 'p. 95', '', 'p. 93'].join('\n')), ctx);
    expect(notes.map((n) => n.page)).toEqual(['93', '95']);
  });
});

describe('linkVolumeNotes', () => {
  const note = (label: string, page?: string): RawNote => ({ label, text: `note ${label}`, line: 100, origin: 'endnotes', page });
  it('takes each note’s reference after the previous one, skipping dates, pages and list numbers', () => {
    const ctx = createImportContext('x');
    const targets = [
      { text: 'THIRTEENTH CONFERENCE OF THE R. C. P. (B.) 1', line: 1 },
      { text: 'On January 2 the resolution on democracy 2 that was confirmed (see Vol. 2, p. 3).', line: 2 },
      { text: '1) Ought our Party to be united? The document of the 46 3 and the letter.', line: 3 },
    ];
    const { texts, linked } = linkVolumeNotes(targets, [note('1'), note('2'), note('3')], ctx, 10);
    expect(linked).toEqual([0, 1, 2]);
    expect(texts[0]).toBe(`THIRTEENTH CONFERENCE OF THE R. C. P. (B.)${REF_OPEN}10${REF_CLOSE}`);
    expect(texts[1]).toBe(`On January 2 the resolution on democracy${REF_OPEN}11${REF_CLOSE} that was confirmed (see Vol. 2, p. 3).`);
    expect(texts[2]).toBe(`1) Ought our Party to be united? The document of the 46${REF_OPEN}12${REF_CLOSE} and the letter.`);
  });

  it('skips a candidate on a page well before the note’s page', () => {
    const ctx = createImportContext('x');
    const targets = [
      { text: '{{page 10}} some 5 apples {{page 11}}', line: 1 },
      { text: '{{page 36}} the offensive, 5 his approach {{page 37}}', line: 2 },
    ];
    const { texts } = linkVolumeNotes(targets, [note('5', '36')], ctx, 0);
    expect(texts[0]).toContain('some 5 apples');
    expect(texts[1]).toContain(`offensive,${REF_OPEN}0${REF_CLOSE} his`);
  });
});

describe('parseChronicle', () => {
  it('makes dates and events a definition list, joining broken dates and times', () => {
    const pieces = parseChronicle(
      blocks('1924', 'January 26', '8.24 p. m.—', '8.40 p. m.', 'J. V. Stalin delivers a speech.', 'March 31—', 'April 2', 'J. V. Stalin directs the plenum. April 3', 'Pravda publishes the announcement.', 'Before November 7 J. V. Stalin receives a delegation.'),
    );
    expect(pieces[0]).toMatchObject({ role: 'heading', text: '1924' });
    expect(pieces[1]!.entries!.map((e) => [e.date, e.events])).toEqual([
      ['January 26, 8.24 p. m.—8.40 p. m.', ['J. V. Stalin delivers a speech.']],
      ['March 31—April 2', ['J. V. Stalin directs the plenum.']],
      ['April 3', ['Pravda publishes the announcement.']],
      ['Before November 7', ['J. V. Stalin receives a delegation.']],
    ]);
  });
});

describe('planVolumeWorks', () => {
  it('opens a work after a source line or with a full date; parts have their own day; sections have none', () => {
    const ctx = createImportContext('x');
    const works = planVolumeWorks(
      blocks(
        'THE DISCUSSION',
        'Interview With a Rosta Correspondent',
        'January 9, 1924',
        'The discussion which has extensively developed in the party will be summed up by the conference.',
        'Newspaper Zarya Vostoka, No. 473,',
        'January 10, 1924',
        'THIRTEENTH CONFERENCE',
        'OF THE R. C. P. (B.) 1',
        'January 16-18, 1924',
        '1. REPORT ON IMMEDIATE TASKS',
        'January 17',
        'Comrades, it is customary for our speakers at discussion meetings to begin with the history.',
        'MODESTY',
        'Lenin was modest, and he never made a show of it in the way that others did.',
        'ON THE DEATH OF LENIN',
        'A Speech Delivered at the Second All-Union Congress of Soviets',
        'January 26, 1924',
        'Comrades, we Communists are people of a special mould, made of a special stuff.',
      ),
      ctx,
    );
    expect(works.map((w) => w.title)).toEqual(['THE DISCUSSION', 'THIRTEENTH CONFERENCE OF THE R. C. P. (B.)', 'ON THE DEATH OF LENIN']);
    expect(works[0]!.pieces.map((p) => p.role)).toEqual(['heading', 'subtitle', 'dateline', 'paragraph', 'source']);
    expect(works[1]!.pieces.filter((p) => p.role === 'heading').map((p) => [p.level, p.text])).toEqual([
      [1, 'Thirteenth Conference of the R. C. P. (B.) 1'],
      [2, '1. Report on Immediate Tasks'],
      [3, 'Modesty'],
    ]);
  });
});

describe('pdf profile', () => {
  it('splits chapters into files, links page-bottom notes and takes the title from the running head', () => {
    const page = (n: number, lines: string[]) => ['', '', '', String(n), '', 'The Book of Tests', '', ...lines];
    const text = [
      ' Introduction',
      '',
      'Introduction',
      'A.B. Writer',
      '',
      'This is the first paragraph of the introduction, which is long enough to look',
      'like running text, and it runs on over several lines of the same length, as',
      'a justified paragraph does in a book set in type, until it comes to an end',
      'with a line that is shorter than the others.1 It ends here.',
      '',
      '1. A note at the bottom of the page.',
      ...page(2, ['Chapter I.', '', 'The First Chapter', 'The chapter begins with a sentence that runs over the line and is revolu-', 'tionary in its way, and then it goes on for a while, line after line, until', 'the page is full and the text runs on to the next page, where it ends with']),
      ...page(3, ['the end of the chapter.']),
    ].join('\n');
    const ctx = createImportContext('book.txt');
    const book = importPdfBook(text, ctx);
    expect(book.meta.title).toBe('The Book of Tests');
    expect(book.meta.creators[0]!.name).toBe('A. B. Writer');
    expect(book.files.map((f) => f.name)).toEqual(['01-introduction.md', '02-chapter-i-the-first-chapter.md']);
    expect(book.files[0]!.markdown).toContain('shorter than the others.[^1] It ends here.');
    expect(book.files[0]!.markdown).toContain('[^1]: A note at the bottom of the page.');
    // the page turns with the chapter: its marker stands at the head of the heading
    expect(book.files[1]!.markdown).toMatch(/^# \{\{page 2\}\}Chapter\sI\.\sThe First Chapter/m);
    expect(book.files[1]!.markdown).toContain('is revolutionary in its way, and then');
    expect(book.files[1]!.markdown).toContain('where it ends with {{page 3}} the end of the chapter.');
  });

  it('reads the volume and author from a preface', () => {
    expect(readVolumeStatement('The sixth volume of J. V. Stalin’s Works contains writings and speeches of the year 1924.')).toEqual({
      volume: 6,
      author: 'J. V. Stalin',
      year: '1924',
    });
  });
});

describe('resolvePageNumbers', () => {
  it('numbers turns between anchors that agree (printed numbers, pages the notes name) and drops the rest', async () => {
    const { resolvePageNumbers } = await import('../../../src/import/profiles/scan/resolve-page-numbers.js');
    const ctx = createImportContext('x');
    const ref = (id: number) => `${REF_OPEN}${id}${REF_CLOSE}`;
    const texts = [
      'a {{page 10}} b {{page ?}} c',
      `d {{page ?}} e${ref(0)} {{page ?}} f`,
      `g {{page ?}} h${ref(1)} {{page ?}} i {{page ?}} j${ref(2)}`,
    ];
    // note 0 is on page 12 (agrees with page 10 two turns before); note 1 says page 20 (agrees with nothing)
    const pages = new Map([[0, 12], [1, 20], [2, 16]]);
    const out = resolvePageNumbers(texts, (id) => pages.get(id), ctx);
    expect(out).toEqual(['a {{page 10}} b {{page 11}} c', `d {{page 12}} e${ref(0)} {{page 13}} f`, `g {{page 14}} h${ref(1)} {{page 15}} i {{page 16}} j${ref(2)}`]);
  });
});

describe('numberPageTurns: every page the evidence numbers, and a report of the rest', () => {
  const ref = (id: number) => `${REF_OPEN}${id}${REF_CLOSE}`;
  /** a page's worth of text (the pages of these tests hold about 1,000 characters) */
  const text = (pages = 1) => 'word '.repeat(Math.round(200 * pages)).trim();
  const run = async (texts: string[], notes: Record<number, number>, options: { starts?: number[]; through?: number } = {}) => {
    const { numberPageTurns } = await import('../../../src/import/profiles/scan/resolve-page-numbers.js');
    const ctx = createImportContext('x');
    const result = numberPageTurns(texts, (id) => notes[id], ctx, options);
    return { ...result, doubts: ctx.items.filter((r) => r.kind === 'doubt').map((r) => r.message) };
  };
  const pagesOf = (texts: string[]) => texts.flatMap((t) => [...t.matchAll(/\{\{page (\d+)\}\}/g)].map((m) => Number(m[1])));

  it('numbers the turns on both sides of a lost one, and reports the page it could not place', async () => {
    // p. 10 printed; a page that holds two pages' text (its turn lost); a note on p. 16 five turns on
    const texts = [`{{page 10}} ${text()}`, `{{page ?}} ${text()}`, `{{page ?}} ${text(2)}`, `{{page ?}} ${text()}`, `{{page ?}} ${text()}`, `{{page ?}} e${ref(0)} ${text()}`];
    const { texts: out, doubts } = await run(texts, { 0: 16 }, { through: 16 });
    expect(pagesOf(out)).toEqual([10, 11, 12, 14, 15, 16]);
    expect(doubts).toEqual([expect.stringMatching(/^p\. 13 not placed: between p\. 12 and p\. 14/)]);
  });

  it('takes the start of a work for a page turn where the count needs it, and puts its marker before the heading', async () => {
    // the work's title carries a note on p. 12; the page before it ends short
    const texts = [`{{page 10}} ${text()}`, `{{page ?}} ${text(0.5)}`, `Title${ref(0)}`, `${text(0.6)}`, `{{page ?}} ${text()}`];
    const { texts: out } = await run(texts, { 0: 12 }, { starts: [0, 0, 1, 0, 0] });
    expect(out[2]).toBe(`{{page 12}}Title${ref(0)}`);
    expect(pagesOf(out)).toEqual([10, 11, 12, 13]);
  });

  it('writes no number that another reading of the evidence would change', async () => {
    // one page lost between p. 10 and p. 15, and two pages of the same double length where it could be
    const texts = [`{{page 10}} ${text()}`, `{{page ?}} ${text(2)}`, `{{page ?}} ${text(2)}`, `{{page ?}} ${text()}`, `{{page 15}} ${text()}`];
    const { texts: out, doubts } = await run(texts, {}, { through: 15 });
    // the first turn is p. 11 and the third p. 14 either way; the second is p. 12 or p. 13
    expect(pagesOf(out)).toEqual([10, 11, 14, 15]);
    expect(doubts.some((d) => /^pp\. 12–13 not placed/.test(d))).toBe(true);
    expect(doubts.some((d) => /1 of 5 page turns could not be numbered/.test(d))).toBe(true);
  });

  it('leaves a work open that could begin on either side when the volume’s works all begin on odd pages', async () => {
    // an opening work of three pages (the last nearly empty) before works that each begin on an odd page; p. 8 printed
    const work = (pages: number) => ['{{page ?}}Work', text(), ...Array.from({ length: pages - 1 }, () => `{{page ?}} ${text()}`)];
    const opening = ['{{page ?}}Opening', text(), `{{page ?}} ${text()}`, `{{page ?}} ${text(0.1)}`];
    const texts = [...opening, ...work(2), '{{page ?}}Work', text(), `{{page 8}} ${text()}`, ...work(2), ...work(2), ...work(2)];
    const starts = texts.map((t) => (/^\{\{page [^}]+\}\}\p{Lu}\p{Ll}+$/u.test(t) ? 1 : 0));
    const { texts: out, doubts } = await run(texts, {}, { starts, through: 14 });
    // pp. 2–4 by counting, or pp. 1–3 and a blank p. 4 if it begins on an odd page as the others do: no number
    expect(pagesOf(out)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(doubts).toContain('pp. 1–4 not placed: before p. 5, the first page turn numbered: the turns before it could be numbered more than one way');
    // the same opening before works that begin on either side is counted back from them: pp. 2–4
    const mixed = [...opening, ...work(2), '{{page ?}}Work', text(), `{{page 8}} ${text()}`, `{{page ?}} ${text()}`, ...work(2), ...work(3), ...work(2)];
    const again = await run(mixed, {}, { starts: mixed.map((t) => (/^\{\{page [^}]+\}\}\p{Lu}\p{Ll}+$/u.test(t) ? 1 : 0)), through: 16 });
    expect(pagesOf(again.texts).slice(0, 4)).toEqual([2, 3, 4, 5]);
  });

  it('reads turns before page 1 as the front matter: no marker, no doubt', async () => {
    // the work begins p. 1: its page would hold almost two pages if it did not
    const texts = [`{{page ?}} ${text()}`, `{{page ?}} ${text()}`, `Work`, `${text(0.8)}${ref(0)}`, `{{page ?}} ${text()}`, `{{page 3}} ${text()}`];
    const { texts: out, doubts } = await run(texts, { 0: 1 }, { starts: [0, 0, 1, 0, 0, 0], through: 3 });
    expect(pagesOf(out)).toEqual([1, 2, 3]);
    expect(doubts).toEqual([]);
  });
});
