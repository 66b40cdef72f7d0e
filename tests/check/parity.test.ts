/**
 * The parity check on fixtures: a small book and a plain PDF of it (pdf-lib, read back by pdftotext),
 * laid out right, then broken the ways a layout breaks: a page printed twice, a line lost, two notes
 * swapped, a word lost. Each must be an error that names the PDF page and quotes the words.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignWords } from '../../src/check/align-words.js';
import { bookText } from '../../src/check/book-words.js';
import { readBodyDocument } from '../../src/check/epub-words.js';
import { checkEpubHeadings, checkPdfParity, compareWords } from '../../src/check/parity.js';
import { Diagnostics, formatDiagnostic } from '../../src/diagnostics.js';
import { parseBook } from '../../src/model/parse-book.js';
import { makePlainPdf, type PlainPage } from '../helpers/plain-pdf.js';
import { SAMPLE_BOOK } from '../helpers/books.js';

const CHAPTER = `# The Chapter

The first paragraph opens the chapter and runs on for a while, so that it fills more than one line of the
page; it carries a note here.[^a] Then it goes on to its end.

A second paragraph talks of organisation and of other things, and it ends on this page.

## A Section

The section's paragraph starts at the foot of one page and runs over the turn, with a second note[^b] on the
next page, and a third[^c] after it, and some last words.

[^a]: The first note, which says where this came from.
[^b]: The second note, short.
[^c]: The third note, also short.
`;

const book = parseBook(
  { slug: 'parity', dir: '/nonexistent', displayDir: 'content/parity', bookYaml: readFileSync(join(SAMPLE_BOOK, 'book.yaml'), 'utf8').replace(/files:[\s\S]*$/, 'files: [01-chapter.md]\n'), markdown: new Map([['01-chapter.md', CHAPTER]]) },
  new Diagnostics(),
);

/** The book as it should print: hyphenated breaks, calls raised, notes at the foot of their pages. */
const GOOD: PlainPage[] = [
  { head: ['iii', 'Contents'], lines: ['The Chapter 1', 'A Section 2'] },
  {
    heading: 'The Chapter',
    lines: [
      'The first paragraph opens the chapter and runs on for a',
      'while, so that it fills more than one line of the page; it',
      'carries a note here.^1 Then it goes on to its end.',
      'A second paragraph talks of organi-',
      'sation and of other things, and it ends on this page.',
    ],
    notes: ['1 The first note, which says where this came from.'],
    footFolio: '1',
  },
  {
    head: ['2', 'Two Small Works'],
    lines: ['A Section', "The section's paragraph starts at the foot of one page and", 'runs over the turn, with a sec-'],
  },
  {
    head: ['The Chapter', '3'],
    lines: ['ond note^2 on the next page, and a third^3 after it, and', 'some last words.'],
    notes: ['2 The second note, short.', '3 The third note, also short.'],
  },
];

const dir = mkdtempSync(join(tmpdir(), 'galley-parity-'));
async function check(pages: PlainPage[], name: string) {
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, await makePlainPdf(pages));
  const result = await checkPdfParity(path, book, `${name}.pdf`);
  return { ...result, messages: result.diagnostics.map(formatDiagnostic) };
}

describe('parity check (PDF against the book)', () => {
  it('a PDF that prints the book right passes: every word once and in order, heads, folios and front matter aside', async () => {
    const r = await check(GOOD, 'good');
    expect(r.messages).toEqual([]);
    expect(r.text.words).toBe(bookText(book).body.length);
    expect(r.text.outputWords).toBe(r.text.words);
    expect(r.notes.outputWords).toBe(bookText(book).notes.length);
  });

  it('a page printed twice is a parity-duplicated error naming both pages and quoting the words', async () => {
    const pages = [GOOD[0], GOOD[1], GOOD[2], { ...GOOD[2], head: ['The Chapter', '3'] as [string, string] }, { ...GOOD[3], head: ['4', 'Two Small Works'] as [string, string] }];
    const r = await check(pages, 'twice');
    expect(r.messages.filter((m) => m.includes('[parity-duplicated]'))).toEqual([
      // the copy's last word, broken at the foot ("sec-"), joins the first word of the page after it
      'content/parity/01-chapter.md:8 error PDF text: 19 word(s) printed twice, at PDF p. 3 to p. 4 (also at PDF p. 3): "secA Section The section\'s paragraph starts … runs over the turn, with a" [parity-duplicated]',
    ]);
    expect(r.messages).toHaveLength(1);
    expect(r.text.duplicated).toBe(19);
  });

  it('a lost line is a parity-lost error naming the page where the words should stand', async () => {
    const pages = GOOD.map((p, i) => (i === 1 ? { ...p, lines: p.lines.filter((_, k) => k !== 1) } : p));
    const r = await check(pages, 'lost-line');
    expect(r.messages).toEqual([
      'content/parity/01-chapter.md:3 error PDF text: 13 word(s) of the book missing before "carries" at PDF p. 2: "while, so that it fills more … one line of the page; it" [parity-lost]',
    ]);
    expect(r.text.lost).toBe(13);
  });

  it('two notes swapped at the foot of a page are a parity-moved error', async () => {
    const pages = GOOD.map((p, i) => (i === 3 ? { ...p, notes: [p.notes![1], p.notes![0]] } : p));
    const r = await check(pages, 'swapped');
    expect(r.messages).toEqual([
      'content/parity/01-chapter.md:14 error PDF notes: 5 word(s) stand out of order at PDF p. 4: "2 The second note, short." (the book has them before "3" at PDF p. 4) [parity-moved]',
    ]);
    expect(r.notes.moved).toBe(5);
  });

  it('a note printed on two pages is a duplicated note; a lost word and a changed word are errors too', async () => {
    const twice = GOOD.map((p, i) => (i === 3 ? { ...p, notes: [GOOD[1].notes![0], ...p.notes!] } : p));
    expect((await check(twice, 'note-twice')).messages).toEqual([
      'content/parity/01-chapter.md:13 error PDF notes: 10 word(s) printed twice, at PDF p. 4 (also at PDF p. 2): "1 The first note, which says where this came from." [parity-duplicated]',
    ]);
    const changed = GOOD.map((p, i) => (i === 1 ? { ...p, lines: p.lines.map((l) => l.replace('opens the', 'opens')) } : p));
    expect((await check(changed, 'word-lost')).messages).toEqual(['content/parity/01-chapter.md:3 error PDF text: 1 word(s) of the book missing before "chapter" at PDF p. 2: "the" [parity-lost]']);
    const misread = GOOD.map((p, i) => (i === 1 ? { ...p, lines: p.lines.map((l) => l.replace('A second', 'A secnod')) } : p));
    expect((await check(misread, 'word-changed')).messages).toEqual(['content/parity/01-chapter.md:6 error PDF text: "second" reads as "secnod" at PDF p. 2 [parity-changed]']);
  });
});

