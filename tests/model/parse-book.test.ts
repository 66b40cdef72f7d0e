import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { parseChapter } from '../../src/model/parse-chapter.js';
import { buildToc } from '../../src/transform/build-toc.js';
import { loadBook, SAMPLE_BOOK } from '../helpers/books.js';

function parse(text: string, used = new Set<string>()) {
  const diagnostics = new Diagnostics();
  const chapter = parseChapter({ file: '03-theory.md', displayPath: 'content/b/03-theory.md', text }, used, diagnostics);
  return { chapter, diagnostics };
}

describe('parseChapter', () => {
  it('numbers notes in order of first reference and counts references', () => {
    const { chapter } = parse('# T\n\nA[^b] B[^a] C[^b].\n\n[^a]: Note a.\n\n[^b]: Note b.\n');
    expect(chapter.notes.map((n) => [n.number, n.label, n.refCount])).toEqual([
      [1, 'b', 2],
      [2, 'a', 1],
    ]);
  });

  it('warns, with file and line, about a note never referenced and a reference without note', () => {
    const { diagnostics } = parse('# T\n\nText[^x].\n\n[^1]: Orphan.\n');
    expect(diagnostics.items.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(['content/b/03-theory.md:5 note-unused', 'content/b/03-theory.md:3 note-missing']);
  });

  it('makes heading ids unique across the book and honours explicit ids', () => {
    const used = new Set<string>();
    const a = parse('# Notes\n\n## Notes\n', used).chapter;
    const b = parse('# Notes {#the-notes}\n\n# Notes\n', used).chapter;
    expect([...a.headings, ...b.headings].map((h) => h.id)).toEqual(['notes', 'notes-2', 'the-notes', 'notes-3']);
    expect(b.headings[0].text).toBe('Notes');
  });

  it('reads page markers and front matter, keeping line numbers true', () => {
    const { chapter, diagnostics } = parse('---\nsources:\n  - title: Pravda\n---\n# T\n\nOne {{page 12}}two.\n\nThree[^z].\n');
    expect(chapter.pages).toEqual([{ page: '12', id: 'page-12' }]);
    expect(chapter.work.sources?.[0].title).toBe('Pravda');
    expect(diagnostics.items[0].line).toBe(9);
    expect(chapter.headings[0].line).toBe(5);
  });
});

describe('buildToc', () => {
  it('nests work › part › section', () => {
    const { book } = loadBook(SAMPLE_BOOK);
    const toc = buildToc(book);
    expect(toc.map((e) => e.text)).toEqual(['For the Party', 'A Letter to Huysmans']);
    expect(toc[1].children[0].text).toBe('I');
    expect(toc[1].children[0].children[0].text).toBe('The Conference');
  });
});

describe('front matter without ajv', () => {
  it('a chapter without front matter ({}) is valid against the work schema, so parseBook need not ask ajv', async () => {
    const { validatorFor } = await import('../../src/config/validate-yaml.js');
    const { workSchema } = await import('../../src/config/book-schema.js');
    expect(validatorFor(workSchema)({})).toBe(true);
  });
});
