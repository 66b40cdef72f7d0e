/**
 * A build that cannot ship an invalid book (issue 13): `galley build` reads back what it made before writing
 * it (src/check/validate-epub.ts, validate-pdf.ts), and a PDF that fell back to a system font fails. Before
 * (main at ca32985): a regular face the browser could not load gave a PDF in LiberationSerif/DejaVu with
 * exit 0, and no structural validation of the EPUB existed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { validateEpub } from '../../src/check/validate-epub.js';
import { fallbackFontErrors, isCutShort } from '../../src/check/validate-pdf.js';
import { ROOT } from '../helpers/books.js';
import { BOOK, galley, pdfFacts, scratchProject } from './scratch.js';

const FONT = join(ROOT, 'node_modules/@expo-google-fonts/eb-garamond/400Regular/EBGaramond_400Regular.ttf');

/** EB Garamond Regular with one table filled with 0xff: `head` (galley refuses it up front) or `hhea` (only the browser refuses it; a damaged `maxp` is refused up front since its glyph count no longer fits the loca table). */
function damagedFont(table: string): Buffer {
  const b = Buffer.from(readFileSync(FONT));
  const count = b.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    if (b.toString('latin1', at, at + 4) !== table) continue;
    const offset = b.readUInt32BE(at + 8);
    b.fill(0xff, offset, offset + b.readUInt32BE(at + 12));
  }
  return b;
}

/** EB Garamond Regular with its loca table (long offsets) edited: all 0xff, or one glyph's offset set to 0 (offsets going backwards). */
function damagedLoca(how: 'filled' | 'backwards'): Buffer {
  const b = Buffer.from(readFileSync(FONT));
  const count = b.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    if (b.toString('latin1', at, at + 4) !== 'loca') continue;
    const offset = b.readUInt32BE(at + 8);
    if (how === 'filled') b.fill(0xff, offset, offset + b.readUInt32BE(at + 12));
    else b.writeUInt32BE(0, offset + 4 * 100);
  }
  return b;
}

function projectWithRegular(bytes: Buffer) {
  const s = scratchProject();
  writeFileSync(join(s.dir, 'regular.ttf'), bytes);
  // the regular face a file of the project; the other faces stay in the package
  const yaml = s
    .read('galley.yaml')
    .replace(/^\s*package: .*\n/m, '')
    .replace(/file: (\d+\w+\/)/g, 'package: "@expo-google-fonts/eb-garamond", file: $1')
    .replace(/package: "[^"]+", file: 400Regular\/EBGaramond_400Regular\.ttf/, 'file: regular.ttf');
  writeFileSync(join(s.dir, 'galley.yaml'), yaml);
  return s;
}

