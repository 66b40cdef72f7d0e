/**
 * A press's own look (issue 10): a project's styles/ and templates/ (and a theme package named in galley.yaml)
 * replace galley's files of the same name; book.yaml may set one book's trim. Read back independently: the
 * PDF's page size by pdfinfo, its text by pdftotext, the EPUB's files by unzip. The cache key covers the
 * project's files: changing one rebuilds the outputs made from it, and only those.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/books.js';
import { BOOK, epubFile, keepFontCache, startGalley, pdfFacts, pdfText, scratchProject, type Scratch } from '../hostile/scratch.js';

const galleyFile = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');

/** galley build, run without blocking the test worker (vitest's own messages keep flowing). */
async function build(s: Scratch, args: string[] = []): Promise<{ code: number | null; outputs: Record<string, string>; stderr: string }> {
  const r = await startGalley(s.dir, ['build', BOOK, '--quiet', ...args]).done;
  const outputs: Record<string, string> = {};
  for (const m of r.stdout.matchAll(/dist\/[^ ,]+\.(epub|pdf) (built|current)/g)) outputs[m[1]] = m[2];
  return { code: r.code, outputs, stderr: r.stderr };
}

/** The scratch project's node_modules as a real folder (galley's packages linked one by one), so a theme can be installed in it. */
function ownNodeModules(s: Scratch): string {
  const dir = join(s.dir, 'node_modules');
  rmSync(dir);
  mkdirSync(dir);
  for (const name of readdirSync(join(ROOT, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules', name), join(dir, name));
  return dir;
}

const epub = (s: Scratch, entry: string) => epubFile(join(s.dir, 'dist', `${BOOK}.epub`), entry);
const pdf = (s: Scratch) => join(s.dir, 'dist', `${BOOK}.pdf`);

describe("a project's own styles/ and templates/", () => {
  it('replace galley\'s files of the same name in the PDF and the EPUB, and enter the cache key', async () => {
    const s = scratchProject();
    // galley's own trim (galley.yaml: 5.5in x 8.5in = 396 x 612 pt), for comparison
    // the project's print stylesheet: galley's, with a trim of its own (6in x 9in = 432 x 648 pt)
    s.write('styles/print/book.css', `${galleyFile('styles/print/book.css')}\n@page { size: 6in 9in; }\n`);
    // the project's print template and EPUB colophon template carry the press's own words
    s.write('templates/print/book.html.hbs', galleyFile('templates/print/book.html.hbs').replace('<p class="title-imprint">', '<p>A Quillwort House design</p>\n<p class="title-imprint">'));
    s.write('templates/epub/colophon.xhtml.hbs', galleyFile('templates/epub/colophon.xhtml.hbs').replace('</section>', '<p>Designed by Quillwort House.</p>\n</section>'));
    s.write('styles/epub/book.css', `${galleyFile('styles/epub/book.css')}\n.quillwort { color: #123456; }\n`);
    const first = await build(s);
    keepFontCache(s);
    expect(first.code, first.stderr).toBe(0);
    expect(pdfFacts(pdf(s)).size).toBe('432 x 648');
    expect(pdfText(pdf(s))).toContain('A Quillwort House design');
    expect(epub(s, 'EPUB/colophon.xhtml') + epub(s, 'OEBPS/colophon.xhtml')).toContain('Designed by Quillwort House.');
    expect(epub(s, 'EPUB/style.css') + epub(s, 'OEBPS/style.css')).toContain('.quillwort { color: #123456; }');

    expect((await build(s)).outputs).toEqual({ epub: 'current', pdf: 'current' });
    // a change to the project's print stylesheet rebuilds the PDF, not the EPUB
    s.write('styles/print/book.css', `${galleyFile('styles/print/book.css')}\n@page { size: 5in 8in; }\n`);
    expect((await build(s)).outputs).toEqual({ epub: 'current', pdf: 'built' });
    expect(pdfFacts(pdf(s)).size).toBe('360 x 576');
    // a change to the project's EPUB template rebuilds the EPUB, not the PDF
    s.write('templates/epub/colophon.xhtml.hbs', galleyFile('templates/epub/colophon.xhtml.hbs').replace('</section>', '<p>Designed again.</p>\n</section>'));
    expect((await build(s)).outputs).toEqual({ epub: 'built', pdf: 'current' });
    expect(epub(s, 'EPUB/colophon.xhtml') + epub(s, 'OEBPS/colophon.xhtml')).toContain('Designed again.');
    // removing the override goes back to galley's own file
    rmSync(join(s.dir, 'styles'), { recursive: true });
    expect((await build(s, ['--pdf'])).outputs).toEqual({ pdf: 'built' });
    expect(pdfFacts(pdf(s)).size).toBe('396 x 612');
  }, 600_000);

  it('a theme package named in galley.yaml comes after the project\'s own files, before galley\'s', async () => {
    const s = scratchProject();
    const modules = ownNodeModules(s);
    const theme = join(modules, '@quillwort', 'galley-theme');
    mkdirSync(join(theme, 'styles', 'epub'), { recursive: true });
    mkdirSync(join(theme, 'templates', 'epub'), { recursive: true });
    writeFileSync(join(theme, 'package.json'), '{ "name": "@quillwort/galley-theme", "version": "1.0.0" }\n');
    writeFileSync(join(theme, 'styles', 'epub', 'book.css'), `${galleyFile('styles/epub/book.css')}\n.theme-rule { color: #654321; }\n`);
    writeFileSync(join(theme, 'templates', 'epub', 'colophon.xhtml.hbs'), galleyFile('templates/epub/colophon.xhtml.hbs').replace('</section>', '<p>Theme colophon.</p>\n</section>'));
    // the project's own colophon wins over the theme's; the theme's stylesheet is used (the project has none)
    s.write('templates/epub/colophon.xhtml.hbs', galleyFile('templates/epub/colophon.xhtml.hbs').replace('</section>', '<p>Project colophon.</p>\n</section>'));
    writeFileSync(join(s.dir, 'galley.yaml'), `${s.read('galley.yaml').trimEnd()}\ntheme: "@quillwort/galley-theme"\n`);
    const r = await build(s, ['--epub']);
    expect(r.code, r.stderr).toBe(0);
    const colophon = epub(s, 'EPUB/colophon.xhtml') + epub(s, 'OEBPS/colophon.xhtml');
    expect(colophon).toContain('Project colophon.');
    expect(colophon).not.toContain('Theme colophon.');
    expect(epub(s, 'EPUB/style.css') + epub(s, 'OEBPS/style.css')).toContain('.theme-rule { color: #654321; }');
    // a new version of the theme rebuilds
    expect((await build(s, ['--epub'])).outputs).toEqual({ epub: 'current' });
    writeFileSync(join(theme, 'styles', 'epub', 'book.css'), `${galleyFile('styles/epub/book.css')}\n.theme-rule { color: #000001; }\n`);
    expect((await build(s, ['--epub'])).outputs).toEqual({ epub: 'built' });
  }, 300_000);

  it('a theme that is not installed, or not a package name, is an error at its line in galley.yaml', async () => {
    const s = scratchProject();
    const yaml = s.read('galley.yaml').trimEnd();
    const line = yaml.split('\n').length + 1;
    writeFileSync(join(s.dir, 'galley.yaml'), `${yaml}\ntheme: galley-theme-nowhere\n`);
    const missing = await build(s, ['--epub']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`galley.yaml:${line}:8 error Theme package galley-theme-nowhere is not installed: run npm install galley-theme-nowhere`);
    expect(missing.stderr).toContain('[theme-missing]');
    writeFileSync(join(s.dir, 'galley.yaml'), `${yaml}\ntheme: My Theme\n`);
    const bad = await build(s, ['--epub']);
    expect(bad.stderr).toContain(`galley.yaml:${line}:8 error /theme must be an npm package name such as galley-theme-plain or @mypress/galley-theme (found "My Theme") [config-invalid]`);
  }, 120_000);

  it('an override that leads outside the project is refused (symlinks followed)', async () => {
    const s = scratchProject();
    const outside = join(tmpdir(), `galley-look-outside-${process.pid}.css`);
    writeFileSync(outside, 'body { color: red; }\n');
    mkdirSync(join(s.dir, 'styles', 'epub'), { recursive: true });
    symlinkSync(outside, join(s.dir, 'styles', 'epub', 'book.css'));
    const r = await build(s, ['--epub']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/style styles\/epub\/book\.css is outside the project \(it leads to .*galley-look-outside-\d+\.css\) \[path-outside\]/);
    rmSync(outside);
  }, 120_000);
});

describe("book.yaml's print: sets one book's trim and type", () => {
  it('a trim of its own, read back by pdfinfo; a slip in a key says what was meant, at its line', async () => {
    const s = scratchProject();
    const yaml = s.read(`content/${BOOK}/book.yaml`).trimEnd();
    writeFileSync(s.yaml, `${yaml}\nprint:\n  width: 5in\n  height: 7in\n  font-size: 11pt\n`);
    const r = await build(s, ['--pdf']);
    expect(r.code, r.stderr).toBe(0);
    expect(pdfFacts(pdf(s)).size).toBe('360 x 504');
    const line = yaml.split('\n').length + 3;
    writeFileSync(s.yaml, `${yaml}\nprint:\n  width: 5in\n  hieght: 7in\n`);
    const slip = await build(s, ['--pdf']);
    expect(slip.code).toBe(1);
    expect(slip.stderr).toContain(`content/${BOOK}/book.yaml:${line}:3 error /print has an unknown key "hieght": did you mean "height"? [config-invalid]`);
  }, 300_000);
});
