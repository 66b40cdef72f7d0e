/**
 * Critical: a book's metadata cannot inject markup into the print HTML or the EPUB. Before the fix,
 * `title: '</style><iframe src=/etc/passwd>'` printed the machine's /etc/passwd into the PDF and a <script>
 * in the title ran in Chromium. Judged by poppler's text of the PDF and xmldom's reading of the XHTML.
 */
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { epubEntries, epubFile, galley, keepFontCache, pdfFacts, pdfText, scratchProject, setYaml } from './scratch.js';

const TITLE = '</style><iframe src=/etc/passwd width=600 height=600></iframe><script>document.body.prepend("RAN"+"XYZ")</script>';

describe('injection through book.yaml', () => {
  it('a title that closes <style> and opens an iframe or a script is printed as text', async () => {
    const s = scratchProject();
    setYaml(s, 'title', TITLE);
    setYaml(s, 'subtitle', '*/ } @page { size: 1in 1in } /* \\" \u2028');
    const r = await galley(s.dir, ['build', '--quiet']);
    keepFontCache(s);
    expect(r.stderr).not.toMatch(/internal/);
    expect(r.code).toBe(0);
    const text = pdfText(join(s.dir, 'dist', 'letter-to-huysmans.pdf'));
    expect(text).not.toMatch(/root:x:0:0/);
    expect(text).not.toContain('RANXYZ');
    // and the stylesheet around the title still works: the trim size and the book's typeface
    const facts = pdfFacts(join(s.dir, 'dist', 'letter-to-huysmans.pdf'));
    expect(facts.size).toBe('396 x 612');
    expect(facts.fonts).toMatch(/EBGaramond/);
    expect(facts.fonts).not.toMatch(/Liberation|DejaVu/);
    // the title is on the title page as the reader typed it (pdftotext joins nothing away)
    expect(text.replace(/\s+/g, ' ')).toContain('</style><iframe src=/etc/passwd');
    const epub = join(s.dir, 'dist', 'letter-to-huysmans.epub');
    for (const entry of epubEntries(epub).filter((e) => e.endsWith('.xhtml') || e.endsWith('.opf') || e.endsWith('.ncx'))) {
      const errors: string[] = [];
      const doc = new DOMParser({ onError: (level, msg) => void (level !== 'warning' && errors.push(msg)) }).parseFromString(epubFile(epub, entry), 'application/xhtml+xml');
      expect(errors, entry).toEqual([]);
      expect(doc.getElementsByTagName('script').length, entry).toBe(0);
      expect(doc.getElementsByTagName('iframe').length, entry).toBe(0);
    }
  });
});
