/**
 * Caching never serves a stale book: the content hash of each output changes with the book's files, the
 * format's templates and styles, galley.yaml and galley's version — and only with what affects that output.
 */
import { appendFileSync, cpSync, mkdtempSync, writeFileSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildBook } from '../../src/build/build-books.js';
import { clearHashCache, hashInputs, type Format, type HashInputs } from '../../src/build/input-hash.js';
import { project, ROOT, SAMPLE_BOOK } from '../helpers/books.js';

function scratch(): { inputs: HashInputs; hash: (f: Format) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'galley-hash-'));
  cpSync(join(ROOT, 'templates'), join(dir, 'pkg/templates'), { recursive: true });
  cpSync(join(ROOT, 'styles'), join(dir, 'pkg/styles'), { recursive: true });
  cpSync(join(ROOT, 'galley.yaml'), join(dir, 'galley.yaml'));
  cpSync(SAMPLE_BOOK, join(dir, 'book'), { recursive: true });
  const inputs: HashInputs = { packageRoot: join(dir, 'pkg'), projectRoot: dir, bookDir: join(dir, 'book'), galleyVersion: '1.0.0', revision: '2026-01-01', fontFiles: [] };
  return {
    inputs,
    hash: (f) => {
      clearHashCache();
      return hashInputs(f, inputs);
    },
  };
}

describe('hashInputs', () => {
  let s: ReturnType<typeof scratch>;
  let before: Record<Format, string>;
  beforeEach(() => {
    s = scratch();
    before = { epub: s.hash('epub'), pdf: s.hash('pdf') };
  });
  const changed = () => ({ epub: s.hash('epub') !== before.epub, pdf: s.hash('pdf') !== before.pdf });

  it('is stable when nothing changed', () => {
    expect(changed()).toEqual({ epub: false, pdf: false });
  });
  it('changes both formats when a chapter changes', () => {
    appendFileSync(join(s.inputs.bookDir, '01-first-work.md'), '\nA corrected paragraph.\n');
    expect(changed()).toEqual({ epub: true, pdf: true });
  });
  it('ignores the import report, which the build does not read', () => {
    writeFileSync(join(s.inputs.bookDir, 'import-report.md'), '# Report\n');
    expect(changed()).toEqual({ epub: false, pdf: false });
  });
  it('changes only the EPUB when an EPUB template or style changes', () => {
    appendFileSync(join(s.inputs.packageRoot, 'templates/epub/colophon.xhtml.hbs'), '<p>x</p>');
    expect(changed()).toEqual({ epub: true, pdf: false });
    before.epub = s.hash('epub');
    appendFileSync(join(s.inputs.packageRoot, 'styles/epub/book.css'), 'p { color: red }');
    expect(changed()).toEqual({ epub: true, pdf: false });
  });
  it('changes only the PDF when a print style changes', () => {
    const printStyles = join(s.inputs.packageRoot, 'styles/print');
    if (!existsSync(printStyles)) return expect.fail('styles/print is missing');
    const css = readdirSync(printStyles).find((f) => f.endsWith('.css'))!;
    appendFileSync(join(printStyles, css), '\np { color: red }');
    expect(changed()).toEqual({ epub: false, pdf: true });
  });
  it('changes both when a shared partial, galley.yaml, the version or the revision changes', () => {
    appendFileSync(join(s.inputs.packageRoot, 'templates/partials/attribution.hbs'), ' ');
    expect(changed()).toEqual({ epub: true, pdf: true });
    before = { epub: s.hash('epub'), pdf: s.hash('pdf') };
    writeFileSync(join(s.inputs.projectRoot, 'galley.yaml'), readFileSync(join(s.inputs.projectRoot, 'galley.yaml'), 'utf8').replace('5.5in', '6in'));
    expect(changed()).toEqual({ epub: true, pdf: true });
    before = { epub: s.hash('epub'), pdf: s.hash('pdf') };
    s.inputs.galleyVersion = '1.0.1';
    expect(changed()).toEqual({ epub: true, pdf: true });
    before = { epub: s.hash('epub'), pdf: s.hash('pdf') };
    s.inputs.revision = '2026-01-02';
    expect(changed()).toEqual({ epub: true, pdf: true });
  });
});

describe('buildBook (EPUB)', () => {
  it('builds, then finds dist/ current, then rebuilds only after a correction', async () => {
    const root = mkdtempSync(join(tmpdir(), 'galley-build-'));
    cpSync(SAMPLE_BOOK, join(root, 'content/sample'), { recursive: true });
    const options = { project: { ...project(), root }, books: ['sample'], formats: ['epub' as const], outDir: join(root, 'dist'), galleyVersion: '0.0.0-test' };
    const first = await buildBook('sample', options);
    expect(first.error).toBeUndefined();
    expect(first.outputs.map((o) => [o.format, o.built])).toEqual([['epub', true]]);
    const bytes = readFileSync(join(root, 'dist/sample.epub'));

    const second = await buildBook('sample', options);
    expect(second.outputs.map((o) => o.built)).toEqual([false]);

    appendFileSync(join(root, 'content/sample/02-second-work.md'), '\nA proofreading fix.\n');
    clearHashCache();
    const third = await buildBook('sample', options);
    expect(third.outputs.map((o) => o.built)).toEqual([true]);
    expect(Buffer.compare(readFileSync(join(root, 'dist/sample.epub')), bytes)).not.toBe(0);
    // no temporary files left behind
    expect(readdirSync(join(root, 'dist')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('reports a broken book with file and line and leaves the previous output in place', async () => {
    const root = mkdtempSync(join(tmpdir(), 'galley-build-'));
    cpSync(SAMPLE_BOOK, join(root, 'content/sample'), { recursive: true });
    const options = { project: { ...project(), root }, books: ['sample'], formats: ['epub' as const], outDir: join(root, 'dist'), galleyVersion: '0.0.0-test' };
    await buildBook('sample', options);
    const good = readFileSync(join(root, 'dist/sample.epub'));
    const yamlPath = join(root, 'content/sample/book.yaml');
    writeFileSync(yamlPath, readFileSync(yamlPath, 'utf8').replace('language: en', 'language: English'));
    const result = await buildBook('sample', options);
    expect(result.error?.file).toBe('content/sample/book.yaml');
    expect(result.error?.line).toBe(4);
    expect(result.error?.message).toBe('language: "English" is not a language tag the IANA registry knows (unknown subtag \'english\'): use a registered code such as en, en-GB, fr, de, es or ru');
    expect(Buffer.compare(readFileSync(join(root, 'dist/sample.epub')), good)).toBe(0);
  });
});
