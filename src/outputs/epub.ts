/** The EPUB 3 (epub-gen-memory), with a supplied cover (book.yaml `cover`) or one made from the cover template. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GalleyError } from '../diagnostics.js';
import type { Book } from '../model/types.js';
import { resolveProjectPath } from '../paths/resolve-path.js';
import { buildApparatus } from '../transform/build-apparatus.js';
import type { OutputContext, OutputDef } from './types.js';

async function coverFor(book: Book, ctx: OutputContext): Promise<Uint8Array> {
  const { options, revision } = ctx;
  if (book.meta.cover) {
    const file = `content/${book.slug}/book.yaml`;
    if (!existsSync(join(book.dir, book.meta.cover))) throw new GalleyError('cover-missing', `Cover image ${book.meta.cover} not found`, { file });
    const path = resolveProjectPath({ root: options.project.root, base: book.dir, value: book.meta.cover, kind: 'cover', key: 'cover', file });
    const { default: sharp } = await import('sharp');
    return sharp(path).resize(1600, 2560, { fit: 'cover' }).jpeg({ quality: 86, mozjpeg: true }).toBuffer();
  }
  const { makeCover } = await import('../render/shared/make-cover.js');
  return makeCover(buildApparatus(book, options.project, { galleyVersion: options.galleyVersion, revision }), options.project, join(options.project.root, '.cache'));
}

export const epubOutput: OutputDef = {
  id: 'epub',
  file: (slug) => `${slug}.epub`,
  inputs: ['templates/epub', 'templates/partials', 'templates/cover', 'styles/epub'],
  needs: [],
  usesModified: true,
  reusesPrevious: true,
  async build(ctx) {
    const { book, options, revision, modified } = ctx;
    const { renderEpub } = await import('../render/epub/render-epub.js');
    const { ZIP_WRITER } = await import('../render/epub/package-epub.js');
    const cover = await coverFor(book, ctx);
    // the last build's EPUB, if the same zip writer made it: its unchanged files keep their deflated bytes
    const previous = ctx.previous?.facts?.zip === ZIP_WRITER ? ctx.previous.bytes : undefined;
    const bytes = await renderEpub(book, options.project, { galleyVersion: options.galleyVersion, revision, modified, cover, cacheDir: join(options.project.root, '.cache'), previous });
    // its files' CRCs: what the next build's change report compares with
    const { zipEntries } = await import('../build/change-report.js');
    return { bytes, facts: { files: zipEntries(bytes), zip: ZIP_WRITER } };
  },
  async validate(bytes, ctx, where) {
    const { validateEpub } = await import('../check/validate-epub.js');
    // what the last validation found in the entries this EPUB shares with the last one (check/entry-memo.ts)
    const { openEntryMemo } = await import('../check/entry-memo.js');
    const memo = openEntryMemo(join(ctx.options.project.root, '.cache', 'epub-checked', `${ctx.book.slug}.json`));
    const found = await validateEpub(bytes, where, memo);
    memo.save();
    return found;
  },
};
