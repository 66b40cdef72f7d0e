/**
 * OCR's note calls and notes, decided from the page's own evidence (src/import/paged/calls.ts,
 * find-page-notes.ts, find-endnotes.ts). The fixtures are invented lines, shaped as tesseract reads small raised
 * digits: `>` for 5, `®` for 6 or 8, `?` for 9, `!°` for 10, a call lost altogether.
 */
import { describe, expect, it } from 'vitest';
import { createImportContext } from '../../src/import/context.js';
import { alignCalls, findCallMarksInLines, marginPairs } from '../../src/import/paged/calls.js';
import { findEndnotes } from '../../src/import/paged/find-endnotes.js';

const texts = (a: ReturnType<typeof alignCalls>) => a.marks.map((m) => m?.text);

describe('calls decided by the one clear best pairing of their stretch', () => {
  // notes 5–10 at the page foot; the call of 7 was lost, so no run of marks matches the labels one for one
  const page = [
    'The hills were steep and the roads were narrow.> Then came',
    'the long plain, wide and bare.® The river ran past the town.',
    'Thus the five were counted, one by one, in this wise:—®',
    'Which of the two kings is the wiser one??',
    'Which of them holds the high ground and the fords?!°',
  ];

  it('gives each label the mark that every near-best pairing gives it', () => {
    const a = alignCalls(['5', '6', '7', '8', '9', '10'], findCallMarksInLines(page), { bounded: true });
    expect(texts(a)).toEqual(['>', '®', undefined, '®', '?', '!°']);
    // `!°` is the one mark that can be 10 (decided before); the rest only by the stretch's best pairing
    expect(a.byMargin).toEqual([true, true, false, true, true, false]);
  });

  it('decides nothing where two pairings score about as well', () => {
    // `!` can be 1 (and neither can be 2): which `!` is note 1's call, the page does not say
    const marks = findCallMarksInLines(['The gate was shut.! Nobody came to the door that day,', 'and the lamp went out.! Then all was quiet.']);
    expect(marginPairs(['1', '2'], marks)).toEqual([undefined, undefined]);
    expect(texts(alignCalls(['1', '2'], marks, { bounded: true }))).toEqual([undefined, undefined]);
  });

  it('takes no mark whose glyphs cannot be the label, whatever its place', () => {
    // `>` is a 5 or a 3, never a 7
    const marks = findCallMarksInLines(['The road was long.> Then came the town.']);
    expect(texts(alignCalls(['7'], marks, { bounded: true }))).toEqual([undefined]);
  });

  it('leaves an open stretch alone when the reach is not bounded', () => {
    // without the page's bounds, the stretch before `!°` (the one mark that can be 10) has no start to decide from
    expect(texts(alignCalls(['5', '6', '7', '8', '9', '10'], findCallMarksInLines(page)))).toEqual([undefined, undefined, undefined, undefined, undefined, '!°']);
  });
});

describe('endnotes come after the body', () => {
  const para = (text: string, line: number) => ({ text, line, lines: 1, longest: text.length, pageTop: false, page: 0, centred: false });
  const paragraphs = [
    para('The water was cold.1 We walked down the Street,2 and on.', 1),
    para('Five things give the victory:', 2),
    para('1. He who knows the ground.', 3),
    para('2. He who knows the weather.', 4),
    para('After the list, the chapter goes on to the river.', 5),
  ];

  it('takes a numbered list above a page foot holding notes for body', () => {
    // the list's page has notes at its foot (line 9): the list is body, not notes gathered at the end
    const r = findEndnotes(paragraphs, 0, createImportContext('x'), { lastFootNoteLine: 9 });
    expect(r.notes).toEqual([]);
    expect(r.paragraphs).toBe(paragraphs);
  });

  it('still takes such a stretch where no page foot below it holds notes', () => {
    const r = findEndnotes(paragraphs, 0, createImportContext('x'));
    expect(r.notes.map((n) => n.label)).toEqual(['1', '2']);
  });
});

