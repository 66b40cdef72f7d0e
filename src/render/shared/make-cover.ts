/**
 * A cover image for books that supply none: a Handlebars SVG template (title, author, imprint) rendered to a
 * 1600×2560 JPEG by sharp, in the book's own typeface (through a fontconfig file naming the font folders).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFileAtomic } from '../../build/write-atomic.js';
import { dirname, join } from 'node:path';
import type { ProjectConfig } from '../../config/load-project.js';
import type { Apparatus } from '../../transform/build-apparatus.js';
import { setOwnFontconfig } from './fontconfig-env.js';
import { getTemplate } from './handlebars-env.js';

export const COVER_WIDTH = 1600;
export const COVER_HEIGHT = 2560;

/** Break text into lines of at most `max` characters, at spaces. */
export function wrapWords(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export interface CoverView {
  [key: string]: unknown;
}

export function toCoverView(apparatus: Apparatus, family: string): CoverView {
  const longest = apparatus.title.length;
  const titleSize = longest > 60 ? 110 : longest > 30 ? 130 : 150;
  const perLine = Math.floor(2400 / titleSize);
  const titleLines = wrapWords(apparatus.title, perLine);
  const top = 1050 - ((titleLines.length - 1) * titleSize * 1.15) / 2;
  const lines = titleLines.map((text, i) => ({ text, y: Math.round(top + i * titleSize * 1.15) }));
  const subTop = lines[lines.length - 1].y + 170;
  const subtitleLines = apparatus.subtitle ? wrapWords(apparatus.subtitle, 34).map((text, i) => ({ text, y: subTop + i * 90 })) : [];
  return {
    width: COVER_WIDTH,
    height: COVER_HEIGHT,
    frameWidth: COVER_WIDTH - 180,
    frameHeight: COVER_HEIGHT - 180,
    innerWidth: COVER_WIDTH - 220,
    innerHeight: COVER_HEIGHT - 220,
    center: COVER_WIDTH / 2,
    background: '#6e1d1d',
    ink: '#f3e9d2',
    family,
    byline: apparatus.byline.toUpperCase(),
    bylineY: 520,
    ruleX1: 600,
    ruleX2: 1000,
    ruleY: 640,
    titleSize,
    titleLines: lines,
    subtitleLines,
    imprint: apparatus.imprint.name.toUpperCase(),
    imprintY: COVER_HEIGHT - 260,
  };
}

export function renderCoverSvg(apparatus: Apparatus, project: ProjectConfig): string {
  return getTemplate('cover/cover.svg.hbs', project.look)(toCoverView(apparatus, project.fonts.body.family));
}

/**
 * Point fontconfig at the project's font folders before sharp first renders text. Done once per process;
 * a FONTCONFIG_FILE set by the user wins.
 */
function configureFonts(project: ProjectConfig, cacheDir: string): void {
  if (process.env.FONTCONFIG_FILE) return;
  const dirs = [...new Set(project.fonts.body.faces.map((f) => dirname(f.file)))];
  const file = join(cacheDir, 'fonts.conf');
  mkdirSync(cacheDir, { recursive: true });
  const conf = `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${dirs
    .map((d) => `  <dir>${d}</dir>`)
    .join('\n')}\n  <dir>/usr/share/fonts</dir>\n  <cachedir>${join(cacheDir, 'cache')}</cachedir>\n</fontconfig>\n`;
  writeFileSync(file, conf);
  setOwnFontconfig(file);
}

/** The cover as JPEG bytes; kept in cacheDir/covers by the hash of its SVG, so a rebuild skips sharp. */
export async function makeCover(apparatus: Apparatus, project: ProjectConfig, cacheDir: string): Promise<Buffer> {
  const svg = renderCoverSvg(apparatus, project);
  const fonts = project.fonts.body.faces.map((f) => f.file).join('\0');
  const cached = join(cacheDir, 'covers', `${createHash('sha256').update(svg).update(fonts).digest('hex').slice(0, 32)}.jpg`);
  if (existsSync(cached)) return readFileSync(cached);
  configureFonts(project, join(cacheDir, 'fontconfig'));
  const { default: sharp } = await import('sharp');
  const jpeg = await sharp(Buffer.from(svg)).jpeg({ quality: 86, mozjpeg: true }).toBuffer();
  writeFileAtomic(cached, jpeg);
  return jpeg;
}
