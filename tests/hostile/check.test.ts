/**
 * `galley check` reports every book and every problem (issue 13). Before (main at 73ec828): a PDF cut short
 * gave three errors (pdftotext twice without a file, pdf-lib once) and pdf-lib's own lines on stderr; a book
 * whose book.yaml no longer read stopped the whole check (its EPUB's findings and every later book unreported);
 * a PDF set in a font the book did not ask for (a fallback) passed.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOOK, galley, scratchProject, type Scratch } from './scratch.js';

interface Checked {
  book: string;
  ok: boolean;
  checked: string[];
  diagnostics: { severity: string; code?: string; message: string; file?: string }[];
}

async function check(s: Scratch, args: string[] = []): Promise<{ code: number | null; stderr: string; books: Checked[] }> {
  const r = await galley(s.dir, ['check', '--no-ace', '--json', ...args]);
  return { code: r.code, stderr: r.stderr, books: (JSON.parse(r.stdout) as { books: Checked[] }).books };
}

describe('galley check reports every book and every problem', () => {
  let s: Scratch;
  let pdf: Buffer;
  beforeAll(async () => {
    s = scratchProject();
    cpSync(s.book, join(s.dir, 'content', 'zz-second'), { recursive: true });
    const r = await galley(s.dir, ['build', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    pdf = readFileSync(join(s.dir, 'dist', `${BOOK}.pdf`));
  }, 300_000);

  const restore = () => writeFileSync(join(s.dir, 'dist', `${BOOK}.pdf`), pdf);

  for (const [name, bytes] of [
    ['cut short', () => pdf.subarray(0, 20_000)],
    ['cut short, with an %%EOF put back', () => Buffer.concat([pdf.subarray(0, 20_000), Buffer.from('\n%%EOF\n')])],
  ] as const) {
    it(`a PDF ${name} is one error with its file and code, no library noise, and the next book is still checked`, async () => {
      writeFileSync(join(s.dir, 'dist', `${BOOK}.pdf`), bytes());
      try {
        const r = await check(s);
        expect(r.code).toBe(1);
        const first = r.books.find((b) => b.book === BOOK)!;
        const about = first.diagnostics.filter((d) => d.severity === 'error');
        expect(about).toHaveLength(1);
        expect(about[0]).toMatchObject({ code: 'pdf-unreadable', file: `dist/${BOOK}.pdf` });
        // the EPUB of the same book is still checked
        expect(first.checked).toContain('epubcheck');
        expect(r.stderr).not.toMatch(/Trying to parse|Invalid object ref/);
        expect(r.books.find((b) => b.book === 'zz-second')).toMatchObject({ ok: true });
      } finally {
        restore();
      }
    }, 180_000);
  }

  it('a PDF cut anywhere, with or without an %%EOF put back, is one pdf-unreadable error of the structural read', async () => {
    const { validatePdf } = await import('../../src/check/validate-pdf.js');
    for (let tenth = 1; tenth < 10; tenth++) {
      const cut = pdf.subarray(0, Math.floor((pdf.length * tenth) / 10));
      for (const bytes of [cut, Buffer.concat([cut, Buffer.from('\n%%EOF\n')])]) {
        const found = await validatePdf(bytes, { family: '', names: [] }, 'x.pdf');
        expect(found.map((d) => d.code), `${tenth}/10 of the file`).toEqual(['pdf-unreadable']);
      }
    }
  });

  it('a book whose book.yaml does not read is one error, its EPUB still checked, the next book still checked', async () => {
    const yaml = readFileSync(s.yaml, 'utf8');
    writeFileSync(s.yaml, 'title: [unclosed\n');
    try {
      const r = await check(s);
      expect(r.code).toBe(1);
      const first = r.books.find((b) => b.book === BOOK)!;
      expect(first.diagnostics.map((d) => d.code)).toContain('yaml-syntax');
      expect(first.checked).toContain('epubcheck');
      expect(r.books.map((b) => b.book)).toEqual([BOOK, 'zz-second']);
      expect(r.books[1]).toMatchObject({ ok: true });
    } finally {
      writeFileSync(s.yaml, yaml);
    }
  }, 180_000);
});

describe('galley check fails a PDF set in a font the book did not ask for', () => {
  it('a PDF in DejaVu Serif, checked against a book set in EB Garamond, is pdf-font-fallback', async () => {
    const s = scratchProject();
    const original = s.read('galley.yaml');
    // the regular face a system font: the build is right to accept it (it is the font asked for)
    cpSync('/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', join(s.dir, 'regular.ttf'));
    const yaml = original
      .replace(/^\s*package: .*\n/m, '')
      .replace(/file: (\d+\w+\/)/g, 'package: "@expo-google-fonts/eb-garamond", file: $1')
      .replace(/package: "[^"]+", file: 400Regular\/EBGaramond_400Regular\.ttf/, 'file: regular.ttf');
    expect(yaml).toContain('file: regular.ttf');
    writeFileSync(join(s.dir, 'galley.yaml'), yaml);
    const built = await galley(s.dir, ['build', '--pdf', '--quiet']);
    expect(built.code, built.stderr).toBe(0);
    // the project back to EB Garamond: the PDF now stands for a face that fell back
    writeFileSync(join(s.dir, 'galley.yaml'), original);
    const r = await check(s);
    expect(r.code).toBe(1);
    const found = r.books[0].diagnostics.filter((d) => d.code === 'pdf-font-fallback');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/^The PDF uses DejaVuSerif on pages? [\d, …]+, a font the book did not ask for/);
    expect(found[0].file).toBe(`dist/${BOOK}.pdf`);
  }, 300_000);
});
