/**
 * A rebuild's package reuses the deflated files of the earlier one (render/epub/package-epub.ts), and its bytes
 * are those of a package made from nothing: after an edit, after a file is added, and from an earlier package
 * that is damaged. The texts are long enough that deflate has real work (and a stale entry would show).
 */
import { describe, expect, it } from 'vitest';
import { packageEpub, packageEpubReusing, type EpubFile } from '../../src/render/epub/package-epub.js';

const date = new Date('2026-03-04T05:06:07Z');
const words = (seed: number, n: number) => Array.from({ length: n }, (_, i) => `word${(i * 7919 + seed * 104729) % 1013}`).join(' ');
const chapter = (k: number, text = words(k, 3000)) => ({ path: `chapter-${k}.xhtml`, data: `<?xml version="1.0" encoding="UTF-8"?>\n<html><body><p>${text}</p></body></html>\n` });
const files = (): EpubFile[] => [
  { path: 'content.opf', data: `<package>${words(99, 200)}</package>` },
  ...[1, 2, 3, 4].map((k) => chapter(k)),
  { path: 'style.css', data: 'p { margin: 0 }\n' },
  { path: 'images/cover.jpg', data: new Uint8Array(Array.from({ length: 5000 }, (_, i) => (i * 31) % 256)) },
  { path: 'fonts/face.ttf', data: new Uint8Array(Array.from({ length: 20000 }, (_, i) => (i * i) % 251)) },
];
const pack = (list: EpubFile[], previous?: Uint8Array) => packageEpubReusing({ title: 'T', lang: 'en', files: list, date, previous });

describe('packaging an EPUB again after a correction', () => {
  it('keeps the unchanged files deflated as they were, and gives the bytes of a package made from nothing', async () => {
    const first = await packageEpub({ title: 'T', lang: 'en', files: files(), date });
    const edited = files().map((f) => (f.path === 'chapter-3.xhtml' ? chapter(3, words(3, 3000).replace('word', 'wort')) : f));
    const again = await pack(edited, first);
    const fresh = await pack(edited);
    expect(fresh.reused).toEqual([]);
    expect(Buffer.compare(again.bytes, fresh.bytes)).toBe(0);
    expect(again.reused).toContain('OEBPS/chapter-1.xhtml');
    expect(again.reused).toContain('OEBPS/fonts/face.ttf');
    expect(again.reused).toContain('OEBPS/images/cover.jpg');
    expect(again.reused).toContain('mimetype');
    expect(again.reused).not.toContain('OEBPS/chapter-3.xhtml');
    expect(again.reused).toHaveLength(9); // every file but the edited chapter: mimetype, container.xml, the OPF, 3 chapters, CSS, image, font
    // and the old package's chapter 3 did differ: the reuse compared contents, it did not keep everything
    expect(Buffer.compare(again.bytes, first)).not.toBe(0);
  });

  it('makes the package from nothing when the files are not the same list (one added)', async () => {
    const first = await packageEpub({ title: 'T', lang: 'en', files: files(), date });
    const more = [...files(), chapter(5)];
    const again = await pack(more, first);
    expect(again.reused).toEqual([]);
    expect(Buffer.compare(again.bytes, (await pack(more)).bytes)).toBe(0);
  });

  it('ignores a damaged earlier package', async () => {
    const first = await packageEpub({ title: 'T', lang: 'en', files: files(), date });
    const edited = files().map((f) => (f.path === 'chapter-1.xhtml' ? chapter(1, 'changed') : f));
    const fresh = (await pack(edited)).bytes;
    for (const damaged of [first.subarray(0, first.length - 30), Buffer.from(first).fill(0, 200, 400), Buffer.alloc(10)]) {
      const again = await pack(edited, damaged);
      expect(Buffer.compare(again.bytes, fresh)).toBe(0);
    }
  });
});

describe('a one-edit rebuild as galley build makes it', () => {
  it('is byte-identical to a forced build from nothing of the same content', async () => {
    const { readFileSync, rmSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { BOOK, galley, scratchProject } = await import('../hostile/scratch.js');
    const s = scratchProject();
    try {
      expect((await galley(s.dir, ['build', '--epub', '--quiet'])).code).toBe(0);
      writeFileSync(s.chapter, readFileSync(s.chapter, 'utf8').replace(/ the /, ' this '));
      const edited = await galley(s.dir, ['--json', 'build', '--epub', '--quiet']);
      expect(edited.code).toBe(0);
      expect(JSON.parse(edited.stdout).books[0].outputs[0].built).toBe(true);
      const incremental = readFileSync(join(s.dir, 'dist', `${BOOK}.epub`));
      rmSync(join(s.dir, '.cache'), { recursive: true, force: true });
      expect((await galley(s.dir, ['build', '--epub', '--quiet', '--force'])).code).toBe(0);
      expect(Buffer.compare(readFileSync(join(s.dir, 'dist', `${BOOK}.epub`)), incremental)).toBe(0);
    } finally {
      rmSync(s.dir, { recursive: true, force: true });
    }
  });
});
