/**
 * Images (issue 10): an image without alternative text is a warning at its file and line [image-alt-missing]
 * (so --strict fails it); an image is packaged into the EPUB with its media type (read back by unzip); an
 * image alone in its paragraph with a caption (its title, or an italic line under it) is a <figure> with a
 * <figcaption> in the EPUB (epubcheck and Ace clean) and in the PDF; a file that is not an image is an
 * error [image-unreadable]; an image that prints below 200 ppi a warning [image-low-resolution].
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { printedResolution } from '../../src/check/image-files.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { parseChapter } from '../../src/model/parse-chapter.js';
import { renderChapterXhtml } from '../../src/render/epub/render-chapter-xhtml.js';
import { renderChapterHtml } from '../../src/render/print/render-chapter-html.js';
import { BOOK, CHAPTER, epubEntries, epubFile, keepFontCache, pdfText, scratchProject, startGalley } from '../hostile/scratch.js';

const png = (width = 600, height = 400) => sharp({ create: { width, height, channels: 3, background: '#357' } }).png().toBuffer();
const lineOf = (text: string, wanted: string) => text.split('\n').indexOf(wanted) + 1;

function chapterOf(text: string) {
  const diagnostics = new Diagnostics();
  const chapter = parseChapter({ file: '01-plates.md', displayPath: 'content/b/01-plates.md', text, language: 'en' }, new Set(), diagnostics);
  return { chapter, diagnostics };
}

describe('figures', () => {
  const text = [
    '# Plates',
    '',
    '![a blue square](blue.png "The blue square, seen from above")',
    '',
    '![a red square](red.png)',
    '*The red square, at noon*',
    '',
    '![a green square](green.png)',
    '',
    'A line with ![an icon](icon.png "icon") in it.',
    '',
    '![a grey square](grey.png)',
    '*one* and *two*',
  ].join('\n');

  it('an image alone with a title, or with an italic line under it, is a figure with its caption (EPUB and print)', () => {
    const { chapter } = chapterOf(text);
    const epub = renderChapterXhtml(chapter).body;
    const print = renderChapterHtml(chapter, 'en');
    for (const html of [epub, print]) {
      expect(html).toMatch(/<figure><img src="blue\.png" alt="a blue square" \/><figcaption>The blue square, seen from above<\/figcaption>\s*<\/figure>/);
      expect(html).toMatch(/<figure><img src="red\.png" alt="a red square" \/><figcaption>The red square, at noon<\/figcaption>\s*<\/figure>/);
      // no caption, an image inside a line, an italic line that is not one span: paragraphs as before
      expect(html).toContain('<p><img src="green.png" alt="a green square" /></p>');
      expect(html).toMatch(/<p>A line with <img src="icon\.png" alt="an icon" title="icon" \/> in[ \u00a0]it\.<\/p>/);
      expect(html).toMatch(/<p><img src="grey\.png" alt="a grey square" \/>\s*<em>one<\/em> and <em>two<\/em><\/p>/);
      expect(html.match(/<figure>/g)).toHaveLength(2);
    }
  });

  it('a figure inside a footnote stays a paragraph (a note is set inside a line in print)', () => {
    const { chapter } = chapterOf('Text.[^1]\n\n[^1]: ![a map](map.png "The map")\n');
    expect(renderChapterXhtml(chapter).notes[0].html).not.toContain('<figure>');
    expect(renderChapterHtml(chapter, 'en')).not.toContain('<figure>');
  });

  it('in a built book: the EPUB has the figures, the PDF prints the title caption, galley check finds nothing (epubcheck, Ace, parity)', async () => {
    const s = scratchProject();
    for (const name of ['blue', 'red', 'green', 'grey']) s.write(`content/${BOOK}/${name}.png`, await png(900, 300));
    // (not the image inside a line: a 900 px image fills the line, and pdftotext reads the words around it out of order)
    appendFileSync(s.chapter, `\n\n${text.split('\n').slice(2).filter((l) => !l.startsWith('A line with')).join('\n')}\n`);
    const r = await startGalley(s.dir, ['build', BOOK, '--epub', '--pdf', '--quiet']).done;
    keepFontCache(s);
    expect(r.code, r.stderr).toBe(0);
    const epub = join(s.dir, 'dist', `${BOOK}.epub`);
    const xhtml = epubEntries(epub)
      .filter((e) => e.endsWith('.xhtml'))
      .map((e) => epubFile(epub, e))
      .join('\n');
    expect(xhtml).toMatch(/<figure><img src="images\/1-blue\.png" alt="a blue square" \/><figcaption>The blue square, seen from above<\/figcaption>/);
    expect(xhtml).toMatch(/<figure><img src="images\/2-red\.png" alt="a red square" \/><figcaption>The red square, at noon<\/figcaption>/);
    // galley check: epubcheck, Ace and the PDF checks; the words of the book (not the alternative text, which
    // is read out, not printed) are in the EPUB and the PDF (parity)
    const checked = await startGalley(s.dir, ['--json', 'check', BOOK]).done;
    const report = JSON.parse(checked.stdout) as { books: { checked: string[]; diagnostics: { code: string; message: string }[] }[] };
    expect(report.books[0].checked).toEqual(expect.arrayContaining(['epubcheck', 'Ace', 'PDF']));
    expect(report.books[0].diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    const printed = pdfText(join(s.dir, 'dist', `${BOOK}.pdf`)).replace(/\s+/g, ' ');
    expect(printed).toContain('The blue square, seen from above');
  }, 600_000);
});

describe('image files', () => {
  it('prints at min(width / 96, text block) inches: 600 px in 4.05 in is 148 ppi, 300 px is 96 ppi, 900 px 222 ppi', () => {
    expect(Math.round(printedResolution(600, 4.05).ppi)).toBe(148);
    expect(printedResolution(300, 4.05)).toEqual({ inches: 3.125, ppi: 96 });
    expect(Math.round(printedResolution(900, 4.05).ppi)).toBe(222);
  });

  it('an image below 200 ppi at its printed size is a warning at file:line [image-low-resolution]; 900 px is not', async () => {
    const s = scratchProject();
    s.write(`content/${BOOK}/small.png`, await png(600, 400));
    s.write(`content/${BOOK}/large.png`, await png(900, 600));
    appendFileSync(s.chapter, '\n\n![a small plate](small.png)\n\n![a large plate](large.png)\n');
    const line = lineOf(s.read(`content/${BOOK}/${CHAPTER}`), '![a small plate](small.png)');
    // a finding of print: an EPUB-only build says nothing of it (and --strict passes it)
    const epubOnly = await startGalley(s.dir, ['build', BOOK, '--epub', '--quiet', '--strict']).done;
    keepFontCache(s);
    expect(epubOnly.code, epubOnly.stderr).toBe(0);
    expect(epubOnly.stderr).not.toContain('image-low-resolution');
    const r = await startGalley(s.dir, ['build', BOOK, '--pdf', '--quiet']).done;
    expect(r.code, r.stderr).toBe(0);
    // galley.yaml: 5.5in trim, 0.85in + 0.6in margins → a 4.05 in text block, 810 px at 200 ppi
    expect(r.stderr).toContain(`content/${BOOK}/${CHAPTER}:${line} warning Image small.png is 600 px wide: it prints 4.05 in wide at 148 ppi`);
    expect(r.stderr).toContain('at least 810 px [image-low-resolution]');
    expect(r.stderr).not.toContain('large.png');
    const strict = await startGalley(s.dir, ['build', BOOK, '--pdf', '--quiet', '--strict']).done;
    expect(strict.code).toBe(1);
  }, 300_000);

  it('a file that is not an image of its kind is an error at file:line [image-unreadable]; nothing is written', async () => {
    const s = scratchProject();
    s.write(`content/${BOOK}/broken.png`, 'not a picture at all\n');
    s.write(`content/${BOOK}/photo.jpg`, await png(900, 600));
    appendFileSync(s.chapter, '\n\n![a broken plate](broken.png)\n\n![a photograph](photo.jpg)\n');
    const chapter = s.read(`content/${BOOK}/${CHAPTER}`);
    const r = await startGalley(s.dir, ['build', BOOK, '--epub', '--quiet']).done;
    keepFontCache(s);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`content/${BOOK}/${CHAPTER}:${lineOf(chapter, '![a broken plate](broken.png)')} error Image broken.png cannot be read as PNG`);
    // a PNG named .jpg: packaged as image/jpeg it would be a file the reading system cannot show
    expect(r.stderr).toContain(`content/${BOOK}/${CHAPTER}:${lineOf(chapter, '![a photograph](photo.jpg)')} error Image photo.jpg is a PNG file, not JPEG`);
    expect(r.stderr.match(/\[image-unreadable\]/g)).toHaveLength(2);
    expect(epubEntries(join(s.dir, 'dist', `${BOOK}.epub`))).toEqual([]);
  }, 300_000);
});

describe('images in a chapter', () => {
  it('alt text required (a warning at file:line), packaged with its media type', async () => {
    const s = scratchProject();
    s.write(`content/${BOOK}/plate.png`, await png());
    appendFileSync(s.chapter, '\n\n![](plate.png)\n');
    const line = s.read(`content/${BOOK}/${CHAPTER}`).split('\n').indexOf('![](plate.png)') + 1;
    const r = await startGalley(s.dir, ['build', BOOK, '--epub', '--quiet']).done;
    keepFontCache(s);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`content/${BOOK}/${CHAPTER}:${line} warning Image plate.png has no alternative text`);
    expect(r.stderr).toContain('[image-alt-missing]');
    const strict = await startGalley(s.dir, ['build', BOOK, '--epub', '--quiet', '--strict']).done;
    expect(strict.code).toBe(1);
    const epub = join(s.dir, 'dist', `${BOOK}.epub`);
    const entry = epubEntries(epub).find((e) => /images\/\d+-plate\.png$/.test(e));
    expect(entry).toBeDefined();
    const opf = epubEntries(epub).find((e) => e.endsWith('.opf'))!;
    expect(epubFile(epub, opf)).toMatch(/href="images\/\d+-plate\.png" media-type="image\/png"|media-type="image\/png"[^>]*href="images\/\d+-plate\.png"/);
  }, 300_000);

});
