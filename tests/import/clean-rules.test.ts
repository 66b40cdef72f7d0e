/** Every cleaning rule: its example, and its fixture tests/fixtures/import/rules/<id>/{input.txt,expected.txt}. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules, applyTextRules, createImportContext } from '../../src/import/index.js';
import type { CleanRule, RuleReport } from '../../src/import/clean/types.js';
import { ROOT } from '../helpers/books.js';

const FIXTURES = join(ROOT, 'tests/fixtures/import/rules');

function run(rule: CleanRule, input: string): { output: string; fixed: number; doubts: number } {
  let fixed = 0;
  let doubts = 0;
  const report: RuleReport = {
    fixed: (_m, _o, count) => (fixed += count ?? 1),
    doubt: () => doubts++,
    warn: (_code, _m, _o, kind) => (kind === 'doubt' ? doubts++ : fixed++),
  };
  if (rule.scope === 'text') return { output: rule.apply(input, report), fixed, doubts };
  // paragraph rules see one paragraph at a time: the fixture has one a line
  const output = input
    .split('\n')
    .map((line) => (line === '' ? line : rule.apply(line, report)))
    .join('\n');
  return { output, fixed, doubts };
}

describe('cleaning rules registry', () => {
  it('has unique ids, one-line descriptions, and a fixture for every rule', () => {
    const ids = allRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of allRules) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(r.description).not.toContain('\n');
      expect(r.description.length).toBeGreaterThan(10);
      expect(existsSync(join(FIXTURES, r.id, 'input.txt')), `fixture for ${r.id}`).toBe(true);
    }
  });

  it('keeps every line where it was in the text rules', () => {
    const raw = '\uFEFFMarx-Engels | Lenin | Stalin | Home Page\r\n\r\nRussiaâ€™s\u0007 text.README\r\n< backward   forward >\r\n';
    const ctx = createImportContext('test.txt');
    const out = applyTextRules(raw, ctx, 'web');
    expect(out.split('\n')).toHaveLength(raw.split('\r\n').length);
    expect(out).toBe('\n\nRussia’s text.\n\n');
    expect(ctx.items.map((i) => i.rule)).toEqual(
      expect.arrayContaining(['strip-bom', 'normalize-line-endings', 'fix-mojibake', 'char-control', 'remove-navigation-lines', 'strip-archive-boilerplate']),
    );
  });
});

describe.each(allRules.map((r) => [r.id, r] as const))('rule %s', (_id, rule) => {
  it('does what its example says', () => {
    expect(run(rule, rule.example.input).output).toBe(rule.example.output);
  });

  it('turns the fixture input into the expected text, and reports what it fixed', () => {
    const input = readFileSync(join(FIXTURES, rule.id, 'input.txt'), 'utf8');
    const expected = readFileSync(join(FIXTURES, rule.id, 'expected.txt'), 'utf8');
    const { output, fixed, doubts } = run(rule, input);
    expect(output).toBe(expected);
    expect(fixed + doubts).toBeGreaterThan(0);
  });

  it('leaves clean text alone', () => {
    const expected = readFileSync(join(FIXTURES, rule.id, 'expected.txt'), 'utf8');
    // a second pass over the cleaned text changes nothing (the rule is idempotent)
    expect(run(rule, expected).output).toBe(expected);
  });
});
