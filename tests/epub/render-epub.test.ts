import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderEpub } from '../../src/render/epub/render-epub.js';
import { loadBook, project, SAMPLE_BOOK } from '../helpers/books.js';

const options = { galleyVersion: '0.0.0-test', revision: '2026-01-02', cover: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]) };

describe('renderEpub on the sample book', () => {
  let bytes: Buffer;
  let zip: JSZip;
  const text = (path: string) => zip.file(`OEBPS/${path}`)!.async('string');

  beforeAll(async () => {
    const { book } = loadBook(SAMPLE_BOOK);
    bytes = await renderEpub(book, project(), options);
    zip = await JSZip.loadAsync(bytes);
  });

  it('starts with an uncompressed mimetype entry', () => {
    expect(bytes.subarray(30, 38).toString()).toBe('mimetype');
    expect(bytes.subarray(38, 58).toString()).toBe('application/epub+zip');
  });

  it('writes the metadata of book.yaml, not the library defaults', async () => {
    const opf = await text('content.opf');
    expect(opf).toContain('<dc:identifier id="uid">urn:uuid:6f1c2a1e-4b7d-4c55-9a8e-2f3d9b0c1a77</dc:identifier>');
    expect(opf).toContain('<dc:language>en</dc:language>');
    expect(opf).toMatch(/<dc:creator id="creator-1">J\.\u00a0V\.\u00a0Stalin<\/dc:creator>\s*<meta refines="#creator-1" property="role" scheme="marc:relators">aut<\/meta>/);
    expect(opf).toMatch(/<dc:contributor id="creator-2">A\.\u00a0N\.\u00a0Other<\/dc:contributor>\s*<meta refines="#creator-2" property="role" scheme="marc:relators">trl<\/meta>/);
    expect(opf).toContain('<dc:rights>This edition is in the public domain.');
    expect(opf).not.toMatch(/all rights reserved/i);
    expect(opf).toContain('<meta property="dcterms:modified">2026-01-02T00:00:00Z</meta>');
    expect(opf).toContain('<meta property="schema:accessibilityHazard">none</meta>');
    expect(opf).toContain('<meta property="schema:accessibilityFeature">pageNavigation</meta>');
  });

  it('nests the navigation like the headings, in nav and NCX', async () => {
    const nav = await text('nav.xhtml');
    // work › part › section
    expect(nav).toMatch(/A Letter to Huysmans<\/a>\s*<ol>\s*<li><a href="[^"]+#i">I<\/a>\s*<ol>\s*<li><a href="[^"]+#the-conference">The Conference<\/a>/);
    expect(nav).toContain('epub:type="landmarks"');
    expect(nav).toMatch(/epub:type="page-list"[\s\S]*>2<\/a>[\s\S]*>3<\/a>/);
    const ncx = await text('toc.ncx');
    expect(ncx).toMatch(/<navPoint id="navpoint-\d+" playOrder="\d+"><navLabel><text>I<\/text><\/navLabel><content src="[^"]+#i"\/>\s*<navPoint[^>]*><navLabel><text>The Conference/);
  });

  it('links every note reference to its note and back', async () => {
    const chapter = await text('001-first-work.xhtml');
    // the number raised by <sup> itself, so that without the book's CSS it does not run into the word
    const refs = [...chapter.matchAll(/<a class="noteref"[^>]* id="([^"]+)" href="#([^"]+)"><sup>(\d+)<\/sup><\/a>/g)];
    expect(refs.map((m) => m[3])).toEqual(['1', '2', '1']); // [^2] first, then [^1], then [^2] again
    for (const [, refId, noteId] of refs) {
      expect(chapter).toContain(`<aside class="footnote" epub:type="footnote" role="doc-footnote" id="${noteId}">`);
      expect(chapter).toContain(`href="#${refId}"`);
    }
    expect(chapter).toContain('Sixth All-Russian Party Conference');
  });

  it('marks original page numbers and semantic blocks', async () => {
    const chapter = await text('001-first-work.xhtml');
    expect(chapter).toContain('<span epub:type="pagebreak" role="doc-pagebreak" id="page-2" aria-label="2"></span>');
    expect(chapter).toContain('<footer class="signature">');
    const second = await text('002-second-work.xhtml');
    // a letter: salutation, body, signature in the z3998 vocabulary Standard Ebooks uses
    expect(second).toMatch(/<div class="letter" epub:type="z3998:letter">\s*<p class="salutation" epub:type="z3998:salutation">Dear Comrade,<\/p>/);
    expect(second).toMatch(/<footer class="signature">\s*<p epub:type="z3998:signature">N\. Lenin<\/p>\s*<\/footer>\s*<\/div>/);
    // the work's subtitle in the heading's <hgroup>
    expect(second).toMatch(/<hgroup>\s*<h1 id="[^"]+">A Letter to Huysmans<\/h1>\s*<h2 class="subtitle" epub:type="subtitle" role="doc-subtitle">Secretary of the International Socialist Bureau<\/h2>\s*<\/hgroup>/);
    expect(second).toMatch(/<div class="chronicle">\s*<dl>\s*<dt>January 9<\/dt>/);
  });

  it('generates title, attribution and colophon pages from book.yaml', async () => {
    const imprint = await text('imprint.xhtml');
    expect(imprint).toContain('Works, Vol.\u00a02, 1907–1913</cite>, Foreign Languages Publishing House, Moscow, 1954');
    expect(imprint).toContain('Source: Marxists Internet Archive');
    expect(imprint).toContain('Salil Sen for MIA, 2008');
    const colophon = await text('colophon.xhtml');
    expect(colophon).toContain('galley 0.0.0-test');
    expect(colophon).toContain('2026-01-02');
    expect(await text('titlepage.xhtml')).toContain('Translated by A.\u00a0N.\u00a0Other');
  });

  it('is reproducible: the same content gives the same bytes', async () => {
    const { book } = loadBook(SAMPLE_BOOK);
    const again = await renderEpub(book, project(), options);
    expect(Buffer.compare(again, bytes)).toBe(0);
  });
});

