/**
 * The space under the footnotes that puts their last line on the text block's last baseline (a page grid):
 * the text block holds a whole number of lines, and what is left at its foot, plus the difference between
 * where a body line and a note line sit in their line boxes, goes under the notes. Without it the notes' last
 * line stood 8.3 pt below a full page's last line. Example: 10.5pt on 1.35, a 7in text block → 35 lines,
 * 7.4pt under the notes.
 */
import { readFileSync } from 'node:fs';

/** The notes' type, as styles/print/book.css sets it (.footnote): size and leading, and the gap under each. */
export const NOTE_SIZE = 0.82;
export const NOTE_LEADING = 1.3;
export const NOTE_GAP = 0.15;

const POINTS: Record<string, number> = { in: 72, mm: 72 / 25.4, cm: 72 / 2.54, pt: 1, px: 0.75, pc: 12 };

function points(length: string): number | undefined {
  const m = /^\s*([\d.]+)\s*(in|mm|cm|pt|px|pc)\s*$/.exec(length);
  return m ? Number(m[1]) * POINTS[m[2]] : undefined;
}

/** Ascent and descent of a TrueType/OpenType font, in ems (its hhea table). */
export function fontExtent(file: string): { ascent: number; descent: number } | undefined {
  try {
    const b = readFileSync(file);
    let hhea = -1;
    let head = -1;
    for (let i = 0; i < b.readUInt16BE(4); i++) {
      const tag = b.toString('ascii', 12 + 16 * i, 16 + 16 * i);
      if (tag === 'hhea') hhea = b.readUInt32BE(20 + 16 * i);
      if (tag === 'head') head = b.readUInt32BE(20 + 16 * i);
    }
    if (hhea < 0 || head < 0) return undefined;
    const upm = b.readUInt16BE(head + 18);
    return { ascent: b.readInt16BE(hhea + 4) / upm, descent: -b.readInt16BE(hhea + 6) / upm };
  } catch {
    return undefined;
  }
}

export interface PageGrid {
  height: string;
  top: string;
  bottom: string;
  fontSize: string;
  lineHeight: number;
}

/** The padding under the notes, in pt (e.g. "7.40pt"), or undefined when a length or the font is unreadable. */
export function noteFootPadding(page: PageGrid, fontFile: string): string | undefined {
  const [height, top, bottom, size] = [page.height, page.top, page.bottom, page.fontSize].map(points);
  const extent = fontExtent(fontFile);
  if (height === undefined || top === undefined || bottom === undefined || size === undefined || !extent) return undefined;
  const block = height - top - bottom;
  const leading = size * page.lineHeight;
  const lines = Math.floor(block / leading + 1e-6);
  const content = extent.ascent + extent.descent;
  /** a line's baseline above the foot of its line box */
  const baseAboveFoot = (fontSize: number, lineLeading: number) => (lineLeading - content * fontSize) / 2 + extent.descent * fontSize;
  const noteSize = size * NOTE_SIZE;
  const pad = block - lines * leading + baseAboveFoot(size, leading) - baseAboveFoot(noteSize, noteSize * NOTE_LEADING) - NOTE_GAP * noteSize;
  return pad > 0 ? `${pad.toFixed(2)}pt` : undefined;
}
