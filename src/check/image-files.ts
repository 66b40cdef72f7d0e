/**
 * The book's image files read as images before anything is rendered (sharp reads the header, not the
 * pixels): a file that is not a picture of its kind is an error [image-unreadable]; a raster image that
 * would print below 200 ppi is a warning [image-low-resolution]. An image is set no wider than the text
 * block (styles/print/book.css, `max-width: 100%`) and otherwise at its CSS size (96 px to the inch), so it
 * prints min(width / 96, text block) inches wide; SVG is drawn at any size and is not measured.
 */
import sharp from 'sharp';
import type { Diagnostics } from '../diagnostics.js';
import type { BookImage } from '../model/types.js';
import type { ProjectConfig } from '../config/load-project.js';
import { toInches } from '../press/presets.js';

/** What print needs: offset printers ask 300 ppi of photographs, and show softness below about 200. */
export const MIN_PRINT_PPI = 200;
/** CSS pixels to the inch: an image's size in the page when nothing sets it. */
const CSS_PX_PER_INCH = 96;

/** The width of the text block: the trim less the inside and outside margins, in inches. */
export function textBlockInches(print: ProjectConfig['print']): number {
  return toInches(print.width) - toInches(print.margin.inside) - toInches(print.margin.outside);
}

/** The printed width (inches) and resolution of an image `pixels` wide in a text block `block` inches wide. */
export function printedResolution(pixels: number, block: number): { inches: number; ppi: number } {
  const inches = Math.min(pixels / CSS_PX_PER_INCH, block);
  return { inches, ppi: pixels / inches };
}

/** sharp's format names → the media types paths/book-images.ts gives by extension */
const MEDIA_TYPES: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', svg: 'image/svg+xml', webp: 'image/webp' };

const round = (n: number, places = 2) => Number(n.toFixed(places));

/** Read each image's header; returns the images that can be read (the others are errors in `diagnostics`). */
export async function inspectImages(images: BookImage[], print: ProjectConfig['print'], diagnostics: Diagnostics, { resolution = true }: { resolution?: boolean } = {}): Promise<BookImage[]> {
  const block = textBlockInches(print);
  const readable: BookImage[] = [];
  for (const image of images) {
    const where = { file: image.file, line: image.line };
    let width: number | undefined;
    let format: string | undefined;
    try {
      ({ width, format } = await sharp(image.path).metadata());
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message.split('\n')[0];
      diagnostics.error('image-unreadable', `Image ${image.src} cannot be read as ${image.mediaType.replace('image/', '').replace('+xml', '').toUpperCase()} (${why})`, where);
      continue;
    }
    const kind = MEDIA_TYPES[format ?? ''];
    if (kind !== image.mediaType) {
      // packaged under its name's media type, it would be a file the reading system cannot show
      const named = image.mediaType.replace('image/', '').replace('+xml', '').toUpperCase();
      diagnostics.error('image-unreadable', `Image ${image.src} is a${/^[AEIOU]/i.test(format ?? '') ? 'n' : ''} ${(format ?? 'unknown').toUpperCase()} file, not ${named} as its name says: rename it or convert it`, where);
      continue;
    }
    readable.push(image);
    if (!resolution || format === 'svg' || !width) continue;
    const { inches, ppi } = printedResolution(width, block);
    if (ppi >= MIN_PRINT_PPI - 0.5) continue;
    diagnostics.warn(
      'image-low-resolution',
      `Image ${image.src} is ${width} px wide: it prints ${round(inches)} in wide at ${Math.round(ppi)} ppi, below the ${MIN_PRINT_PPI} ppi print needs; for the text block's ${round(block)} in give it at least ${Math.ceil(MIN_PRINT_PPI * block - 1e-6)} px`,
      where,
    );
  }
  return readable;
}
