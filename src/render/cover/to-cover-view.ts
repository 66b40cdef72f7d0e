/**
 * The print cover's plain data: the sheet's geometry in inches (press/cover-geometry.ts), the panels' text
 * (title, author, imprint, the book's description, its source), the colours of the config, and type sizes
 * chosen from the lengths of the texts, so that the template stays free of logic.
 */
import { pathToFileURL } from 'node:url';
import type { ProjectConfig } from '../../config/load-project.js';
import type { CoverGeometry } from '../../press/cover-geometry.js';
import type { PressSettings } from '../../press/presets.js';
import type { Apparatus } from '../../transform/build-apparatus.js';

export interface PrintCoverView {
  lang: string;
  title: string;
  subtitle?: string;
  byline: string;
  imprint: string;
  place?: string;
  description: string[];
  source?: string;
  fontFamily: string;
  fonts: { url: string; weight: number; style: string }[];
  colours: PressSettings['colours'];
  /** lengths as CSS ("5.5in") */
  g: Record<string, string>;
  titleSize: string;
  subtitleSize: string;
  descriptionSize: string;
  spine?: { title: string; byline: string; size: string; rotate: string };
}

const inch = (x: number) => `${Math.round(x * 10_000) / 10_000}in`;

/** Title size on the front: long titles smaller, so that they keep to three or four lines. */
export function frontTitleSize(title: string): number {
  const n = title.length;
  return n <= 16 ? 38 : n <= 30 ? 32 : n <= 50 ? 27 : 23;
}

/** Spine type: as large as the spine allows between its fold margins, at most 13 pt; smaller for long text. */
export function spineTypeSize(geometry: CoverGeometry, settings: Pick<PressSettings, 'spineFoldMargin' | 'coverSafety'>, text: string): number {
  const across = (geometry.spine - 2 * settings.spineFoldMargin) * 72; // points between the folds' margins
  const along = (geometry.trimHeight - 2 * Math.max(settings.coverSafety, 0.5)) * 72;
  // capitals and small capitals of a Garamond run about 0.62 em a letter, with the letter-spacing
  const byLength = along / (Math.max(1, text.length) * 0.62);
  return Math.max(6, Math.min(13, across * 0.62, byLength));
}

export function toPrintCoverView(apparatus: Apparatus, project: ProjectConfig, settings: PressSettings, geometry: CoverGeometry): PrintCoverView {
  const { bleed, trimWidth, trimHeight, spine } = geometry;
  const b = settings.barcode;
  const source = apparatus.sources[0]?.citation;
  const spineTitle = apparatus.title;
  const spineText = `${spineTitle}   ${apparatus.byline}   ${apparatus.imprint.name}`;
  const spineSize = spineTypeSize(geometry, settings, spineText);
  const description = apparatus.description.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const descriptionLength = apparatus.description.length;
  return {
    lang: apparatus.language,
    title: apparatus.title,
    subtitle: apparatus.subtitle,
    byline: apparatus.byline,
    imprint: apparatus.imprint.name,
    place: apparatus.imprint.place,
    description,
    source: source ? `This edition reissues the text of ${apparatus.sources[0].title}, ${source}.` : undefined,
    fontFamily: project.fonts.body.family,
    fonts: project.fonts.body.faces.map((f) => ({ url: pathToFileURL(f.file).href, weight: f.weight, style: f.style })),
    colours: settings.colours,
    g: {
      sheetWidth: inch(geometry.sheetWidth),
      sheetHeight: inch(geometry.sheetHeight),
      bleed: inch(bleed),
      trimWidth: inch(trimWidth),
      trimHeight: inch(trimHeight),
      spine: inch(spine),
      backLeft: inch(bleed),
      spineLeft: inch(bleed + trimWidth),
      frontLeft: inch(bleed + trimWidth + spine),
      // live text keeps 0.5 in from the trim (more than either printer asks) and clear of the spine fold
      live: inch(Math.max(0.5, settings.coverSafety)),
      frame: inch(Math.max(0.38, settings.coverSafety + 0.13)),
      barcodeWidth: inch(b.width),
      barcodeHeight: inch(b.height),
      barcodeBottom: inch(bleed + b.fromBottom),
      barcodeLeft: inch(bleed + trimWidth - b.fromSpine - b.width),
    },
    titleSize: `${frontTitleSize(apparatus.title)}pt`,
    subtitleSize: `${frontTitleSize(apparatus.title) > 27 ? 14 : 12.5}pt`,
    descriptionSize: `${descriptionLength <= 400 ? 13 : descriptionLength <= 900 ? 11.5 : 10}pt`,
    spine: geometry.spineText
      ? { title: spineTitle, byline: apparatus.byline, size: `${Math.round(spineSize * 10) / 10}pt`, rotate: settings.spineDirection === 'top-to-bottom' ? '90deg' : '-90deg' }
      : undefined,
  };
}