describe('pages shown by running heads alone', () => {
  const words = 'river stone field house market garden window letter morning evening harbour village'.split(' ');
  const body = (page: number, n: number) => Array.from({ length: n }, (_, i) => `the ${words[(page + i) % words.length]} and the ${words[(page * 3 + i) % words.length]} of line ${i} went on`);

  it('places page breaks before a head that repeats about a page apart, the folios lost', async () => {
    const { insertPageBreaks } = await import('../../src/import/paged/find-page-breaks.js');
    // the first page has no head; a page whose head OCR misread makes a gap of two pages
    const pages = [body(0, 20), ['THE AUTHOR', '', ...body(1, 19)], ['THE AUTHOR', '', ...body(2, 20)], ['THE AUTHR', '', ...body(3, 19)], ['THE AUTHOR', '', ...body(4, 18)], ['THE AUTHOR', '', ...body(5, 8)]];
    const text = pages.map((p) => p.join('\n')).join('\n');
    const paged = insertPageBreaks(text)!;
    expect(paged).toBeDefined();
    expect(paged.split('\n').length).toBe(text.split('\n').length);
    expect(paged.split('\f').map((p) => p.split('\n')[0])).toEqual([body(0, 1)[0], 'THE AUTHOR', 'THE AUTHOR', 'THE AUTHOR', 'THE AUTHOR']);
  });

  it('takes no line for a head that repeats at uneven distances or only in part of the text', async () => {
    const { headStarts } = await import('../../src/import/paged/find-page-breaks.js');
    // a refrain three times close together, then a long stretch without it
    const refrain = [...body(0, 3), 'ROW THE BOAT', ...body(1, 3), 'ROW THE BOAT', ...body(2, 14), 'ROW THE BOAT', ...body(3, 80)];
    expect(headStarts(refrain)).toBeUndefined();
    // a line ending a sentence is no head, however regularly it stands
    const sentence = Array.from({ length: 5 }, (_, p) => ['So it went on.', ...body(p, 20)]).flat();
    expect(headStarts(sentence)).toBeUndefined();
  });
});

describe('notes whose labels OCR lost, counted between two labels read', () => {
  const lines = (texts: string[]) => texts.map((text, i) => ({ text, line: i + 1, indent: 0 }));
  const body = [
    'The first sentence of the page runs on for a while like this,',
    'and the river was wide.!2 Then the road went up to the hill,!3',
    'and over it, and the stones were grey and cold.!4 Then came',
    'the long descent to the sea at the end of the day.!5 All slept.',
  ];
  const note = (head: string) => [`${head} note set at the page foot in smaller type, so that its lines hold`, 'more characters than the lines of the body above it do, as notes are.'];

  it('takes each block between them (a blank line before each) for one of the missing notes, in order', async () => {
    const { findPageNotes } = await import('../../src/import/paged/find-page-notes.js');
    const page = lines([...body, '', ...note('12The first'), '', ...note('aa the second'), '', ...note('The third'), '', ...note('15The fourth')]);
    const found = findPageNotes(page, { open: false, bodyWidth: 63, noteWidth: 82, nextLabel: 12 });
    expect(found.notes.map((n) => [n.label, n.relabelled, n.lines[0]!.text.slice(0, 12)])).toEqual([
      ['12', undefined, '12The first '],
      ['13', '', 'aa the secon'],
      ['14', '', 'The third no'],
      ['15', undefined, '15The fourth'],
    ]);
    // `!2` … `!5` are the calls of 12 … 15
    const content = page.filter((l) => l.text.trim());
    expect(found.notes.map((n) => n.call && content[n.call.at]!.text.slice(n.call.index, n.call.index + n.call.length))).toEqual(['!2', '!3', '!4', '!5']);
    expect(found.notes.map((n) => n.call?.at)).toEqual([1, 1, 2, 3]);
  });

  it('splits nothing where the blocks between are fewer or more than the notes missing', async () => {
    const { findPageNotes } = await import('../../src/import/paged/find-page-notes.js');
    const page = lines([...body, '', ...note('12The first'), '', ...note('The third'), '', ...note('15The fourth')]);
    const found = findPageNotes(page, { open: false, bodyWidth: 63, noteWidth: 82, nextLabel: 12 });
    expect(found.notes.some((n) => n.label === '14' && n.relabelled === '')).toBe(false);
  });
});

describe('a call read as `!` or `?` straight after a word', () => {
  it('is a mark where the sentence goes on in lower case, and none where it ends', () => {
    expect(findCallMarksInLines(['and to the harbourmen! in the north the tide came in.']).map((m) => [m.text, m.strength])).toEqual([['!', 'strong']]);
    expect(findCallMarksInLines(['What of the harbour? Nobody knew. Stop! Go on.'])).toEqual([]);
  });

  it('outweighs an apostrophe that may be a plural’s possessive, for a label both can be', () => {
    // `’` may stand for 1 as well, but after a plural's s it is mostly the possessive
    const marks = findCallMarksInLines(['The sailors’ songs were heard, and the harbourmen! in the north', 'sang with the farmers’ sons until the night came down on the town.']);
    expect(texts(alignCalls(['1'], marks, { bounded: true }))).toEqual(['!']);
  });
});