describe('a broken regular font never gives a PDF in a fallback font', () => {
  it('a font file that is not a whole font is refused up front, by name', async () => {
    const s = projectWithRegular(damagedFont('head'));
    const r = await galley(s.dir, ['build', '--pdf', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Font file regular\.ttf is not a usable font: its head table is damaged.*\[font-invalid\]/);
  });

  for (const how of ['filled', 'backwards'] as const) {
    it(`a font whose loca table is damaged (${how}) is refused up front as font-invalid, by name`, async () => {
      const s = projectWithRegular(damagedLoca(how));
      const r = await galley(s.dir, ['build', '--pdf', '--quiet']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/Font file regular\.ttf is not a usable font: its loca table is damaged \(glyph \d+ (runs past the glyf table|starts before glyph \d+)\).*\[font-invalid\]/);
      expect(r.stderr).not.toMatch(/\[pdf-font-fallback\]/);
    }, 120_000);
  }

  it('a face the browser cannot load: the PDF is an error naming the fallback font and its pages, and is not written', async () => {
    const s = projectWithRegular(damagedFont('hhea'));
    const r = await galley(s.dir, ['build', '--pdf', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/dist\/letter-to-huysmans\.pdf error The PDF uses (\S+) on pages? [\d, …]+, a font the book did not ask for \(it asked for EB Garamond: .*EBGaramond-Regular.*\): .*\[pdf-font-fallback\]/);
    expect(r.stderr).toMatch(/\[output-invalid\]/);
    expect(() => readFileSync(join(s.dir, 'dist', `${BOOK}.pdf`))).toThrow();
  });

  it('the fonts of a good build are all asked for', async () => {
    const s = scratchProject();
    const r = await galley(s.dir, ['build', '--pdf', '--quiet']);
    expect(r.code).toBe(0);
    expect(pdfFacts(join(s.dir, 'dist', `${BOOK}.pdf`)).fonts).toMatch(/EBGaramond-Regular/);
  });

  it('fallbackFontErrors names each font not asked for, with its pages', () => {
    const uses = [
      { name: 'AAAAAA+EBGaramond-Regular', embedded: true, pages: new Set([1, 2]) },
      { name: 'BBBBBB+LiberationSerif', embedded: true, pages: new Set([3, 1]) },
    ];
    const found = fallbackFontErrors(uses, ['EBGaramond-Regular', 'EBGaramond-Italic'], 'EB Garamond', 'dist/x.pdf');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/^The PDF uses LiberationSerif on pages 1, 3, /);
  });
});

describe('the EPUB is read back before it is written', () => {
  async function built(): Promise<Uint8Array> {
    const s = scratchProject();
    expect((await galley(s.dir, ['build', '--epub', '--quiet'])).code).toBe(0);
    return readFileSync(join(s.dir, 'dist', `${BOOK}.epub`));
  }
  const codes = async (bytes: Uint8Array) => (await validateEpub(bytes, 'x.epub')).map((d) => d.code);

  it('the built EPUB passes; each kind of damage is its own error', async () => {
    const good = await built();
    expect(await codes(good)).toEqual([]);
    const zip = await JSZip.loadAsync(good);
    const chapter = Object.keys(zip.files).find((n) => /^OEBPS\/\d+-.*\.xhtml$/.test(n))!;
    const text = await zip.file(chapter)!.async('string');
    const variant = async (edit: (z: JSZip) => void) => {
      const z = await JSZip.loadAsync(good);
      edit(z);
      return z.generateAsync({ type: 'uint8array' });
    };
    // JSZip writes mimetype first as it was read, compressed when asked
    expect(await codes(await variant((z) => z.file('mimetype', 'application/epub+zip', { compression: 'DEFLATE' })))).toContain('epub-mimetype');
    expect(await codes(await variant((z) => z.remove('OEBPS/images/cover.jpg')))).toContain('epub-manifest-missing');
    expect(await codes(await variant((z) => z.file(chapter, text.replace('</body>', '<p><img src="images/nowhere.png" alt=""/></p></body>'))))).toContain('epub-resource-missing');
    expect(await codes(await variant((z) => z.file(chapter, text.replace('</body>', '<p id="twice"></p><p id="twice"></p></body>'))))).toContain('epub-id-duplicate');
    expect(await codes(await variant((z) => z.file(chapter, text.replace('</body>', '<p><b>unclosed</p></body>'))))).toContain('epub-xml');
    expect(await codes(await variant((z) => z.file(chapter, text.replace('</body>', '<p><a href="#no-such-id">x</a></p></body>'))))).toContain('epub-fragment-missing');
    const opf = await zip.file('OEBPS/content.opf')!.async('string');
    expect(await codes(await variant((z) => z.file('OEBPS/content.opf', opf.replace(/ properties="nav"/, ''))))).toContain('epub-nav-missing');
    expect(await codes(good.subarray(0, good.length - 200))).toContain('epub-zip');
  });

  it('a PDF cut short is seen as cut short', () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');
    expect(isCutShort(pdf)).toBe(true);
    expect(isCutShort(Buffer.concat([pdf, Buffer.from('startxref\n9\n%%EOF\n')]))).toBe(false);
  });
});
