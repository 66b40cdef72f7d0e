/** The periodicals a text's own source lines name become book.yaml's titles:, as one doubt (issue 11). */
import { describe, expect, it } from 'vitest';
import { createImportContext } from '../../src/import/index.js';
import { periodicalOf, suggestTitles } from '../../src/import/structure/suggest-titles.js';
import type { ImportedBook } from '../../src/import/types.js';

describe('periodicals from source lines', () => {
  it.each([
    ['The Daily Lamp, No. 12, March 3, 1901', 'The Daily Lamp'],
    ['*Harbour Gazette*, Nos. 4 and 5, 1899', 'Harbour Gazette'],
    ['Morgenblatt, 14 Mai 1870', 'Morgenblatt'],
    ['The Weekly Oar, May 9, 1911', 'The Weekly Oar'],
    ['Le Phare, 1872', 'Le Phare'],
  ])('%s → %s', (line, name) => expect(periodicalOf(line)).toBe(name));

  it.each([
    'March 3, 1901',
    'Written in 1901, first published in 1905',
    'a speech, No. 5',
    'Delivered at the meeting of the Fifth Congress of the Dock and Harbour Workers, May 9, 1911',
    'Signed: A. B., 1902',
  ])('no periodical in "%s"', (line) => expect(periodicalOf(line)).toBeUndefined());

  it('become titles: with one doubt at the raw line of the first, each name once', () => {
    const book: ImportedBook = {
      profile: 'web',
      meta: { title: 'T', language: 'en', creators: [], description: 'D', rights: 'R', sources: [] },
      files: [
        { name: '01-a.md', markdown: '# A\n\nText.\n\n::: source\nThe Daily Lamp, No. 12, March 3, 1901\n:::\n' },
        { name: '02-b.md', markdown: '# B\n\n::: source\nHarbour Gazette, No. 1, 1899\n:::\n\n# C\n\n::: source\nThe Daily Lamp, No. 13, March 4, 1901\n:::\n' },
      ],
      review: [],
    };
    const ctx = createImportContext('x/source.txt');
    // the doubt stands at the source line, not at an earlier mention in the text
    const out = suggestTitles(book, 'A\nText of The Daily Lamp.\nThe Daily Lamp, No. 12, March 3, 1901\n', ctx);
    expect(out.meta.titles).toEqual(['The Daily Lamp', 'Harbour Gazette']);
    expect(ctx.items).toEqual([expect.objectContaining({ rule: 'suggest-titles', kind: 'doubt', line: 3 })]);
    // how often each stands in the running text, so that a name that is also a word can be seen
    expect(ctx.items[0].message).toContain('The Daily Lamp: 0 in the text, Harbour Gazette: 0 in the text');
    const longer = suggestTitles({ ...book, files: [...book.files, { name: '03-c.md', markdown: '# D\n\nThe Daily Lamp said so.\n\n::: source\nFirst published in The Daily Lamp, No. 40, 1930\n:::\n' }] }, '', createImportContext('x'));
    expect(longer.meta.titles).toEqual(['The Daily Lamp', 'Harbour Gazette']);
    const none = suggestTitles({ ...book, files: [{ name: '01-a.md', markdown: '# A\n\nText.\n' }] }, 'A\nText.\n', createImportContext('x'));
    expect(none.meta.titles).toBeUndefined();
  });
});
