/**
 * Notes marked as the source prints them (issue 11): with book.yaml `notes: { numbers: source, symbols: { t:
 * "*" } }`, [^n45] is note 45 and [^t1] is *, at the call and before the note, in the EPUB and in the PDF
 * alike; galley check (epubcheck, Ace, the PDF's notes and parity) finds nothing; epub.js, a real reading
 * system, shows the marks; notes.about is a paragraph of About this edition. Without the key, notes are 1, 2, 3… in each file as before.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { parseBook } from '../../src/model/parse-book.js';
import { readBookFiles } from '../../src/model/read-book.js';
import { BOOK, epubEntries, epubFile, keepFontCache, pdfText, scratchProject, startGalley } from '../hostile/scratch.js';

const NOTES = [
  '',
  'The resolution of the Conference[^n45] was read, and a second time,[^t1] and once more.[^n46]',
  '',
  '[^n45]: The Prague Conference of January 1912, as the volume’s note 45 says.',
  '',
  '[^t1]: The words of the French original are kept here.—Tr.',
  '',
  '[^n46]: The resolution on the liquidators, as the volume’s note 46 says.',
  '',
].join('\n');
const ABOUT = 'The notes marked * are the translator’s; the numbered notes are the volume’s own.';
const SETTING = `\nnotes:\n  numbers: source\n  symbols: { t: "*" }\n  about: "${ABOUT}"\n`;

function marksOf(dir: string): string[][] {
  const diagnostics = new Diagnostics();
  const book = parseBook(readBookFiles(dir, join(dir, '../..')), diagnostics);
  return book.chapters.map((c) => c.notes.map((n) => `${n.label}=${n.mark}`));
}

describe('notes marked as the source prints them', () => {
  it('without notes: in book.yaml, 1, 2, 3… in order of first reference', () => {
    const s = scratchProject();
    appendFileSync(s.chapter, NOTES);
    expect(marksOf(s.book)).toEqual([['1=1', 'n45=2', 't1=3', 'n46=4']]);
  });

  it('a label without a number, and two notes of one number in a file, are warnings at their line', () => {
    const s = scratchProject();
    appendFileSync(s.chapter, '\nOne[^star] and two.[^x45]\n\n[^star]: A note without a number.\n\n[^x45]: Another 45.\n' + NOTES);
    appendFileSync(s.yaml, SETTING);
    const diagnostics = new Diagnostics();
    const book = parseBook(readBookFiles(s.book, s.dir), diagnostics);
    expect(book.chapters[0].notes.map((n) => `${n.label}=${n.mark}`)).toEqual(['1=1', 'star=2', 'x45=45', 'n45=45', 't1=*', 'n46=46']);
    const text = readFileSync(s.chapter, 'utf8').split('\n');
    expect(diagnostics.items.map((d) => `${d.line} ${d.code}`)).toEqual([`${text.indexOf('[^star]: A note without a number.') + 1} note-number-missing`, `${text.indexOf(NOTES.split('\n')[3]) + 1} note-number-duplicate`]);
  });

  it('in the EPUB and the PDF: 45, * and 46 at the calls and before the notes; galley check finds nothing', async () => {
    const s = scratchProject();
    appendFileSync(s.chapter, NOTES);
    appendFileSync(s.yaml, SETTING);
    const built = await startGalley(s.dir, ['build', BOOK, '--epub', '--pdf', '--quiet']).done;
    keepFontCache(s);
    expect(built.code, built.stderr).toBe(0);
    const epub = join(s.dir, 'dist', `${BOOK}.epub`);
    const xhtml = epubFile(epub, epubEntries(epub).find((e) => /\/001-[^/]+\.xhtml$/.test(e))!);
    const calls = [...xhtml.matchAll(/epub:type="noteref"[^>]*><sup>([^<]+)<\/sup>/g)].map((m) => m[1]);
    expect(calls).toEqual(['1', '45', '*', '46']);
    const labels = [...xhtml.matchAll(/<p class="note-label">(?:<a [^>]*>)?([^<\s]+)/g)].map((m) => m[1]);
    expect(labels).toEqual(['1', '45', '*', '46']);
    const printed = pdfText(join(s.dir, 'dist', `${BOOK}.pdf`));
    expect(printed).toMatch(/^\s*45\s+The Prague Conference/m);
    expect(printed).toMatch(/^\s*\*\s+The words of the French original/m);
    expect(printed).toMatch(/^\s*46\s+The resolution on the liquidators/m);
    // About this edition says which notes are whose, in the EPUB and the PDF
    const about = epubEntries(epub).map((e) => epubFile(epub, e)).filter((x) => x.includes('class="notes-about"'));
    expect(about).toHaveLength(1);
    expect(about[0]).toContain(`<p class="notes-about">${ABOUT}</p>`);
    expect(printed.replace(/\s+/g, ' ')).toContain(ABOUT);
    const checked = await startGalley(s.dir, ['--json', 'check', BOOK]).done;
    const report = JSON.parse(checked.stdout) as { books: { checked: string[]; diagnostics: { code: string; message: string }[] }[] };
    expect(report.books[0].checked).toEqual(expect.arrayContaining(['epubcheck', 'Ace', 'PDF']));
    expect(report.books[0].diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  }, 600_000);
});
