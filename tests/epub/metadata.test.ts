/**
 * The metadata a store and a reader want, as the books in content/ give it: the first-publication sentence
 * (a work, or the works of a volume and the volume), the rights (book, press, or the default scoped to the
 * United States), the series, transcribers with their MARC role, and an accessibility summary that says only
 * what the book has.
 */
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderEpub } from '../../src/render/epub/render-epub.js';
import { buildApparatus, DEFAULT_RIGHTS } from '../../src/transform/build-apparatus.js';
import { loadBook, project, ROOT } from '../helpers/books.js';

const options = { galleyVersion: '0.0.0-test', revision: '2026-01-02', cover: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]) };
const book = (slug: string) => loadBook(join(ROOT, 'content', slug)).book;

describe('apparatus facts', () => {
  it('a volume of works says when the works and when the volume were first published', () => {
    const a = buildApparatus(book('works-volume-6'), project(), options);
    expect(a.publicationLine).toBe('The works collected in Works, Vol. 6, by J. V. Stalin, were first published in 1924; the volume was first published in 1953.');
  });

  it('a single work gives its date with the right preposition', () => {
    expect(buildApparatus(book('letter-to-huysmans'), project(), options).publicationLine).toMatch(/, by V\. I\. Lenin, was first published on April 12, 1912\.$/);
    expect(buildApparatus(book('for-the-party'), project(), options).publicationLine).toBe('For the Party, by J. V. Stalin, was first published in March 1912.');
  });

  it('rights: the book’s own, else the press’s, else the statement scoped to the United States', () => {
    const b = book('for-the-party');
    expect(buildApparatus(b, project(), options).rights).toBe(DEFAULT_RIGHTS);
    expect(DEFAULT_RIGHTS).toMatch(/public domain in the United States[\s\S]*other countries/);
    const press = { ...project(), imprint: { ...project().imprint, rights: 'Press rights.' } };
    expect(buildApparatus(b, press, options).rights).toBe('Press rights.');
    expect(buildApparatus({ ...b, meta: { ...b.meta, rights: 'Own rights.' } }, press, options).rights).toBe('Own rights.');
  });
});

describe('OPF metadata', () => {
  async function opf(slug: string): Promise<string> {
    const zip = await JSZip.loadAsync(await renderEpub(book(slug), project(), options));
    return zip.file('OEBPS/content.opf')!.async('string');
  }

  it('Vol. 6: series and position, subjects, British English, the page source, a truthful summary', async () => {
    const x = await opf('works-volume-6');
    expect(x).toMatch(/<meta property="belongs-to-collection" id="collection-1">Works<\/meta>\s*<meta refines="#collection-1" property="collection-type">series<\/meta>\s*<meta refines="#collection-1" property="group-position">6<\/meta>/);
    expect(x).toContain('<dc:language>en-GB</dc:language>');
    expect(x).toContain('<dc:subject>Leninism</dc:subject>');
    expect(x).toContain('<meta refines="#source-0" property="source-of">pagination</meta>');
    expect(x).toContain('<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>');
    expect(x).not.toContain('accessibility-20170105');
    const pages = book('works-volume-6').chapters.reduce((n, c) => n + c.pages.length, 0);
    expect(x).toContain(`markers for the ${pages} pages of the printed source that the text records`);
    // no images: no claim of alternative text
    expect(x).not.toContain('alternativeText');
    expect(x).not.toMatch(/<dc:description>[^<]*'/);
  });

  it('transcribers are contributors with the MARC role trc', async () => {
    const x = await opf('letter-to-huysmans');
    expect(x).toMatch(/<dc:contributor id="(creator-\d)">R\.\u00a0Cymbala<\/dc:contributor>\s*<meta refines="#\1" property="role" scheme="marc:relators">trc<\/meta>/);
  });
});
