/**
 * The PDF checks on page texts shaped like `pdftotext -layout` output, so each rule is shown to pass a
 * right book and to fail a wrong one (the browser tests in print-pdf.test.ts run them on real PDFs).
 */
import { describe, expect, it } from 'vitest';
import { checkContents, checkEmptyPages, checkFonts, checkMetadata, checkNotes, checkRunningHeads, hasHeading, readFolios } from '../../src/check/pdf.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { parseChapter } from '../../src/model/parse-chapter.js';
import { markNotes } from '../../src/transform/mark-notes.js';
import { loadBook, SAMPLE_BOOK } from '../helpers/books.js';

const { book } = loadBook(SAMPLE_BOOK);

const CONTENTS = `                     Contents

For the Party                                   1
   The Local Organisations                      1
A Letter to Huysmans                            3
   I                                            3


                          v`;

const WORK_1 = `                  For the Party

                                                March 1912
In­ter­est in po­lit­i­cal life is re­viv­ing. The gen­er­al Party con­fer­ence which took place re­cent­ly1 is
a clear symp­tom of the Party’s re­gen­er­a­tion. It must in­evitably de­vel­op into open mass ac­tion.2

             The Local Organisations
First of all, the local party or­gan­i­sa­tions must be strength­ened.

1 The leaflet re­ferred to the Sixth All-Russ­ian Party Con­fer­ence that was held in Prague
on Jan­u­ary 5–17 (18–30), 1912.
2 The leaflet head­ed “For the Party!” was writ­ten by J. V. Stal­in at the be­gin­ning of
March 1912.

                         1`;

const WORK_2 = `             A Letter to Huysmans
   Dear Com­rade,
   In con­nec­tion with the res­o­lu­tion adopt­ed by a num­ber of groups abroad, I state the fol­low­ing.1
                            I
While for sev­er­al years it was im­pos­si­ble to con­vene a con­fer­ence.

1 Lenin’s let­ter was sent to all so­cial­ist par­ties on April 12 (N. S.), 1912.

                         3`;

const RUNNING = `4                     Two Small Works
the text goes on here, and on.`;

function book_pages(): string[] {
  return ['Two Small Works', '', 'J. V. Stalin\nTwo Small Works', 'About This Edition', CONTENTS, '', WORK_1, '', WORK_2];
}

describe('readFolios', () => {
  it('reads folios from running heads, chapter-opening feet and roman front-matter feet', () => {
    expect(readFolios([CONTENTS, WORK_1, RUNNING, '12   Two Small Works', '   A Letter to Huysmans           7', ''])).toEqual(['v', '1', '4', '12', '7', undefined]);
  });
});

describe('checkContents', () => {
  it('passes contents whose numbers are the folios of the headings', () => {
    const pages = book_pages();
    expect(checkContents(pages, readFolios(pages), book, 'x.pdf')).toEqual([]);
  });

  it('reports a number that is not the page of the heading', () => {
    const pages = book_pages();
    pages[4] = CONTENTS.replace('A Letter to Huysmans                            3', 'A Letter to Huysmans                            1');
    const codes = checkContents(pages, readFolios(pages), book, 'x.pdf');
    expect(codes.map((d) => d.code)).toEqual(['pdf-contents-page']);
    expect(codes[0].message).toContain('"A Letter to Huysmans"');
    expect(codes[0].message).toContain('stands on page 3');
  });

  it('reports an entry missing from the contents, and missing contents', () => {
    const pages = book_pages();
    pages[4] = CONTENTS.replace(/ {3}The Local Organisations {2,}1\n/, '');
    expect(checkContents(pages, readFolios(pages), book, 'x.pdf').map((d) => d.code)).toEqual(['pdf-contents-missing']);
    const none = book_pages().filter((_, i) => i !== 4);
    expect(checkContents(none, readFolios(none), book, 'x.pdf').map((d) => d.code)).toEqual(['pdf-contents-missing']);
  });
});

describe('hasHeading', () => {
  it('finds a subheading set on four lines, and not one whose last line differs', () => {
    const heading = '3. Strengthening of the Revolutionary Elements in the European Labour Movement. Growth of the International Popularity of the Soviet Union';
    const page = 'Running head   241\n3. Strengthening of the Revolutionary\nElements in the European Labour\nMovement. Growth of the International\nPopularity of the Soviet Union\nOne of the surest signs';
    expect(hasHeading(page, heading)).toBe(true);
    expect(hasHeading(page.replace('Popularity of the Soviet Union', 'Popularity of the Union'), heading)).toBe(false);
  });
});

