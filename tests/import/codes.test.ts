/**
 * The import's diagnostic codes: every code reported on the golden fixtures, the seeds and the whole corpus is in
 * the catalogue (src/import/codes.ts) with its meaning, every text and repair rule has its code there, every error
 * the command raises too, and docs/diagnostics.md holds the catalogue as it is. Doubts become warnings at their
 * line in source.txt, and the report names each doubt's line.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORT_CODES, renderCodeTable } from '../../src/import/codes.js';
import { allRules } from '../../src/import/clean/index.js';
import { importText, renderImportReport } from '../../src/import/index.js';
import { repairRules } from '../../src/import/repair/index.js';
import { ROOT } from '../helpers/books.js';

const FIXTURES = join(ROOT, 'tests/fixtures/import');
const texts: string[] = [
  ...readdirSync(FIXTURES).map((d) => join(FIXTURES, d, 'input.txt')).filter((p) => existsSync(p)),
  ...readdirSync(join(FIXTURES, 'paged')).map((f) => join(FIXTURES, 'paged', f)),
  ...readdirSync(join(ROOT, 'content')).map((d) => join(ROOT, 'content', d, 'source.txt')).filter((p) => existsSync(p)),
  ...(JSON.parse(readFileSync(join(ROOT, 'tests/corpus/manifest.json'), 'utf8')) as { cases: { raw: string }[] }).cases.map((c) => join(ROOT, 'tests/corpus', c.raw)),
];

describe('import diagnostic codes', () => {
  it('every code reported on the fixtures, seeds and corpus is catalogued; doubts are warnings at a source line', () => {
    const unknown = new Map<string, string>();
    let doubts = 0;
    for (const path of texts) {
      const raw = readFileSync(path, 'utf8');
      const lines = raw.split('\n').length;
      const book = importText(raw, { profile: 'auto', sourcePath: path });
      expect(book.diagnostics.length).toBe(book.review.length);
      for (const [i, d] of book.diagnostics.entries()) {
        const item = book.review[i]!;
        if (!IMPORT_CODES[d.code]) unknown.set(d.code, `${path}: ${d.message}`);
        expect(d.code).toBe(item.rule);
        expect(d.severity).toBe(item.kind === 'doubt' ? 'warning' : 'info');
        expect(d.file).toBe('source.txt');
        if (d.line !== undefined) expect(d.line, `${d.code} ${d.message}`).toBeGreaterThanOrEqual(1);
        if (d.line !== undefined) expect(d.line, `${d.code} ${d.message}`).toBeLessThanOrEqual(lines);
        if (d.severity === 'warning') doubts++;
      }
    }
    expect([...unknown.entries()], 'codes missing from src/import/codes.ts').toEqual([]);
    expect(texts.length).toBeGreaterThan(100);
    expect(doubts).toBeGreaterThan(100);
  });

  it('every text, typography and repair rule and every error of the command has its code', () => {
    for (const r of [...allRules, ...repairRules]) expect(IMPORT_CODES[r.id], r.id).toBeDefined();
    const sources = ['src/cli/import.ts', 'src/cli/import-record.ts', 'src/import/decode-utf8.ts', 'src/import/reimport.ts', 'src/index.ts'];
    const thrown = new Set(sources.flatMap((f) => [...readFileSync(join(ROOT, f), 'utf8').matchAll(/['"](import-[a-z-]+)['"]/g)].map((m) => m[1]!)));
    thrown.delete('import-report'); // the file name, not a code
    expect(thrown.size).toBeGreaterThanOrEqual(6);
    for (const code of thrown) expect(IMPORT_CODES[code], code).toMatchObject({ stage: 'command' });
    for (const [code, c] of Object.entries(IMPORT_CODES)) {
      expect(code).toMatch(/^[a-z][a-z0-9-]+$/);
      expect(c.meaning.length, code).toBeGreaterThan(10);
      expect(c.meaning, code).not.toContain('\n');
    }
  });

  it('docs/diagnostics.md lists every code with its meaning', () => {
    const path = join(ROOT, 'docs/diagnostics.md');
    const doc = readFileSync(path, 'utf8');
    const block = /(<!-- codes:[^\n]*-->\n)([\s\S]*?)(<!-- \/codes -->)/;
    const table = `${renderCodeTable()}\n`;
    if (process.env.UPDATE_DOCS === '1') writeFileSync(path, doc.replace(block, (_m, open: string, _t: string, close: string) => `${open}${table}${close}`));
    const current = block.exec(readFileSync(path, 'utf8'));
    expect(current?.[2]).toBe(table);
    for (const code of Object.keys(IMPORT_CODES)) expect(current![2]).toContain(`| \`${code}\` |`);
  });

  it('the report names every doubt with its line in source.txt', () => {
    const raw = readFileSync(join(ROOT, 'content/concerning-questions-of-leninism/source.txt'), 'utf8');
    const book = importText(raw, { profile: 'auto', sourcePath: 'source.txt' });
    const report = renderImportReport({ title: book.meta.title, sourceFile: 'raw.txt', lineCount: 310, profile: book.profile, diagnostics: book.diagnostics });
    const doubts = book.diagnostics.filter((d) => d.severity === 'warning');
    expect(doubts.length).toBeGreaterThan(5);
    expect(report).toContain(`## To check (${doubts.length})`);
    const section = report.slice(report.indexOf('## To check'), report.indexOf('## Done with confidence'));
    for (const d of doubts) {
      const text = d.message.replace(/\s+/g, ' ').trim().slice(1);
      const entry = section.split('\n').find((l) => l.includes(text) && l.includes(`(\`${d.code}\`)`));
      expect(entry, d.message).toBeDefined();
      if (d.line) expect(entry).toMatch(new RegExp(`^- lines? (?:\\d+, )*${d.line}\\b`));
    }
    // fixes are counted per code, not listed
    const fixes = book.diagnostics.filter((d) => d.severity === 'info').reduce((n, d) => n + (d.count ?? 1), 0);
    expect(report).toContain(`## Done with confidence (${fixes})`);
    expect(report.split('\n').length).toBeLessThan(doubts.length + 40);
  });
});
