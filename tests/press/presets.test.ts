/**
 * Presets, cover geometry and the press file steps, each checked against an independent statement of the
 * rule: the printers' formulas written out here (not the module's), Ghostscript's inkcov and poppler on
 * the files made.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { hashInputs } from '../../src/build/input-hash.js';
import { readContentFacts } from '../../src/check/pdf-content.js';
import { readInkCoverage } from '../../src/check/press.js';
import { withNeeds } from '../../src/outputs/registry.js';
import { computeCoverGeometry } from '../../src/press/cover-geometry.js';
import { minGutter, PRESETS, refusePageCount, resolvePress, toInches } from '../../src/press/presets.js';
import { pressMargins, prepareInterior } from '../../src/render/press/make-interior.js';
import { fixDocumentId, toPdfx } from '../../src/render/press/to-pdfx.js';
import { spineTypeSize } from '../../src/render/cover/to-cover-view.js';
import { ROOT } from '../helpers/books.js';

const scratch = mkdtempSync(join(tmpdir(), 'galley-press-unit-'));

describe('cover geometry against the printers’ formulas', () => {
  // KDP: spine = pages × 0.002252 in (white) or × 0.0025 in (cream); sheet = 0.125 + trim + spine + trim + 0.125
  const kdp = (pages: number, perPage: number) => ({ spine: pages * perPage, width: 0.125 + 5.5 + pages * perPage + 5.5 + 0.125, height: 8.5 + 0.25 });
  it.each([
    ['white', 356, 0.002252],
    ['cream', 356, 0.0025],
    ['white', 112, 0.002252],
    ['cream', 32, 0.0025],
    ['white', 828, 0.002252],
  ])('KDP %s, %i pages', (paper, pages, perPage) => {
    const g = computeCoverGeometry(resolvePress({ printer: 'kdp', paper }, undefined), 5.5, 8.5, pages);
    const want = kdp(pages, perPage);
    expect(g.spine).toBeCloseTo(want.spine, 4);
    expect(g.sheetWidth).toBeCloseTo(want.width, 4);
    expect(g.sheetHeight).toBeCloseTo(want.height, 4);
  });
  it('Works, Vol. 6 at 356 pages on KDP white: a 0.802 in spine, a 12.05 × 8.75 in sheet (the issue’s figures)', () => {
    const g = computeCoverGeometry(resolvePress({ printer: 'kdp', paper: 'white' }, undefined), 5.5, 8.5, 356);
    expect(g.spine.toFixed(3)).toBe('0.802');
    expect(g.sheetWidth.toFixed(2)).toBe('12.05');
    expect(g.sheetHeight).toBe(8.75);
  });
  it('IngramSpark: pages ÷ pages per inch (440 white, 430 creme)', () => {
    const white = computeCoverGeometry(resolvePress({ printer: 'ingramspark', paper: 'white' }, undefined), 6, 9, 300);
    expect(white.spine).toBeCloseTo(300 / 440, 4);
    expect(white.sheetWidth).toBeCloseTo(0.25 + 12 + 300 / 440, 4);
    const creme = computeCoverGeometry(resolvePress({ printer: 'ingramspark' }, undefined), 6, 9, 300);
    expect(creme.spine).toBeCloseTo(300 / 430, 4);
  });
  it('spine text from the preset’s page count only, and its type fits between the folds', () => {
    const settings = resolvePress({ printer: 'kdp', paper: 'white' }, undefined);
    expect(computeCoverGeometry(settings, 5.5, 8.5, 99).spineText).toBe(false);
    expect(computeCoverGeometry(settings, 5.5, 8.5, 100).spineText).toBe(true);
    const g = computeCoverGeometry(settings, 5.5, 8.5, 100);
    const size = spineTypeSize(g, settings, 'The Foundations of Leninism   J. V. Stalin   Galley Editions');
    expect(size).toBeLessThanOrEqual((g.spine - 2 * 0.0625) * 72);
  });
});

describe('presets and the config over them', () => {
  it('galley.yaml overrides the preset and book.yaml overrides galley.yaml', () => {
    const s = resolvePress({ printer: 'kdp', paper: 'white', bleed: '3mm', cover: { background: '#102030' } }, { 'spine-per-page': 0.003, 'blank-final-page': true });
    expect(s.bleed).toBeCloseTo(3 / 25.4, 6);
    expect(s.spinePerPage).toBe(0.003);
    expect(s.blankFinalPage).toBe(true);
    expect(s.colours.background).toBe('#102030');
    expect(s.colours.ink).toBe('#f3e9d2');
    expect(resolvePress({ printer: 'kdp' }, { printer: 'ingramspark' }).printer).toBe('ingramspark');
  });
  it('a paper the printer does not offer is an error that lists its papers', () => {
    expect(() => resolvePress({ printer: 'kdp', paper: 'creme' }, undefined)).toThrow(/no paper "creme" \(choices: white, cream\)/);
  });
  it('page counts the printer refuses', () => {
    const kdp = resolvePress({ printer: 'kdp', paper: 'cream' }, undefined);
    expect(refusePageCount(kdp, 12)).toMatch(/at least 24 pages/);
    expect(refusePageCount(kdp, 24)).toBeUndefined();
    expect(refusePageCount(kdp, 777)).toMatch(/at most 776/);
    expect(refusePageCount(resolvePress({ printer: 'ingramspark' }, undefined), 18)).toBeUndefined();
  });
  it('KDP’s gutter grows with the page count; the margins never shrink below galley.yaml’s', () => {
    const kdp = resolvePress({ printer: 'kdp' }, undefined);
    expect([24, 150, 151, 300, 301, 500, 501, 700, 701].map((p) => minGutter(kdp, p))).toEqual([0.375, 0.375, 0.5, 0.5, 0.625, 0.625, 0.75, 0.75, 0.875]);
    const narrow = { top: '0.3in', bottom: '0.3in', inside: '0.5in', outside: '0.3in' };
    const m = pressMargins(narrow, kdp, 720);
    expect(toInches(m.inside)).toBeCloseTo(0.875);
    expect(toInches(m.outside)).toBeCloseTo(0.5); // the 0.5 in safety margin
    expect(toInches(m.top)).toBeGreaterThanOrEqual(0.5 + 0.3); // room for the running head outside it
    expect(pressMargins({ top: '1in', bottom: '1in', inside: '1in', outside: '1in' }, kdp, 720)).toEqual({ top: '1in', bottom: '1in', inside: '1in', outside: '1in' });
  });
  it('every preset names its sources', () => {
    for (const p of Object.values(PRESETS)) expect(p.sources.every((s) => s.startsWith('https://'))).toBe(true);
  });
});

describe('the registry and the cache', () => {
  it('the cover brings the interior, built before it', () => {
    expect(withNeeds(['cover']).map((o) => o.id)).toEqual(['interior', 'cover']);
    expect(withNeeds(['epub', 'cover']).map((o) => o.id)).toEqual(['epub', 'interior', 'cover']);
  });
  it('the cover’s hash changes with the interior’s page count and only with it', () => {
    const cover = withNeeds(['cover'])[1];
    const inputs = { packageRoot: ROOT, projectRoot: ROOT, bookDir: join(ROOT, 'tests/fixtures/books/sample'), galleyVersion: '0', revision: '2026-01-01', fontFiles: [], folders: cover.inputs };
    const at = (pages: number) => hashInputs('cover', { ...inputs, fromNeeded: cover.fromNeeded?.({ interior: { pages } }) });
    expect(at(112)).toBe(at(112));
    expect(at(112)).not.toBe(at(114));
  });
});

async function rgbPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([396, 612]);
  page.drawText('Black in RGB', { x: 72, y: 500, size: 12, color: rgb(0, 0, 0) });
  page.drawRectangle({ x: 72, y: 480, width: 100, height: 0.5, color: rgb(0, 0, 0) });
  return doc.save();
}

describe('the press file steps', () => {
  it('the content reader finds RGB colour and a 0.5 pt rule', async () => {
    const facts = await readContentFacts(await rgbPdf());
    expect(facts.rgb.length).toBeGreaterThan(0);
    expect(facts.thinRules[0].weight).toBeCloseTo(0.5, 2);
  });
  it('prepareInterior drops links and the outline, adds blank pages to an even count and sets the boxes', async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 3; i++) doc.addPage([396, 612]);
    doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj([doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 10, 10] })]));
    doc.catalog.set(PDFName.of('Outlines'), doc.context.obj({ Type: 'Outlines', Count: 0 }));
    const { bytes, pages } = await prepareInterior(await doc.save(), { bookmarks: false, blankFinalPage: true });
    expect(pages).toBe(4); // 3 + a blank last page = 4: even already
    const path = join(scratch, 'prepared.pdf');
    writeFileSync(path, bytes);
    const boxes = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', '4', path], { encoding: 'utf8' });
    expect(boxes.match(/TrimBox: +0\.00 +0\.00 +396\.00 +612\.00/g)).toHaveLength(4);
    const back = await PDFDocument.load(bytes);
    expect(back.getPage(0).node.has(PDFName.of('Annots'))).toBe(false);
    expect(back.catalog.has(PDFName.of('Outlines'))).toBe(false);
    const odd = await prepareInterior(await doc.save(), { bookmarks: true, blankFinalPage: false });
    expect(odd.pages).toBe(4);
  });
  it('prepareInterior pads a short book with blank pages up to the printer\'s least count only when asked', async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 12; i++) doc.addPage([396, 612]);
    expect((await prepareInterior(await doc.save(), { bookmarks: false, blankFinalPage: false })).pages).toBe(12);
    const padded = await prepareInterior(await doc.save(), { bookmarks: false, blankFinalPage: false, padTo: 24 });
    expect(padded.pages).toBe(24);
    expect((await PDFDocument.load(padded.bytes)).getPageCount()).toBe(24);
    expect(refusePageCount(resolvePress({ printer: 'kdp', 'pad-to-minimum': true }, undefined), padded.pages)).toBeUndefined();
    expect(resolvePress({ printer: 'kdp' }, { 'pad-to-minimum': true }).padToMinimum).toBe(true);
    expect(resolvePress({ printer: 'kdp' }, undefined).padToMinimum).toBe(false);
  });
  it('toPdfx turns RGB black into K only, marks PDF/X-1a with an output intent, and gives the same bytes twice', async () => {
    const options = { colour: 'gray' as const, pdfx: 'X-1a' as const, title: 'Test', revision: '2026-01-02', timeoutMs: 60_000 };
    const input = await rgbPdf();
    const before = join(scratch, 'rgb.pdf');
    writeFileSync(before, input);
    const [c0, m0, y0, k0] = (await readInkCoverage(before))[0];
    expect(c0).toBeGreaterThan(0); // four-colour black
    expect(c0).toBeCloseTo(k0, 5);
    expect(m0 + y0).toBeGreaterThan(0);
    const a = await toPdfx(input, options);
    const b = await toPdfx(input, options);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
    const after = join(scratch, 'gray.pdf');
    writeFileSync(after, a);
    const [c, m, y, k] = (await readInkCoverage(after))[0];
    expect(c + m + y).toBe(0);
    expect(k).toBeGreaterThan(0);
    expect(execFileSync('pdfinfo', [after], { encoding: 'utf8' })).toMatch(/PDF subtype: +PDF\/X-1a:2001/);
    expect((await readContentFacts(a)).rgb).toEqual([]);
  });
  it('fixDocumentId leaves files without an /ID alone', () => {
    const text = Buffer.from('%PDF-1.3\ntrailer << /Size 1 >>');
    expect(fixDocumentId(text)).toEqual(text);
  });
});

describe('galley build flags', () => {
  it('--press asks for the interior and the cover; a plain build makes them when a printer is named', async () => {
    const { resolveBuildOptions } = await import('../../src/cli/build.js');
    const press = resolveBuildOptions([], { press: true, out: 'dist' } as never, ROOT);
    expect(press.formats).toEqual(['interior', 'cover']);
    expect(press.pressWhenNamed).toBe(false);
    const plain = resolveBuildOptions([], { out: 'dist' } as never, ROOT);
    expect(plain.formats).toEqual(['epub', 'pdf']);
    expect(plain.pressWhenNamed).toBe(true);
    expect(resolveBuildOptions([], { pdf: true, out: 'dist' } as never, ROOT).pressWhenNamed).toBe(false);
  });
});
