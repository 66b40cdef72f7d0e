/**
 * The press outputs of a real book, built by the build (registry, cache) for both presets and read back by
 * poppler and Ghostscript: the sheet is the size the printer's formula gives for the interior's real page
 * count, the interior's text pages use black ink only (the reading PDF's use four colours: presets.test.ts
 * shows the conversion), the press checks pass, and a second build finds everything current. A book too short for the printer is a clear
 * error. One Chromium at a time: these run in this one file.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBooks } from '../../src/build/build-books.js';
import { loadProjectConfig } from '../../src/config/load-project.js';
import { checkPressCover, checkPressInterior, readInkCoverage } from '../../src/check/press.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { resolvePress } from '../../src/press/presets.js';
import { closeTypesetter } from '../../src/render/print/typeset-pdf.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { parseBook } from '../../src/model/parse-book.js';
import { readBookFiles } from '../../src/model/read-book.js';
import { ROOT } from '../helpers/books.js';

process.env.PUPPETEER_EXECUTABLE_PATH ??= '/usr/bin/chromium';
const BOOK = 'concerning-questions-of-leninism';
const work = mkdtempSync(join(tmpdir(), 'galley-press-'));

/** A project of one book (and the sample) whose galley.yaml names the printer. */
function projectFor(printer: string): string {
  const root = join(work, printer);
  cpSync(join(ROOT, 'content', BOOK), join(root, 'content', BOOK), { recursive: true });
  cpSync(join(ROOT, 'tests/fixtures/books/sample'), join(root, 'content', 'sample'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  writeFileSync(join(root, 'galley.yaml'), `${readFileSync(join(ROOT, 'galley.yaml'), 'utf8')}\npress:\n  printer: ${printer}\n`);
  return root;
}

function pdfinfo(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of execFileSync('pdfinfo', ['-box', path], { encoding: 'utf8' }).split('\n')) {
    const m = /^([A-Za-z ]+):\s*(.*)$/.exec(line);
    if (m) out[m[1].trim()] = m[2].trim();
  }
  return out;
}

afterAll(async () => {
  await closeTypesetter();
  rmSync(work, { recursive: true, force: true });
});

describe.each([
  ['kdp', 0.0025],
  ['ingramspark', 1 / 430],
])('%s', (printer, perPage) => {
  const root = projectFor(printer);
  const project = loadProjectConfig(root);
  const options = { project, books: [BOOK], formats: [] as never[], pressWhenNamed: true, outDir: join(root, 'dist'), galleyVersion: '0.0.0-test', pdfTimeoutMs: 240_000 };

  it('a plain build makes the interior and the cover; a second finds them current', async () => {
    const [first] = await buildBooks(options);
    expect(first.error?.message).toBeUndefined();
    expect(first.outputs.map((o) => [o.format, o.built])).toEqual([
      ['interior', true],
      ['cover', true],
    ]);
    const [second] = await buildBooks(options);
    expect(second.outputs.every((o) => !o.built)).toBe(true);
  }, 300_000);

  it('the sheet is the printer’s formula for the interior’s page count, with bleed and trim boxes', () => {
    const pages = Number(pdfinfo(join(root, 'dist', `${BOOK}-interior.pdf`)).Pages);
    const cover = pdfinfo(join(root, 'dist', `${BOOK}-cover.pdf`));
    const [w, h] = cover['Page size'].split(/\s+x\s+|\s+/).map(Number);
    const spine = pages * perPage;
    expect(w / 72).toBeCloseTo(0.125 + 5.5 + spine + 5.5 + 0.125, 3);
    expect(h / 72).toBeCloseTo(8.75, 3);
    expect(cover.TrimBox.split(/\s+/).map(Number)).toEqual([9, 9, Math.round((w - 9) * 100) / 100, 621]);
    expect(cover['PDF subtype']).toMatch(/^PDF\/X-1a/);
    process.stdout.write(`${printer}: ${BOOK} ${pages} pages, spine ${spine.toFixed(4)} in, sheet ${(w / 72).toFixed(4)} × ${(h / 72).toFixed(4)} in\n`);
  });

  it('the interior’s text pages use black ink only (inkcov), and the press checks pass', async () => {
    const interior = join(root, 'dist', `${BOOK}-interior.pdf`);
    const ink = await readInkCoverage(interior);
    const text = ink.filter((c) => c[3] > 0.02);
    expect(text.length).toBeGreaterThan(10);
    for (const [c, m, y] of ink) expect(c + m + y).toBe(0);
    const book = parseBook(readBookFiles(join(root, 'content', BOOK), root), new Diagnostics());
    const ctx = { project, root, outDir: join(root, 'dist'), book, press: () => resolvePress(project.press, book.meta.press) };
    const found = [...(await checkPressInterior(interior, ctx)), ...(await checkPressCover(join(root, 'dist', `${BOOK}-cover.pdf`), ctx))];
    expect(found.map(formatDiagnostic)).toEqual([]);
  }, 120_000);

  it.runIf(printer === 'kdp')('a correction that keeps the page count rebuilds the interior only; one that adds pages rebuilds the cover', async () => {
    const file = join(root, 'content', BOOK, readdirSync(join(root, 'content', BOOK)).find((f) => /^\d.*\.md$/.test(f))!);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/(\n\n[A-Z][^\n]{200,}?)\./, '$1, indeed.'));
    const [small] = await buildBooks(options);
    expect(small.outputs.map((o) => [o.format, o.built])).toEqual([
      ['interior', true],
      ['cover', false],
    ]);
    const paragraph = text.split('\n\n').find((p) => p.length > 600 && !p.includes('[^'))!;
    writeFileSync(file, `${text}\n\n${Array.from({ length: 12 }, () => paragraph).join('\n\n')}\n`);
    const [big] = await buildBooks(options);
    expect(big.outputs.map((o) => [o.format, o.built])).toEqual([
      ['interior', true],
      ['cover', true],
    ]);
    writeFileSync(file, text);
    await buildBooks(options);
  }, 300_000);

  it('a book shorter than the printer binds is a clear error naming book.yaml', async () => {
    const [result] = await buildBooks({ ...options, books: ['sample'] });
    expect(result.error?.code).toBe('press-page-count');
    expect(result.error?.message).toMatch(/binds at least (24|18) pages/);
    expect(result.error?.file).toBe('content/sample/book.yaml');
  }, 300_000);
});
