/**
 * The cover sheet of a paperback, from the trim size, the interior's page count and the preset: back, spine
 * and front side by side, with bleed all round. All lengths in inches.
 *
 *   sheet width  = bleed + trim width + spine + trim width + bleed
 *   sheet height = bleed + trim height + bleed
 *   spine        = pages × spine thickness a page (KDP white: 0.002252 in; Vol. 6, 356 pages → 0.802 in)
 */
import type { PressSettings } from './presets.js';

export interface CoverGeometry {
  pages: number;
  trimWidth: number;
  trimHeight: number;
  bleed: number;
  spine: number;
  sheetWidth: number;
  sheetHeight: number;
  /** the spine is wide enough for its title and author */
  spineText: boolean;
}

/** Rounded to 1/10000 in, the precision of KDP's calculator. */
function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

export function computeCoverGeometry(settings: Pick<PressSettings, 'spinePerPage' | 'bleed' | 'spineTextMinPages'>, trimWidth: number, trimHeight: number, pages: number): CoverGeometry {
  const spine = round4(pages * settings.spinePerPage);
  return {
    pages,
    trimWidth,
    trimHeight,
    bleed: settings.bleed,
    spine,
    sheetWidth: round4(2 * settings.bleed + 2 * trimWidth + spine),
    sheetHeight: round4(2 * settings.bleed + trimHeight),
    spineText: pages >= settings.spineTextMinPages,
  };
}