describe('alignWords', () => {
  it('finds the one inserted copy of a long repeated run and nothing else', () => {
    const text = Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 5003);
    const copy = [...text.slice(0, 12_000), ...text.slice(11_000, 12_000), ...text.slice(12_000)];
    const runs = alignWords(text, copy).filter((r) => r.kind !== 'equal');
    expect(runs).toHaveLength(1);
    expect(runs[0].kind).toBe('insert');
    expect(runs[0].bEnd - runs[0].bStart).toBe(1000);
  });
});

describe('parity check (EPUB documents against the book)', () => {
  const xhtml = (body: string, notes: string) => `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body epub:type="bodymatter"><section class="chapter" epub:type="chapter">
${body}
<section class="footnotes" epub:type="footnotes">${notes}</section></section></body></html>`;
  const note = (n: number, text: string) => `<aside class="footnote" epub:type="footnote" id="n${n}"><p class="note-label"><a role="doc-backlink" href="#r${n}">${n}</a></p><p>${text}</p></aside>`;
  const call = (n: number) => `<a class="noteref" epub:type="noteref" href="#n${n}">${n}</a>`;
  const BODY = `<h1>The Chapter</h1><p>The first paragraph opens the chapter and runs on for a while, so that it fills more than one line of the page; it carries a note here.${call(1)} Then it goes on to its <em>end</em>.</p>
<p>A second paragraph talks of organisation and of other things, and it ends on this page.</p>
<h2>A Section</h2><p>The section&#8217;s paragraph starts at the foot of one page and runs over the turn, with a second note${call(2)} on the next page, and a third${call(3)} after it, and some last words.</p>`;
  const NOTES = [note(1, 'The first note, which says where this came from.'), note(2, 'The second note, short.'), note(3, 'The third note, also short.')];
  const compare = (body: string, notes: string[]) => {
    const doc = readBodyDocument(xhtml(body, notes.join('\n')), '001-chapter.xhtml');
    const expected = bookText(book);
    const label = (w: { key: string; raw: string; doc: string }) => ({ ...w, where: `EPUB ${w.doc}` });
    return [
      ...compareWords(expected.body, doc.body.map(label), 'text', 'EPUB', 'x.epub').diagnostics,
      ...compareWords(expected.notes, doc.notes.map(label), 'notes', 'EPUB', 'x.epub').diagnostics,
      ...checkEpubHeadings(expected.headings, doc.headings, 'x.epub').diagnostics,
    ].map(formatDiagnostic);
  };

  it('the right document passes; a paragraph twice, a lost paragraph, swapped notes and a lost heading fail', () => {
    expect(compare(BODY, NOTES)).toEqual([]);
    const second = /<p>A second[^]*?<\/p>/.exec(BODY)![0];
    expect(compare(BODY.replace(second, second + second), NOTES)).toEqual([
      // 16, not 17: "A" aligns with the second copy's first word (either copy may be the one counted twice)
      'content/parity/01-chapter.md:6 error EPUB text: 16 word(s) printed twice, at EPUB 001-chapter.xhtml (also at EPUB 001-chapter.xhtml): "second paragraph talks of organisation and … it ends on this page. A" [parity-duplicated]',
    ]);
    expect(compare(BODY.replace(second, ''), NOTES)).toEqual([
      'content/parity/01-chapter.md:6 error EPUB text: 16 word(s) of the book missing before "Section" at EPUB 001-chapter.xhtml: "second paragraph talks of organisation and … it ends on this page. A" [parity-lost]',
    ]);
    expect(compare(BODY, [NOTES[0], NOTES[2], NOTES[1]])).toEqual([
      'content/parity/01-chapter.md:14 error EPUB notes: 5 word(s) stand out of order at EPUB 001-chapter.xhtml: "2 The second note, short." (the book has them before "3" at EPUB 001-chapter.xhtml) [parity-moved]',
    ]);
    expect(compare(BODY.replace('<h2>A Section</h2>', '<p>A Section</p>'), NOTES)).toEqual([
      'content/parity/01-chapter.md:8 error EPUB: heading "A Section" is not among the EPUB\'s headings in its place [parity-heading]',
    ]);
  });
});
