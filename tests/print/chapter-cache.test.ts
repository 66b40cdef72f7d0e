/**
 * The chapters' print HTML kept between builds (chapter-cache.ts): the book's print HTML rendered with the
 * cache (cold, then warm, then after a correction) is the HTML rendered without it, character for character;
 * a correction renders its chapter only (one new entry, the old one pruned); an entry is really read back (a
 * marked entry shows), a forced build reads nothing, and an entry cut short is rendered again.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ChapterCache, chapterKey } from '../../src/render/print/chapter-cache.js';
import { renderPrintHtml } from '../../src/render/print/render-print-html.js';
import { loadBook, project, ROOT } from '../helpers/books.js';

const scratch = mkdtempSync(join(tmpdir(), 'galley-chapter-cache-'));
const bookDir = join(scratch, 'foundations-of-leninism');
cpSync(join(ROOT, 'content', 'foundations-of-leninism'), bookDir, { recursive: true });
const dir = join(scratch, 'cache');
const options = { galleyVersion: '0.0.0-test', revision: '2026-01-02' };
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function render(cache?: ChapterCache): string {
  const { book } = loadBook(bookDir);
  const html = renderPrintHtml(book, project(), { ...options, chapterCache: cache });
  cache?.prune();
  return html;
}
const entries = () => readdirSync(dir).filter((f) => f.endsWith('.html')).sort();

describe('the chapters’ print HTML cache', () => {
  const chapters = loadBook(bookDir).book.chapters.length;

  it('gives the HTML rendered without it: cold, warm, and after a correction that renders one chapter again', () => {
    const fresh = render();
    expect(render(new ChapterCache({ dir }))).toBe(fresh);
    const first = entries();
    expect(first).toHaveLength(chapters);
    expect(render(new ChapterCache({ dir }))).toBe(fresh);
    expect(entries()).toEqual(first);

    const file = readdirSync(bookDir).filter((f) => /^\d.*\.md$/.test(f)).sort()[1];
    const text = readFileSync(join(bookDir, file), 'utf8');
    const edited = text.replace(/ the /, ' this ');
    expect(edited).not.toBe(text);
    writeFileSync(join(bookDir, file), edited);
    const corrected = render();
    expect(corrected).not.toBe(fresh);
    expect(render(new ChapterCache({ dir }))).toBe(corrected);
    const after = entries();
    expect(after).toHaveLength(chapters);
    // one entry replaced: the corrected chapter's
    expect(after.filter((name) => !first.includes(name))).toHaveLength(1);
  });

  it('reads its entries back (a marked entry shows), reads nothing when forced, renders again an entry cut short', () => {
    const { book } = loadBook(bookDir);
    const chapter = book.chapters[0];
    const path = join(dir, `${chapterKey(chapter, book.meta.language)}.html`);
    const whole = readFileSync(path, 'utf8');
    writeFileSync(path, whole.replace(/<\/p>/, '<i>marked</i></p>'));
    expect(new ChapterCache({ dir }).html(chapter, book.meta.language, () => 'rendered')).toContain('<i>marked</i>');
    expect(new ChapterCache({ dir, read: false }).html(chapter, book.meta.language, () => 'rendered')).toBe('rendered');
    // the forced build wrote its own: read back whole
    expect(new ChapterCache({ dir }).html(chapter, book.meta.language, () => 'again')).toBe('rendered');
    writeFileSync(path, whole.slice(0, whole.length - 40));
    expect(new ChapterCache({ dir }).html(chapter, book.meta.language, () => 'again')).toBe('again');
  });

  it('keys a chapter by its language and its text', () => {
    const { book } = loadBook(bookDir);
    const [a, b] = book.chapters;
    expect(chapterKey(a, 'en')).not.toBe(chapterKey(a, 'de'));
    expect(chapterKey(a, 'en')).not.toBe(chapterKey(b, 'en'));
    expect(chapterKey(a, 'en')).toBe(chapterKey(loadBook(bookDir).book.chapters[0], 'en'));
  });
});