describe('labels OCR glued or read before lower case, and a glyph that is a call’s first digit', () => {
  const lines = (texts: string[]) => texts.map((text, i) => ({ text, line: i + 1, indent: 0 }));
  const body = [
    'The first sentence of the page runs on for a while like this,',
    'and the river was wide,?2 and then the road went up the hill',
    'and over it, and the stones were grey and cold as the night.',
  ];
  const wide = (head: string) => `${head} note is set at the page foot in smaller type, so that its lines hold more`;
  const second = 'characters than the lines of the body above it do, as notes are.';

  it('reads `?2` straight after a word the sentence goes on from as one mark', () => {
    expect(findCallMarksInLines([body[1]!]).map((m) => m.text)).toEqual(['?2']);
    // after a stop, the `?` is the sentence's own and the digits are the mark
    expect(findCallMarksInLines(['Was it the river?2 Nobody knew.']).map((m) => m.text)).toEqual(['2']);
  });

  it('takes a label glued to a number opening the note, and one before lower case, where the count expects them', async () => {
    const { findPageNotes } = await import('../../src/import/paged/find-page-notes.js');
    const page = lines([...body, '', wide('11The first'), second, '', '122.5 miles make the second, so the', '', '13 which opens the third, whose word the type lost,', 'is counted too.']);
    const found = findPageNotes(page, { open: false, bodyWidth: 63, noteWidth: 82, nextLabel: 11 });
    expect(found.notes.map((n) => [n.label, n.relabelled])).toEqual([
      ['11', undefined],
      ['12', '122'],
      ['13', undefined],
    ]);
    // a number before lower case that the count does not expect is text
    const called = [body[0]!, 'and the river was wide.11 and then the road went up the hill', body[2]!];
    const other = lines([...called, '', wide('11The first'), second, '', '15 which is no label here, for the count says twelve, and so it is read as', 'the text of the note above.']);
    const notes = findPageNotes(other, { open: false, bodyWidth: 63, noteWidth: 82, nextLabel: 11 }).notes;
    expect(notes.map((n) => [n.label, n.lines.length])).toEqual([['11', 4]]);
  });
});

describe('endnotes under their own heading whose calls OCR mostly lost', () => {
  const para = (text: string, line: number) => ({ text, line, lines: 1, longest: text.length, pageTop: false, page: 0, centred: false });
  const notes = [para('Notes', 10), para('1. The first note.', 11), para('2. The second note.', 12), para('3. The third note.', 13), para('4. The fourth note.', 14)];

  it('are notes when their labels run 1, 2, 3 … to the end and two calls agree with them', () => {
    const body = [para('The water was cold. We walked down the Street,2 and on.', 1), para('After that the river, and the hill.4 Then home.', 2)];
    const r = findEndnotes([...body, ...notes], 0, createImportContext('x'));
    expect(r.notes.map((n) => [n.label, n.linked])).toEqual([
      ['1', false],
      ['2', true],
      ['3', false],
      ['4', true],
    ]);
  });

  it('are not taken on one call alone', () => {
    const body = [para('The water was cold. We walked down the Street,2 and on.', 1), para('After that the river, and the hill. Then home.', 2)];
    expect(findEndnotes([...body, ...notes], 0, createImportContext('x')).notes).toEqual([]);
  });
});

describe('endnote calls after the last call read right', () => {
  it('are decided by the clear best pairing up to the end of the body, and only so', () => {
    // `?` can be 2 or 9, `*` 3, 4 or 2: after `1`, the one way both fit is `?` for 2 and `*` for 3
    const marks = findCallMarksInLines(['The water was cold.1 We walked down the Street.? Then the hill,* and home.']);
    expect(texts(alignCalls(['1', '2', '3'], marks, { marginBounded: true }))).toEqual(['1', '?', '*']);
    expect(alignCalls(['1', '2', '3'], marks, { marginBounded: true }).byMargin).toEqual([false, true, true]);
    expect(texts(alignCalls(['1', '2', '3'], marks))).toEqual(['1', undefined, undefined]);
  });
});
