/**
 * One fixture per repair rule (tests/fixtures/import-repair/<rule>/input.txt → expected.txt): the whole repair
 * runs on a passage chosen to show that rule at work; the paragraphs, notes and the rule's review items are
 * compared with the expected text. `UPDATE_GOLDEN=1` rewrites expected.txt (review the diff).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../../src/diagnostics.js';
import { repairPageText, repairRules } from '../../../src/import/repair/index.js';
import type { ReviewItem } from '../../../src/import/types.js';

const root = new URL('../../fixtures/import-repair/', import.meta.url).pathname;
const cases = readdirSync(root).filter((d) => existsSync(join(root, d, 'input.txt')));

function render(input: string, rule: string): string {
  const items: ReviewItem[] = [];
  const repaired = repairPageText(input, { sourcePath: 'input.txt', diagnostics: new Diagnostics(), review: (r) => items.push(r) }, {
    watermarks: ['FROM MARX TO MAO', 'NOT FOR COMMERCIAL DISTRIBUTION'],
  });
  return [
    '# blocks',
    ...repaired.blocks.map((b) => `[${b.line}] ${b.text}`),
    '# notes',
    ...repaired.notes.map((n) => `[${n.line}] ${n.label} (${n.origin}) ${n.text}`),
    `# review (${rule})`,
    ...items.filter((i) => i.rule === rule).map((i) => `${i.kind} ${i.line ?? ''}: ${i.message}`),
  ].join('\n') + '\n';
}

describe('repair rule fixtures', () => {
  it('every rule in the registry has a fixture', () => {
    for (const rule of repairRules) expect(cases).toContain(rule.id);
    expect(cases).toContain('join-paragraphs');
  });
  it.each(cases)('%s', (name) => {
    const got = render(readFileSync(join(root, name, 'input.txt'), 'utf8'), name);
    const path = join(root, name, 'expected.txt');
    if (process.env.UPDATE_GOLDEN || !existsSync(path)) writeFileSync(path, got);
    expect(got).toBe(readFileSync(path, 'utf8'));
  });
});
