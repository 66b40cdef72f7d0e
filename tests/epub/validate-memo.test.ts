/**
 * The EPUB validation with a memo of what it found per zip entry (check/entry-memo.ts): a rebuild's EPUB shares
 * most entries with the last one, and those are not inflated and parsed again. With the memo primed from a good
 * EPUB, every kind of damage is found exactly as without it; a damaged entry is never taken for a known one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEntryMemo } from '../../src/check/entry-memo.js';
import { validateEpub, type EntryFacts, type EntryMemo } from '../../src/check/validate-epub.js';
import { renderEpub } from '../../src/render/epub/render-epub.js';
import { loadBook, project, SAMPLE_BOOK } from '../helpers/books.js';

const options = { galleyVersion: '0.0.0-test', revision: '2026-01-02', cover: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]) };

/** A memo in memory that counts what it was asked and told. */
function countingMemo(from?: Map<string, EntryFacts>) {
  const map = new Map(from);
  const memo: EntryMemo & { hits: number; sets: number; map: Map<string, EntryFacts> } = {
    hits: 0,
    sets: 0,
    map,
    get(key) {
      const f = map.get(key);
      if (f) memo.hits++;
      return f;
    },
    set(key, facts) {
      memo.sets++;
      map.set(key, facts);
    },
  };
  return memo;
}

describe('validating an EPUB with the findings of the last one', () => {
  let good: Buffer;
  let primed: Map<string, EntryFacts>;
  let dir: string;
  beforeAll(async () => {
    good = await renderEpub(loadBook(SAMPLE_BOOK).book, project(), options);
    const memo = countingMemo();
    expect(await validateEpub(good, 'x.epub', memo)).toEqual([]);
    primed = memo.map;
    dir = mkdtempSync(join(tmpdir(), 'galley-memo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the same EPUB again: every entry known, nothing inflated or parsed again', async () => {
    const memo = countingMemo(primed);
    expect(await validateEpub(good, 'x.epub', memo)).toEqual([]);
    expect(memo.sets).toBe(0);
    expect(memo.hits).toBeGreaterThan(5);
  });

  it('each kind of damage is found as without the memo', async () => {
    const zip = await JSZip.loadAsync(good);
    const chapter = Object.keys(zip.files).find((n) => /^OEBPS\/\d+-.*\.xhtml$/.test(n))!;
    const text = await zip.file(chapter)!.async('string');
    const opf = await zip.file('OEBPS/content.opf')!.async('string');
    const variant = async (edit: (z: JSZip) => void) => {
      const z = await JSZip.loadAsync(good);
      edit(z);
      return z.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    };
    const variants = [
      await variant((z) => z.file('mimetype', 'application/epub+zip', { compression: 'DEFLATE' })),
      await variant((z) => z.remove('OEBPS/images/cover.jpg')),
      await variant((z) => z.file(chapter, text.replace('</body>', '<p><img src="images/nowhere.png" alt=""/></p></body>'))),
      await variant((z) => z.file(chapter, text.replace('</body>', '<p id="twice"></p><p id="twice"></p><p id="twice"></p></body>'))),
      await variant((z) => z.file(chapter, text.replace('</body>', '<p><b>unclosed</p></body>'))),
      await variant((z) => z.file(chapter, text.replace('</body>', '<p><a href="#no-such-id">x</a></p></body>'))),
      await variant((z) => z.file('OEBPS/content.opf', opf.replace(/ properties="nav"/, ''))),
      await variant((z) => z.file('OEBPS/content.opf', opf.replace(/<item [^>]*href="[^"]*\.xhtml"[^>]*\/>/, ''))),
      good.subarray(0, good.length - 200),
    ];
    for (const bytes of variants) {
      const without = await validateEpub(bytes, 'x.epub');
      const memo = countingMemo(primed);
      expect(await validateEpub(bytes, 'x.epub', memo)).toEqual(without);
      expect(without.length).toBeGreaterThan(0);
    }
  });

  it('an entry whose compressed bytes were damaged is not a known one: its CRC or its inflating fails', async () => {
    const damaged = Buffer.from(good);
    // the middle of the biggest deflated entry (a chapter)
    const zip = await JSZip.loadAsync(good);
    const chapter = Object.keys(zip.files).find((n) => /^OEBPS\/\d+-.*\.xhtml$/.test(n))!;
    const at = damaged.indexOf(Buffer.from(chapter)) + chapter.length + 40;
    damaged[at] ^= 0x55;
    const without = await validateEpub(damaged, 'x.epub');
    expect(without.map((d) => d.code)).toContain('epub-zip');
    const withMemo = await validateEpub(damaged, 'x.epub', countingMemo(primed));
    expect(withMemo.map((d) => d.code)).toContain('epub-zip');
  });

  it('kept in a file: read back by a new process (a new memo of the same file), a damaged file ignored', async () => {
    const file = join(dir, 'book.json');
    const first = openEntryMemo(file);
    expect(await validateEpub(good, 'x.epub', first)).toEqual([]);
    first.save();
    // a fresh module state stands for a new process: read the file itself
    const { readFileSync, writeFileSync } = await import('node:fs');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, EntryFacts> };
    const memo = countingMemo(new Map(Object.entries(saved.entries)));
    expect(await validateEpub(good, 'x.epub', memo)).toEqual([]);
    expect(memo.sets).toBe(0);
    writeFileSync(join(dir, 'bad.json'), '{"version":1,"entries":{"zz":{"ids":[1]}}}');
    const bad = openEntryMemo(join(dir, 'bad.json'));
    expect(bad.get('zz')).toBeUndefined();
    expect(await validateEpub(good, 'x.epub', bad)).toEqual([]);
  });
});
