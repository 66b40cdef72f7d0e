/**
 * Titles of books and periodicals (book.yaml titles:, issue 11) are set as <cite> wherever the running text
 * names them, in the EPUB and in the print HTML; headings, emphasis and source lines are left alone. Read back
 * from the rendered markup, and from a built EPUB by unzip (the XHTML epubcheck validates elsewhere).
 */
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { parseChapter } from '../../src/model/parse-chapter.js';
import { parseBookMeta } from '../../src/model/parse-book.js';
import { renderChapterXhtml } from '../../src/render/epub/render-chapter-xhtml.js';
import { renderChapterHtml } from '../../src/render/print/render-chapter-html.js';
import { titlePattern } from '../../src/transform/cite-titles.js';

const TEXT = [
  '# On Pravda',
  '',
  'Pravda printed it; the Pravdas of the provinces did not, nor did pravda in lower case.',
  'Lenin, in Two Tactics of Social-Democracy, and again in Two Tactics, said so[^1].',
  '',
  'Already *Pravda* in italics stays as it is.',
  '',
  '::: source',
  'Pravda, No. 23, January 30, 1924',
  ':::',
  '',
  '[^1]: See Pravda, No. 5.',
  '',
].join('\n');

function chapter(titles?: string[]) {
  const diagnostics = new Diagnostics();
  const c = parseChapter({ file: '01-on-pravda.md', displayPath: 'content/b/01-on-pravda.md', text: TEXT, language: 'en', titles }, new Set(), diagnostics);
  expect(diagnostics.items).toEqual([]);
  return c;
}

const count = (html: string, s: string) => html.split(s).length - 1;

describe('titles set as <cite>', () => {
  it('in the EPUB: whole words and case, the longest title first; not in headings, emphasis or source lines', () => {
    const rendered = renderChapterXhtml(chapter(['Pravda', 'Two Tactics', 'Two Tactics of Social-Democracy']));
    const body = rendered.body;
    expect(body).toContain('<p><cite>Pravda</cite> printed it; the Pravdas of the provinces did not, nor did pravda in lower case.');
    expect(body).toContain('in <cite>Two Tactics of Social-Democracy</cite>, and again in <cite>Two Tactics</cite>, said so');
    expect(body).toContain('<em>Pravda</em> in italics');
    expect(body).not.toContain('<em><cite>');
    expect(body).toMatch(/<h1[^>]*>On Pravda<\/h1>/);
    // the source line is a citation already
    expect(count(body, '<cite>Pravda</cite>')).toBe(1);
    expect(rendered.notes[0].html).toContain('See <cite>Pravda</cite>, No.');
  });

  it('in the print HTML the same', () => {
    const html = renderChapterHtml(chapter(['Pravda', 'Two Tactics']), 'en');
    expect(html.replace(/\u00ad/g, '')).toContain('<cite>Two Tactics</cite> of Social-Democracy');
    expect(count(html, '<cite>Pravda</cite>')).toBeGreaterThanOrEqual(1);
  });

  it('no list, no change: the text renders as it did', () => {
    expect(renderChapterXhtml(chapter()).body).toBe(renderChapterXhtml(chapter([])).body);
    expect(renderChapterXhtml(chapter()).body).not.toContain('<cite>Pravda</cite> printed');
  });

  it('a title matches across a no-break space; regular-expression characters in a title are literal', () => {
    const p = titlePattern(['What Is To Be Done?', 'Two Tactics'])!;
    expect('Two\u00a0Tactics'.match(p)?.[0]).toBe('Two\u00a0Tactics');
    expect('in What Is To Be Done? he'.match(p)?.[0]).toBe('What Is To Be Done?');
    expect('What Is To Be Done'.match(p)).toBeNull();
    expect(titlePattern([' ', ''])).toBeUndefined();
    // not inside a compound
    expect('the Two Tactics-ists'.match(p)).toBeNull();
    expect('Two Tactics—and'.match(p)?.[0]).toBe('Two Tactics');
  });

  it('book.yaml titles: must be a list of texts, with the line of the bad entry', () => {
    const yaml = (titles: string) => `identifier: urn:uuid:6f1c0a52-3b8e-4d0e-9a57-1c2d3e4f5a6b\ntitle: T\nlanguage: en\ncreators:\n  - name: A\n    role: author\ndescription: D\nsources: []\ntitles: ${titles}\n`;
    expect(parseBookMeta(yaml('[Pravda, Izvestia]'), 'content/b/book.yaml').titles).toEqual(['Pravda', 'Izvestia']);
    expect(() => parseBookMeta(yaml('Pravda'), 'content/b/book.yaml')).toThrow(/titles/);
    expect(() => parseBookMeta(yaml('[Pravda, ""]'), 'content/b/book.yaml')).toThrow(expect.objectContaining({ line: 9, message: expect.stringMatching(/^\/titles\/1 must be a text/) }));
  });
});
