/**
 * Critical: nothing outside the project is read or published. Before the fix, a chapter symlinked to
 * /etc/passwd landed in the EPUB, a cover or a font anywhere on the disk was used, `galley build
 * ../../elsewhere/book` built a book outside content/, and `import --slug ../../x` wrote outside content/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, unlinkSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../helpers/run.js';
import { BOOK, epubEntries, epubFile, galley, scratchProject, setYaml } from './scratch.js';

const outside = () => realpathSync(mkdtempSync(join(tmpdir(), 'galley-outside-')));
// a small PNG made by sharp (a dependency of galley's), so the suite needs no image tool of its own
// 900 px: wide enough to print across the text block at 200 ppi and more (no image-low-resolution warning)
const png = async (file: string) => {
  const r = await runCommand(process.execPath, ['-e', "require('sharp')({ create: { width: 900, height: 300, channels: 3, background: '#803030' } }).png().toFile(process.argv[1]).catch((e) => { console.error(e); process.exit(1); })", file], { cwd: process.cwd() });
  if (r.status !== 0 || !existsSync(file)) throw new Error(`could not make ${file}: ${r.stderr}`);
};

describe('reads stay inside the project', () => {
  it('a chapter that is a symlink to /etc/passwd is refused, by name', async () => {
    const s = scratchProject();
    unlinkSync(s.chapter);
    symlinkSync('/etc/passwd', s.chapter);
    const r = await galley(s.dir, ['build', '--epub', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`content/${BOOK}/[^ ]+\\.md error file [^ ]+\\.md is outside the project \\(it leads to /etc/passwd\\) \\[path-outside\\]`));
    expect(existsSync(join(s.dir, 'dist', `${BOOK}.epub`))).toBe(false);
  });

  it('book.yaml that is a symlink out of the project is refused', async () => {
    const s = scratchProject();
    const away = outside();
    cpSync(s.yaml, join(away, 'book.yaml'));
    unlinkSync(s.yaml);
    symlinkSync(join(away, 'book.yaml'), s.yaml);
    const r = await galley(s.dir, ['build', '--epub', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/book\.yaml error file book\.yaml is outside the project .*\[path-outside\]/);
  });

  it('a cover outside the project, by ../ or by symlink, is refused; one inside is used', async () => {
    const s = scratchProject();
    const away = outside();
    await png(join(away, 'secret.png'));
    setYaml(s, 'cover', `../../../${away.split('/').slice(-2).join('/')}/secret.png`.replace(/^(\.\.\/)+/, '../'.repeat(s.book.split('/').length - 1)));
    let r = await galley(s.dir, ['build', '--epub', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/book\.yaml error cover \S+secret\.png is outside the project \[path-outside\]/);
    symlinkSync(join(away, 'secret.png'), join(s.book, 'front.png'));
    setYaml(s, 'cover', 'front.png');
    r = await galley(s.dir, ['build', '--epub', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/book\.yaml error cover front\.png is outside the project \(it leads to \S+secret\.png\) \[path-outside\]/);
    unlinkSync(join(s.book, 'front.png'));
    mkdirSync(join(s.book, 'art'));
    await png(join(s.book, 'art', 'front.png'));
    setYaml(s, 'cover', 'art/front.png');
    r = await galley(s.dir, ['build', '--epub', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a font outside the project and outside any installed package is refused', async () => {
    const s = scratchProject();
    const away = outside();
    cpSync('/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', join(away, 'f.ttf'));
    const yaml = readFileSync(join(s.dir, 'galley.yaml'), 'utf8');
    const changed = yaml.replace(/file: \S*400Regular\.ttf/, `file: ${join(away, 'f.ttf')}`);
    expect(changed).not.toBe(yaml);
    writeFileSync(join(s.dir, 'galley.yaml'), changed);
    const r = await galley(s.dir, ['build', '--epub', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^galley\.yaml:\d+:\d+ error fonts\.body\.faces\[0\]\.file \S+f\.ttf is outside the project \[path-outside\]/m);
  });

  it('book names are plain names: ../../elsewhere/book is refused', async () => {
    const s = scratchProject();
    const away = outside();
    cpSync(s.book, join(away, 'book'), { recursive: true });
    const r = await galley(s.dir, ['build', '--epub', '--quiet', `../../${away.split('/').pop()}/book`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error Book name "\.\.\/\.\.\/\S+" is not a plain name .*\[name-invalid\]/);
    expect(existsSync(join(s.dir, 'dist'))).toBe(false);
  });

  it('a book folder that is a symlink out of the project is refused', async () => {
    const s = scratchProject();
    const away = outside();
    cpSync(s.book, join(away, 'book'), { recursive: true });
    symlinkSync(join(away, 'book'), join(s.dir, 'content', 'linked'));
    const r = await galley(s.dir, ['build', '--epub', '--quiet', 'linked']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/content\/linked error book folder \S+ is outside the project .*\[path-outside\]/);
  });

  it('import --slug ../../x is refused and writes nothing', async () => {
    const s = scratchProject();
    const away = outside();
    const name = `../../${away.split('/').pop()}/x`;
    const r = await galley(s.dir, ['import', join(s.book, 'source.txt'), '--slug', name]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error --slug "\.\.\/\.\.\/\S+" is not a plain name .*\[name-invalid\]/);
    expect(existsSync(join(away, 'x'))).toBe(false);
  });
});

describe('images', () => {
  const chapterWith = (s: ReturnType<typeof scratchProject>, md: string) => writeFileSync(s.chapter, `${readFileSync(s.chapter, 'utf8').trimEnd()}\n\n${md}\n`);
  const lineOf = (s: ReturnType<typeof scratchProject>, text: string) => readFileSync(s.chapter, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

  it('an absolute path, a remote address or a path out of the project is an error at its file and line', async () => {
    const s = scratchProject();
    const away = outside();
    await png(join(away, 'x.png'));
    chapterWith(s, `![abs](${join(away, 'x.png')})\n\n![remote](http://127.0.0.1:9/remote.png)\n\n![up](../../../${away.split('/').pop()}/x.png)`);
    const r = await galley(s.dir, ['build', '--quiet']);
    expect(r.code).toBe(1);
    const file = `content/${BOOK}/${s.chapter.split('/').pop()}`;
    expect(r.stderr).toContain(`${file}:${lineOf(s, '![abs]')} error Image ${join(away, 'x.png')} is an absolute path`);
    expect(r.stderr).toContain(`${file}:${lineOf(s, '![remote]')} error Image http://127.0.0.1:9/remote.png is on the network`);
    expect(r.stderr).toMatch(new RegExp(`${file}:${lineOf(s, '![up]')} error image \\S+x\\.png is outside the project \\[path-outside\\]`));
    expect(existsSync(join(s.dir, 'dist'))).toBe(false);
  });

  it('a file: image is never loaded', async () => {
    const s = scratchProject();
    const away = outside();
    await png(join(away, 'x.png'));
    chapterWith(s, `![file](file://${join(away, 'x.png')})`);
    const r = await galley(s.dir, ['build', '--quiet']);
    if (r.code === 0) {
      // markdown-it does not make an image of a file: address; the PDF has no image and the EPUB no img
      const images = spawnSync('pdfimages', ['-list', join(s.dir, 'dist', `${BOOK}.pdf`)], { encoding: 'utf8' }).stdout.trim().split('\n');
      expect(images.length).toBe(2); // the header lines only
    } else {
      expect(r.stderr).toMatch(/\[image-url\]/);
    }
  });

  it('a local image is packaged in the EPUB (epubcheck passes) and printed in the PDF', async () => {
    const s = scratchProject();
    mkdirSync(join(s.book, 'art'));
    await png(join(s.book, 'art', 'map.png'));
    chapterWith(s, '![A map of the district](art/map.png)');
    const r = await galley(s.dir, ['build', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const epub = join(s.dir, 'dist', `${BOOK}.epub`);
    expect(epubEntries(epub)).toContain('OEBPS/images/1-map.png');
    expect(epubFile(epub, 'OEBPS/content.opf')).toContain('href="images/1-map.png" media-type="image/png"');
    const check = await runCommand('java', ['-jar', '/usr/share/java/epubcheck.jar', epub]);
    expect(check.stdout + check.stderr).toMatch(/No errors or warnings detected/);
    const images = spawnSync('pdfimages', ['-list', join(s.dir, 'dist', `${BOOK}.pdf`)], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(images.length).toBeGreaterThanOrEqual(3); // the header lines, then the map (and its mask)
  });
});
