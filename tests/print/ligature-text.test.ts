/**
 * Ligatures in the text layer: a page written as Chromium writes the top of a continued paragraph (the "fi"
 * glyph of "fight" in a span whose ActualText says only "f") reads "fght" with pdftotext; after
 * repairLigatureText it reads "fight", and a span that already says the glyph's letters is left as it was.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { findGlyphSpans, parseToUnicode, repairLigatureText } from '../../src/render/print/ligature-text.js';

// glyph codes: 0001 f, 0002 the fi ligature, 0003 g, 0004 h, 0005 t, 0006 space, 0007 o; 0010-0012 a range (x y z)
const CMAP = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
7 beginbfchar
<0001> <0066>
<0002> <00660069>
<0003> <0067>
<0004> <0068>
<0005> <0074>
<0006> <0020>
<0007> <006F>
endbfchar
1 beginbfrange
<0010> <0012> <0078>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;

/** One page: "fight of" with the ligature's span saying "f" (as Chromium writes it), then "fit" with a right span. */
const CONTENT = `BT
/Span<</ActualText (f) >> BDC
/F1 14 Tf
1 0 0 1 72 700 Tm
<0002> Tj
EMC
ET
BT
/F1 14 Tf
1 0 0 1 80 700 Tm
<0003> Tj 7 0 Td <0004> Tj 7 0 Td <0005> Tj 7 0 Td <0006> Tj 4 0 Td <0007> Tj 7 0 Td <0001> Tj
ET
BT
/F1 14 Tf
1 0 0 1 72 680 Tm
/Span<</ActualText <FEFF00660069> >> BDC
<0002> Tj
EMC
7 0 Td <0005> Tj
ET`;

async function makePdf(cmap = CMAP, content = CONTENT): Promise<PDFDocument> {
  // no dates of the moment (pdf-lib's default): two documents made a second apart must be the same bytes
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([300, 800]);
  const ctx = doc.context;
  const toUnicode = ctx.register(ctx.flateStream(new TextEncoder().encode(cmap)));
  const descriptor = ctx.register(ctx.obj({ Type: 'FontDescriptor', FontName: PDFName.of('Test-Regular'), Flags: 32, FontBBox: [0, -200, 1000, 800], ItalicAngle: 0, Ascent: 800, Descent: -200, CapHeight: 700, StemV: 80 } as never));
  const cid = ctx.register(ctx.obj({ Type: 'Font', Subtype: 'CIDFontType2', BaseFont: PDFName.of('Test-Regular'), CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 }, FontDescriptor: descriptor, DW: 500 } as never));
  const font = ctx.register(ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: PDFName.of('Test-Regular'), Encoding: PDFName.of('Identity-H'), DescendantFonts: [cid], ToUnicode: toUnicode } as never));
  page.node.set(PDFName.of('Resources'), ctx.obj({ Font: { F1: font } } as never));
  page.node.set(PDFName.of('Contents'), ctx.register(ctx.flateStream(new TextEncoder().encode(content))));
  return PDFDocument.load(await doc.save(), { updateMetadata: false });
}

function textOf(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'galley-ligature-'));
  const file = join(dir, 'page.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

describe('ligature text', () => {
  it('reads a ToUnicode CMap, characters and ranges', () => {
    const map = parseToUnicode(CMAP);
    expect(map.get('0002')).toBe('fi');
    expect([map.get('0010'), map.get('0012')]).toEqual(['x', 'z']);
  });

  it('finds the spans over one glyph with their font', () => {
    expect(findGlyphSpans(CONTENT).map((s) => [s.actual, s.font, s.code])).toEqual([
      ['f', 'F1', '0002'],
      ['fi', 'F1', '0002'],
    ]);
  });

  it('a span that lost a ligature letter reads "fght" before and "fight" after; the same bytes every time', async () => {
    const before = await makePdf();
    expect(textOf(await before.save())).toMatch(/\bfght of\b/);
    const doc = await makePdf();
    expect(repairLigatureText(doc)).toBe(1);
    const bytes = await doc.save();
    const text = textOf(bytes);
    expect(text).toMatch(/\bfight of\b/);
    expect(text).toMatch(/\bfit\b/);
    expect(text).not.toMatch(/fght/);
    const again = await makePdf();
    repairLigatureText(again);
    expect(Buffer.from(await again.save()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('a ligature whose ToUnicode entry lost a letter (its first use at a page top) says all of them outside a span too', async () => {
    // the fi glyph's entry says "f"; one span says "fi"; its use outside a span read "fght"
    const cmap = CMAP.replace('<0002> <00660069>', '<0002> <0066>');
    const content = `BT
/F1 14 Tf
1 0 0 1 72 700 Tm
<0002> Tj 7 0 Td <0003> Tj 7 0 Td <0004> Tj 7 0 Td <0005> Tj
ET
BT
/F1 14 Tf
1 0 0 1 72 680 Tm
/Span<</ActualText (fi) >> BDC
<0002> Tj
EMC
7 0 Td <0005> Tj
ET`;
    expect(textOf(await (await makePdf(cmap, content)).save())).toMatch(/\bfght\b/);
    const doc = await makePdf(cmap, content);
    expect(repairLigatureText(doc)).toBe(1);
    const text = textOf(await doc.save());
    expect(text).toMatch(/\bfight\b/);
    expect(text).toMatch(/\bfit\b/);
  });
});
