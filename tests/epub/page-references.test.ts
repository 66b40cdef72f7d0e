/** References to this volume's pages ("see this volume, p. 103") link to the source page's marker in the EPUB. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderEpubFiles } from '../../src/render/epub/render-epub.js';
import { linkPageReferences } from '../../src/render/epub/render-chapter-xhtml.js';
import { toEpubView } from '../../src/render/epub/to-epub-view.js';
import { stringsFor } from '../../src/i18n/index.js';
import { loadBook, project, ROOT } from '../helpers/books.js';

mkdirSync(join(ROOT, '.cache'), { recursive: true });
const dir = mkdtempSync(join(ROOT, '.cache', 'page-refs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function book(language: string, one: string, two: string) {
  const b = join(dir, `book-${language}`);
  mkdirSync(b, { recursive: true });
  writeFileSync(join(b, '01-one.md'), one);
  writeFileSync(join(b, '02-two.md'), two);
  writeFileSync(
    join(b, 'book.yaml'),
    ['identifier: urn:uuid:7a0c2a4e-1b1d-4c55-8f0e-3e9a0b7c6d21', 'title: Page References', `language: ${language}`, 'creators:', '  - name: A. Tester', '    role: author', 'description: Two works that refer to each other’s pages.', 'rights: Public domain.', 'sources:', '  - title: Generated for the test', 'files:', '  - 01-one.md', '  - 02-two.md', ''].join('\n'),
  );
  const { book: parsed } = loadBook(b);
  const files = renderEpubFiles(toEpubView(parsed, project(), { galleyVersion: '0.0.0-test', revision: '2026-01-02' }), new Uint8Array());
  return (name: string) => String(files.find((f) => f.path.endsWith(name))!.data);
}

describe('references to pages of this volume', () => {
  it('link the first page number to its marker, in the text and in the notes, across files', () => {
    const file = book(
      'en',
      '# One\n\nAs was said (see this volume, pp. 5–7), the work goes on; on p. 5 of another book, nothing.[^1]\n\n[^1]: See this volume, p. 6.—Ed. And this volume, p. 9, which the book does not have.\n',
      '# Two\n\n{{page 5}}A first page of the second work.\n\n{{page 6}}A second page of it.\n',
    );
    const one = file('01-one.xhtml');
    expect(one).toContain('see this volume, pp. <a href="002-two.xhtml#page-5">5</a>–7)');
    expect(one).toContain('this volume, p. <a href="002-two.xhtml#page-6">6</a>.');
    // a page without a marker, and a page of another book, stay text
    expect(one).toContain('this volume, p. 9,');
    expect(one).toContain('on p. 5 of another book');
    expect(one.match(/href="002-two/g)).toHaveLength(2);
  });

  it('in the words of the book’s language', () => {
    const hrefs = new Map([['12', 'a.xhtml#page-12']]);
    expect(linkPageReferences('see this volume, p. 120', stringsFor('en').samePageReference, hrefs)).toBe('see this volume, p. 120');
    expect(linkPageReferences('voir ce volume, p. 12.', stringsFor('fr').samePageReference, hrefs)).toBe('voir ce volume, p. <a href="a.xhtml#page-12">12</a>.');
    expect(linkPageReferences('siehe diesen Band, S. 12', stringsFor('de').samePageReference, hrefs)).toBe('siehe diesen Band, S. <a href="a.xhtml#page-12">12</a>');
    expect(linkPageReferences('vgl. dieses Bandes, S. 12', stringsFor('de').samePageReference, hrefs)).toBe('vgl. dieses Bandes, S. <a href="a.xhtml#page-12">12</a>');
    expect(linkPageReferences('см. настоящий том, стр. 12', stringsFor('ru').samePageReference, hrefs)).toBe('см. настоящий том, стр. <a href="a.xhtml#page-12">12</a>');
    expect(linkPageReferences('véase este volumen, pág. 12', stringsFor('es').samePageReference, hrefs)).toBe('véase este volumen, pág. <a href="a.xhtml#page-12">12</a>');
  });
});
