/**
 * The images a book's chapters show (`![alt](src)`), checked before anything is rendered: galley reads no
 * file outside the project and fetches nothing, so a remote address (`http(s)://`), any other scheme
 * (`file:`, `data:`), an absolute path, or a path leading out of the project is an error at its file and
 * line. Local images are resolved (symlinks followed) so the EPUB can package them and the PDF's browser
 * is allowed to load exactly these files.
 */
import { accessSync, constants } from 'node:fs';
import { basename, extname } from 'node:path';
import { GalleyError, type Diagnostics } from '../diagnostics.js';
import type { Book, BookImage, Chapter } from '../model/types.js';
import type { Token } from '../render/shared/markdown.js';
import { resolveProjectPath } from './resolve-path.js';

export const IMAGE_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

function* imagesOf(tokens: Token[], line = 0): Generator<{ src: string; line: number; alt: string }> {
  for (const t of tokens) {
    const at = t.map ? t.map[0] + 1 : line;
    if (t.type === 'image') yield { src: String(t.attrGet('src') ?? ''), line: at, alt: (t.children ?? []).map((c) => c.content).join('').trim() };
    if (t.children) yield* imagesOf(t.children, at);
  }
}

function chapterImages(chapter: Chapter): { src: string; line: number; alt: string }[] {
  return [...imagesOf(chapter.tokens), ...chapter.notes.flatMap((n) => [...imagesOf(n.tokens)])];
}

/** Check every image of the book; returns the local ones (an error for each bad one goes to `diagnostics`). */
export function resolveBookImages(book: Book, root: string, displayDir: string, diagnostics: Diagnostics): BookImage[] {
  const found = new Map<string, BookImage>();
  for (const chapter of book.chapters) {
    const file = `${displayDir}/${chapter.file}`;
    for (const { src, line, alt } of chapterImages(chapter)) {
      const where = { file, line };
      // a reader who cannot see the image hears its alternative text (EPUB Accessibility, WCAG 1.1.1)
      if (!alt) diagnostics.warn('image-alt-missing', `Image ${src.slice(0, 60)} has no alternative text: write what it shows between the brackets, ![a lamp on a desk](${src.slice(0, 60)})`, where);
      if (/^https?:/i.test(src)) {
        diagnostics.error('image-remote', `Image ${src} is on the network: galley fetches nothing when it builds; save the file in the book folder and link it by a relative path`, where);
        continue;
      }
      if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(src) || src.startsWith('//')) {
        diagnostics.error('image-url', `Image ${src.slice(0, 60)} is an address (${src.split(':')[0]}:), not a file in the book`, where);
        continue;
      }
      if (src.startsWith('/') || src.startsWith('\\')) {
        diagnostics.error('image-absolute', `Image ${src} is an absolute path: give a path relative to the book folder`, where);
        continue;
      }
      if (found.has(src)) continue;
      let path: string;
      try {
        path = resolveProjectPath({ root, base: book.dir, value: decodeURIComponent(src), kind: 'image', key: 'image', ...where });
      } catch (error) {
        if (!(error instanceof GalleyError)) throw error;
        diagnostics.error(error.code === 'path-missing' ? 'image-missing' : error.code, error.message, where);
        continue;
      }
      try {
        accessSync(path, constants.R_OK);
      } catch (error) {
        diagnostics.error('image-unreadable', `Image ${src} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, where);
        continue;
      }
      const mediaType = IMAGE_TYPES[extname(path).toLowerCase()];
      if (!mediaType) {
        diagnostics.error('image-type', `Image ${src} is not a JPEG, PNG, GIF, SVG or WebP file`, where);
        continue;
      }
      found.set(src, { src, path, href: `images/${found.size + 1}-${basename(path).replace(/[^A-Za-z0-9._-]/g, '_')}`, mediaType, ...where });
    }
  }
  return [...found.values()];
}
