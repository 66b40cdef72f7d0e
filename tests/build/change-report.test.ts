/**
 * The change report's arithmetic (build/change-report.ts) on made-up page fingerprints and zip entries:
 * changed runs, pages gone, moved runs and their shift, the sentence the proofreader reads; and the zip
 * central directory read back from a real zip (jszip) with the CRCs jszip wrote.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { compareEpubFiles, comparePdfPages, compareOutput, describeChange, zipEntries } from '../../src/build/change-report.js';

const labels = (n: number, front = 0) => Array.from({ length: n }, (_, i) => (i < front ? ['i', 'ii', 'iii', 'iv'][i] : String(i - front + 1)));
const facts = (texts: string[], front = 0) => ({ pageTexts: texts, pageLabels: labels(texts.length, front) });
const book = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);

describe('comparePdfPages', () => {
  it('no earlier fingerprints: new', () => {
    const c = comparePdfPages('b.pdf', 'pdf', undefined, facts(book(5)));
    expect(c.status).toBe('new');
    expect(describeChange(c)).toBe('b.pdf: new, 5 pages (no earlier build to compare with)');
    expect(comparePdfPages('b.pdf', 'pdf', { pageTexts: 'x' as never }, facts(book(5))).status).toBe('new');
  });

  it('the same pages: unchanged', () => {
    const c = comparePdfPages('b.pdf', 'pdf', facts(book(5)), facts(book(5)));
    expect(c).toMatchObject({ status: 'unchanged', changed: [], removed: [], moved: [] });
    expect(describeChange(c)).toBe("b.pdf: no page's text changed");
  });

  it('one page changed in place, none moved', () => {
    const after = book(10);
    after[6] = 'new';
    const c = comparePdfPages('b.pdf', 'pdf', facts(book(10), 2), facts(after, 2));
    expect(c.changed).toEqual([{ from: { index: 7, label: '5' }, to: { index: 7, label: '5' } }]);
    expect(c.moved).toEqual([]);
    expect(describeChange(c)).toBe('b.pdf: page 5 changed');
  });

  it('a page added: the pages after it moved by +1, and the contents page (front matter) changed too', () => {
    const before = book(10);
    const after = [...before.slice(0, 5), 'p5 longer', 'p5 tail', ...before.slice(6)];
    after[1] = 'contents with new numbers';
    const c = comparePdfPages('b.pdf', 'pdf', facts(before, 2), facts(after, 2));
    expect(c.pages).toEqual({ before: 10, after: 11 });
    expect(c.changed.map((r) => [r.from.label, r.to.label])).toEqual([['ii', 'ii'], ['4', '5']]);
    expect(c.moved).toEqual([{ from: { index: 8, label: '6' }, to: { index: 11, label: '9' }, count: 4, by: 1 }]);
    expect(describeChange(c)).toBe('b.pdf: pages ii, 4–5 changed; 4 pages after them moved by +1 (now 6–9) (10 → 11 pages)');
  });

  it('pages taken away: what is left over is gone, the rest moved back', () => {
    const before = book(12);
    const after = [...before.slice(0, 3), 'p3 short', ...before.slice(6)];
    const c = comparePdfPages('b.pdf', 'pdf', facts(before), facts(after));
    expect(c.changed.map((r) => [r.from.index, r.to.index])).toEqual([[4, 4]]);
    expect(c.removed.map((r) => [r.from.index, r.to.index])).toEqual([[5, 6]]);
    expect(c.moved).toMatchObject([{ count: 6, by: -2 }]);
    expect(describeChange(c)).toMatch(/^b\.pdf: page 4 changed; pages 5–6 of the last build gone; 6 pages after them moved by -2/);
  });
});

describe('EPUB files', () => {
  it('the zip central directory gives each entry its CRC and size', async () => {
    const zip = new JSZip();
    zip.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
    zip.file('EPUB/a.xhtml', '<p>one</p>'.repeat(50));
    zip.file('EPUB/b.xhtml', '<p>two</p>');
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const entries = zipEntries(bytes);
    expect(Object.keys(entries).sort()).toEqual(['EPUB/', 'EPUB/a.xhtml', 'EPUB/b.xhtml', 'mimetype'].filter((n) => n in entries).sort());
    expect(entries['EPUB/a.xhtml']).toMatch(/^[0-9a-f]{8}:500$/);
    expect(entries['mimetype']).toMatch(/:20$/);
    zip.file('EPUB/b.xhtml', '<p>Two</p>');
    zip.remove('EPUB/a.xhtml');
    zip.file('EPUB/c.xhtml', 'c');
    const changed = zipEntries(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    const c = compareEpubFiles('b.epub', 'epub', { files: entries }, { files: changed });
    expect(c).toMatchObject({ status: 'changed', changed: ['EPUB/b.xhtml'], added: ['EPUB/c.xhtml'], removed: ['EPUB/a.xhtml'] });
    expect(describeChange(c)).toBe('b.epub: EPUB/b.xhtml changed; EPUB/c.xhtml added; EPUB/a.xhtml removed');
    expect(compareOutput('epub', 'b.epub', { files: entries }, { files: entries })?.status).toBe('unchanged');
    expect(zipEntries(new Uint8Array(10))).toEqual({});
  });

  it('an output without fingerprints or entries is not followed', () => {
    expect(compareOutput('interior', 'b-interior.pdf', undefined, { pages: 3 })).toBeUndefined();
  });
});
