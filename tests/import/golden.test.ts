/**
 * Golden cases: tests/fixtures/import/<case>/input.txt → expected.md (the Markdown files) and expected.yaml
 * (book.yaml without its random identifier) and expected-doubts.txt (the doubts, one a line).
 * Regenerate with UPDATE_GOLDEN=1 and review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { Diagnostics } from '../../src/diagnostics.js';
import { importText } from '../../src/import/index.js';
import { parseChapter } from '../../src/model/parse-chapter.js';
import { ROOT } from '../helpers/books.js';

const FIXTURES = join(ROOT, 'tests/fixtures/import');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(FIXTURES).filter((d) => existsSync(join(FIXTURES, d, 'input.txt')));

function compare(file: string, actual: string): void {
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) throw new Error(`${file} is missing: run with UPDATE_GOLDEN=1 and review it`);
    writeFileSync(file, actual);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe.each(cases)('golden import %s', (name) => {
  const dir = join(FIXTURES, name);
  const raw = readFileSync(join(dir, 'input.txt'), 'utf8');
  const book = importText(raw, { profile: 'auto', sourcePath: `${name}/input.txt` });

  it('makes the expected Markdown', () => {
    const markdown = book.files.map((f) => (book.files.length > 1 ? `<!-- ${f.name} -->\n${f.markdown}` : f.markdown)).join('\n');
    compare(join(dir, 'expected.md'), markdown);
  });

  it('makes the expected book.yaml', () => {
    compare(join(dir, 'expected.yaml'), stringify({ ...book.meta, files: book.files.map((f) => f.name) }, { lineWidth: 0 }));
  });

  it('writes Markdown the book model reads without a warning', () => {
    const diagnostics = new Diagnostics();
    const usedIds = new Set<string>();
    for (const f of book.files) parseChapter({ file: f.name, displayPath: f.name, text: f.markdown }, usedIds, diagnostics);
    expect(diagnostics.items).toEqual([]);
  });

  it('reports the expected doubts', () => {
    const doubts = book.review.filter((r) => r.kind === 'doubt').map((r) => `${r.line ?? '-'} [${r.rule}] ${r.message}`);
    compare(join(dir, 'expected-doubts.txt'), `${doubts.join('\n')}\n`);
  });
});