describe('EPUB typography and semantics', () => {
  it('binds initials, abbreviations and references with non-breaking spaces', async () => {
    const { bindSpaces } = await import('../../src/transform/bind-spaces.js');
    expect(bindSpaces('J. V. Stalin')).toBe('J.\u00a0V.\u00a0Stalin');
    expect(bindSpaces('Thirteenth Conference of the R.C.P. (B.)')).toBe('Thirteenth Conference of the R.C.P.\u00a0(B.)');
    expect(bindSpaces('Works, Vol. 6, No. 20, p. 51')).toBe('Works, Vol.\u00a06, No.\u00a020, p.\u00a051');
    // spaces elsewhere stay breakable
    expect(bindSpaces('the Party, in 1924. Then we went')).toBe('the Party, in 1924. Then we went');
  });

  it('marks dates in datelines with <time>, joins words to em dashes, and leaves ranges as text', async () => {
    const { markDates, joinDashes } = await import('../../src/render/epub/render-chapter-xhtml.js');
    expect(markDates('January 9, 1924')).toBe('<time datetime="1924-01-09">January 9, 1924</time>');
    expect(markDates('Moscow, March 1912')).toBe('Moscow, <time datetime="1912-03">March 1912</time>');
    expect(markDates('January 16–18, 1924')).toBe('January 16–18, 1924');
    expect(joinDashes('class—trade unions — and —J. St.')).toBe('class\u2060—trade unions — and —J. St.');
  });
});

describe('EPUB parity reads the new markup', () => {
  it('takes a subtitle in <hgroup> for the subtitle block, not a heading', async () => {
    const { readBodyDocument } = await import('../../src/check/epub-words.js');
    const doc = readBodyDocument(
      '<body><hgroup><h1 id="a">To the Army</h1><h2 class="subtitle" epub:type="subtitle" role="doc-subtitle">Greetings</h2></hgroup><p>Men of the army\u2060—comrades!</p></body>',
      'x.xhtml',
    );
    expect(doc.headings.map((h) => h.text)).toEqual(['To the Army']);
    expect(doc.body.map((w) => w.raw).join(' ')).toContain('Greetings');
  });
});

describe('the characters a font subset keeps', () => {
  it('are those of the texts as for…of reads them (pairs beyond the BMP whole, a lone surrogate itself), with printable ASCII, sorted', async () => {
    const { charactersOf } = await import('../../src/render/epub/subset-fonts.js');
    const texts = ['Ленин — «Правда»', 'ﬁ ligature, ‘quotes’ …', 'math 𝔄𝔅 and 😀', 'lone \ud800 high, lone \udc00 low, end \ud83d', ''];
    const simple = new Set<string>(Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)));
    for (const t of texts) for (const ch of t) simple.add(ch);
    expect(charactersOf(texts)).toBe([...simple].sort().join(''));
    expect(charactersOf(texts)).toContain('𝔄');
  });
});
