/**
 * Real validators on real books: every book in content/ (and the sample) is rendered to an EPUB that
 * (and the French sample) epubcheck passes with 0 errors and 0 warnings and Ace passes with no violations.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAce } from '../../src/check/ace.js';
import { runEpubcheck } from '../../src/check/epubcheck.js';
import { listBooks } from '../../src/model/read-book.js';
import { renderEpub } from '../../src/render/epub/render-epub.js';
import { makeCover } from '../../src/render/shared/make-cover.js';
import { buildApparatus } from '../../src/transform/build-apparatus.js';
import { loadBook, project, ROOT, SAMPLE_BOOK } from '../helpers/books.js';

const books = [SAMPLE_BOOK, join(ROOT, 'tests/fixtures/books/sample-fr'), ...listBooks(ROOT).map((slug) => join(ROOT, 'content', slug))];
const out = mkdtempSync(join(tmpdir(), 'galley-epub-'));
const options = { galleyVersion: '0.0.0-test', revision: '2026-01-02' };

describe.each(books)('EPUB of %s', (dir) => {
  it('passes epubcheck (0 errors, 0 warnings) and Ace (no violations)', async () => {
    const { book } = loadBook(dir);
    const cover = await makeCover(buildApparatus(book, project(), options), project(), join(out, 'cache'));
    const path = join(out, `${book.slug}.epub`);
    writeFileSync(path, await renderEpub(book, project(), { ...options, cover }));
    const [epubcheck, ace] = await Promise.all([runEpubcheck(path), runAce(path)]);
    expect(epubcheck.map((d) => `${d.code} ${d.message} ${d.file}:${d.line}`)).toEqual([]);
    expect(ace.map((d) => `${d.code} ${d.message} ${d.file}`)).toEqual([]);
  }, 300_000);
});