describe('checkNotes', () => {
  it('passes notes at the foot of the page that refers to them', () => {
    expect(checkNotes(book_pages(), book)).toEqual([]);
  });

  it('reports a note on another page than its reference', () => {
    const pages = book_pages();
    // note 2 of the first work moved to the foot of the second work's page
    const note2 = '2 The leaflet head­ed “For the Party!” was writ­ten by J. V. Stal­in at the be­gin­ning of\nMarch 1912.\n';
    pages[6] = WORK_1.replace(note2, '');
    pages[8] = WORK_2.replace('\n\n                         3', `\n${note2}\n                         3`);
    const found = checkNotes(pages, book);
    expect(found.map((d) => d.code)).toEqual(['pdf-note-page']);
    expect(found[0].file).toBe('content/sample/01-first-work.md');
  });

  it('two starred notes with the same words are two notes, each at the foot of its own page', () => {
    const diagnostics = new Diagnostics();
    const text = 'Alpha bravo charlie delta echo foxtrot golf.[^a1] Then more.\n\nHotel india juliet kilo lima mike.[^a2] And more.\n\n[^a1]: My italics.—J. St.\n\n[^a2]: My italics.—J. St.\n';
    const chapter = parseChapter({ file: '01-w.md', displayPath: 'content/b/01-w.md', text }, new Set(), diagnostics);
    markNotes([chapter], { symbols: { a: '*' } }, 'content/b', diagnostics);
    const starred = { ...book, slug: 'b', chapters: [chapter] };
    const pages = ['Alpha bravo charlie delta echo foxtrot golf.* Then more.\n\n* My italics.—J. St.\n', 'Hotel india juliet kilo lima mike.* And more.\n\n* My italics.—J. St.\n'];
    expect(checkNotes(pages, starred)).toEqual([]);
    // the second note missing from its page: the first page's note is not taken for it twice
    expect(checkNotes([pages[0], pages[1].replace(/\* My.*\n/, '')], starred).map((d) => d.code)).toEqual(['pdf-note-missing']);
  });

  it('reports a note that is lost', () => {
    const pages = book_pages();
    pages[8] = WORK_2.replace(/1 Lenin’s let.*\n/, '');
    expect(checkNotes(pages, book).map((d) => d.code)).toEqual(['pdf-note-missing']);
  });
});

describe('checkRunningHeads', () => {
  it('passes chapter openings with the folio at the foot and body pages with a running head', () => {
    const pages = [...book_pages(), RUNNING];
    expect(checkRunningHeads(pages, readFolios(pages), book, 'x.pdf')).toEqual([]);
  });

  it('reports a body page without a running head', () => {
    const pages = [...book_pages(), 'the text goes on here, and on.\nand on'];
    expect(checkRunningHeads(pages, readFolios(pages), book, 'x.pdf').map((d) => d.code)).toEqual(['pdf-running-head-missing']);
  });
});

describe('checkEmptyPages', () => {
  it('passes text pages and blank pages, and reports a page with only its running head', () => {
    const pages = [...book_pages(), RUNNING, ''];
    expect(checkEmptyPages(pages, readFolios(pages), 'x.pdf')).toEqual([]);
    const broken = [...pages, '6                     Two Small Works\n\n'];
    expect(checkEmptyPages(broken, readFolios(broken), 'x.pdf').map((d) => d.message)).toEqual([
      `1 body page(s) with a running head and no text (page #${broken.length})`,
    ]);
  });
});

describe('checkFonts and checkMetadata', () => {
  it('reports fonts that are not embedded', () => {
    expect(checkFonts([{ name: 'AAAAAA+EBGaramond-Regular', type: 'CID TrueType', embedded: true }], 'x.pdf')).toEqual([]);
    expect(checkFonts([{ name: 'Helvetica', type: 'Type 1', embedded: false }], 'x.pdf').map((d) => d.code)).toEqual(['pdf-font-not-embedded']);
  });

  it('reports a wrong title, a missing author and a wrong language', () => {
    const xmp = '<dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag></dc:language>';
    expect(checkMetadata({ Title: 'Two Small Works', Author: 'J. V. Stalin' }, xmp, book, 'x.pdf')).toEqual([]);
    const wrong = checkMetadata({ Title: 'Untitled' }, xmp.replace('>en<', '>de<'), book, 'x.pdf');
    expect(wrong.map((d) => d.code)).toEqual(['pdf-metadata', 'pdf-metadata', 'pdf-metadata']);
  });
});
