/**
 * Images (issue 10): an image without alternative text is a warning at its file and line [image-alt-missing]
 * (so --strict fails it); an image is packaged into the EPUB with its media type (read back by unzip).
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { BOOK, CHAPTER, epubEntries, epubFile, keepFontCache, scratchProject, startGalley } from '../hostile/scratch.js';

const png = () => sharp({ create: { width: 600, height: 400, channels: 3, background: '#357' } }).png().toBuffer();

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
