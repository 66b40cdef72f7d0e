/**
 * Every lint rule against its fixture, tests/fixtures/lint/<code>/: bad.md (with book.yaml if the rule reads
 * it) gives exactly the findings of expected.txt (`line:column`, or `file line:column`), and good.md (with
 * good.yaml), the same text corrected, gives none.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLintBook } from '../../src/lint/document.js';
import { LINT_RULES } from '../../src/lint/registry.js';
import { ROOT } from '../helpers/books.js';

const FIXTURES = join(ROOT, 'tests/fixtures/lint');
const DEFAULT_YAML = 'title: A Work\nlanguage: en\n';

function findings(code: string, markdownFile: string, yamlFile: string) {
  const dir = join(FIXTURES, code);
  const yaml = existsSync(join(dir, yamlFile)) ? readFileSync(join(dir, yamlFile), 'utf8') : DEFAULT_YAML;
  const book = readLintBook(yaml, new Map([['text.md', readFileSync(join(dir, markdownFile), 'utf8')]]));
  const rule = LINT_RULES.find((r) => r.code === code)!;
  return rule.check(book);
}

describe.each(LINT_RULES.map((r) => r.code))('lint rule %s', (code) => {
  it('has a description, an example and a fixture', () => {
    const rule = LINT_RULES.find((r) => r.code === code)!;
    expect(rule.description.length).toBeGreaterThan(10);
    expect(rule.example.found).not.toBe(rule.example.corrected);
    expect(existsSync(join(FIXTURES, code, 'bad.md'))).toBe(true);
  });

  it('finds what expected.txt lists in bad.md', () => {
    const expected = readFileSync(join(FIXTURES, code, 'expected.txt'), 'utf8').trim().split('\n');
    const found = findings(code, 'bad.md', 'book.yaml').map((f) => `${f.file === 'text.md' ? '' : `${f.file} `}${f.line}:${f.column}`);
    expect(found).toEqual(expected);
  });

  it('finds nothing in good.md, the text corrected', () => {
    expect(findings(code, 'good.md', 'good.yaml').map((f) => f.message)).toEqual([]);
  });
});

describe('lint codes', () => {
  it('are unique and in kebab-case', () => {
    const codes = LINT_RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});
