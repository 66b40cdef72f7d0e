/**
 * Web transcriptions (synthetic fixtures): an address block and a closing kept as one block with its lines broken,
 * a letter's number alone above its `To:` title, the page's `Other Formats:` links taken off.
 */
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/import/index.js';

const LONG = 'The weather has been very fine all week and the work goes on well, though the printers are slow again and the proofs come back late.';

function letter(body: string[]): string {
  return [
    'A. B. Writer',
    '',
    '57',
    '',
    'To: HIS BROTHER PAUL',
    '',
    'Written: May 3, 1901',
    'Source: Collected Letters, Volume 2, page 14.',
    'Translated: The Late John Smith',
    'Other Formats: TextREADME',
    '',
    ...body,
  ].join('\n');
}

function markdown(raw: string): { md: string; title: string; codes: string[] } {
  const r = importText(raw, { profile: 'auto', sourcePath: 'raw.txt', language: 'en' });
  return { md: r.files.map((f) => f.markdown).join('\n'), title: r.meta.title, codes: r.diagnostics.map((d) => d.code) };
}

describe('web: short lines standing together', () => {
  const raw = letter([
    'Paul Writer,',
    'Hill Street, No. 4,',
    'Lyon,',
    'France',
    '',
    'Dear Paul,',
    '',
    LONG,
    '',
    LONG.replace('fine', 'wet'),
    '',
    'I shall write again on Sunday.',
    '',
    'Yours,',
    'A. B.',
    '',
  ]);

  it('keeps an address as one block, its lines broken, and never takes it for a heading', () => {
    const { md } = markdown(raw);
    expect(md).toMatch(/Paul Writer,\\\nHill Street, No\.\s4,\\\nLyon,\\\nFrance\n/);
    expect(md).not.toMatch(/^#+ .*Paul Writer/m);
  });

  it('keeps a closing with its signature as one block', () => {
    const { md, codes } = markdown(raw);
    expect(md).toMatch(/Yours,\\\nA\.\sB\./);
    expect(md).not.toMatch(/^#+ Yours/m);
    expect(codes).toContain('line-block');
  });

  it('takes the number above the To: title for the letter\'s number, and drops the Other Formats links', () => {
    const { md, title } = markdown(raw);
    expect(title).toBe('To His Brother Paul');
    expect(md).not.toMatch(/^# 57/m);
    expect(md).not.toContain('Other Formats');
  });

  it('leaves lines alone in a text that does not set its paragraphs apart by blank lines', () => {
    const dense = ['Dear Paul,', LONG, 'Yours,', 'A. B.', LONG, LONG, 'I shall write again.', 'Regards,', 'C. D.'].join('\n');
    const { md } = markdown(dense);
    expect(md).not.toContain('\\\n');
  });
});
