/** The NCX page list: as many page targets as the chapters have page breaks, each pointing at one, and the totals. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderEpubFiles } from '../../src/render/epub/render-epub.js';
import { toEpubView } from '../../src/render/epub/to-epub-view.js';
import { loadBook, project, ROOT, SAMPLE_BOOK } from '../helpers/books.js';

const options = { galleyVersion: '0.0.0-test', revision: '2026-01-02' };

describe.each([SAMPLE_BOOK, join(ROOT, 'tests/fixtures/books/sample-fr')])('NCX page list of %s', (dir) => {
  it('lists every page break of the chapters, with dtb:totalPageCount and dtb:maxPageNumber', () => {
    const { book } = loadBook(dir);
    const files = renderEpubFiles(toEpubView(book, project(), options), new Uint8Array());
    const breaks = files.filter((f) => /^\d{3}-/.test(f.path)).flatMap((f) => [...String(f.data).matchAll(/epub:type="pagebreak"[^>]*id="([^"]+)" aria-label="([^"]+)"/g)].map((m) => `${f.path}#${m[1]} ${m[2]}`));
    const ncx = String(files.find((f) => f.path === 'toc.ncx')!.data);
    const targets = [...ncx.matchAll(/<pageTarget [^>]*><navLabel><text>([^<]+)<\/text><\/navLabel><content src="([^"]+)"\/>/g)].map((m) => `${m[2]} ${m[1]}`);
    expect(breaks.length).toBeGreaterThan(0);
    expect(targets).toEqual(breaks);
    expect(ncx).toContain(`<meta name="dtb:totalPageCount" content="${breaks.length}"/>`);
    const max = Math.max(...breaks.map((b) => Number(b.split(' ')[1]) || 0));
    expect(ncx).toContain(`<meta name="dtb:maxPageNumber" content="${max}"/>`);
  });
});
