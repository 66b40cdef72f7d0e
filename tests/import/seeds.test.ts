/**
 * The three web seeds, re-imported: every note reference has its note and every note is referred to, nothing of
 * the archive page's furniture remains, and no note text is lost. The same checks hold for the books in content/
 * (the import corrected by hand).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/import/index.js';
import { ROOT } from '../helpers/books.js';

const SEEDS = [
  { seed: '000_68e5d95508c6688c.txt', book: 'for-the-party', notes: 2 },
  { seed: '003_e1036b9880d44123.txt', book: 'letter-to-huysmans', notes: 1 },
  { seed: '004_61cde4feabb096c6.txt', book: 'concerning-questions-of-leninism', notes: 26 },
];

function seedText(name: string): string {
  return readFileSync(join(ROOT, 'content', SEEDS.find((s) => s.seed === name)!.book, 'source.txt'), 'utf8');
}

/** Footnote references and definitions of a Markdown file. */
function footnotes(markdown: string): { refs: Set<string>; defs: string[] } {
  const defs = [...markdown.matchAll(/^\[\^([A-Za-z0-9_-]+)\]:/gm)].map((m) => m[1]);
  const refs = new Set([...markdown.replace(/^\[\^[A-Za-z0-9_-]+\]:/gm, '').matchAll(/\[\^([A-Za-z0-9_-]+)\]/g)].map((m) => m[1]));
  return { refs, defs };
}

function expectLinked(markdown: string, notes: number): void {
  const { refs, defs } = footnotes(markdown);
  expect(new Set(defs).size, 'labels are unique in the file').toBe(defs.length);
  expect([...refs].filter((r) => !defs.includes(r)), 'references without a note').toEqual([]);
  expect(defs.filter((d) => !refs.has(d)), 'notes without a reference').toEqual([]);
  expect(defs.length).toBeGreaterThanOrEqual(notes);
}

function expectNoFurniture(markdown: string): void {
  expect(markdown).not.toMatch(/Home Page|Works Index|< backward|forward >|README/);
  expect(markdown).not.toMatch(/\S+ \| \S+/);
  // a line that is only a number is a page number
  expect(markdown).not.toMatch(/^\s*\d{1,4}\s*$/m);
  // no typed dashes or straight quotes left in the text
  expect(markdown).not.toMatch(/ -- | - |"/);
}

describe.each(SEEDS)('seed $seed → content/$book', ({ seed, book, notes }) => {
  const raw = seedText(seed);
  const imported = importText(raw, { profile: 'auto', sourcePath: seed });
  const markdown = imported.files.map((f) => f.markdown).join('\n');

  it('is read as a web text', () => {
    expect(imported.profile).toBe('web');
  });

  it('links every reference to its note, with labels unique in the file', () => {
    expectLinked(markdown, notes);
  });

  it('leaves no navigation, page numbers or typed quotes and dashes', () => {
    expectNoFurniture(markdown);
  });

  it('loses no note: each note text of the source is a note or stays in the text', () => {
    const noteTexts = [...raw.matchAll(/^\[?(?:\d{1,3})[\].]\s+(.{12,40})/gm)].map((m) => m[1]);
    expect(noteTexts.length).toBeGreaterThan(0);
    const plain = markdown.replace(/[“”"‘’'—–\u00a0-]/g, ' ').replace(/\s+/g, ' ');
    for (const t of noteTexts) {
      const words = t.replace(/[“”"‘’'—–\u00a0-]/g, ' ').replace(/\s+/g, ' ').trim().split(' ').slice(0, 4).join(' ');
      expect(plain, `note "${t}"`).toContain(words);
    }
  });

  it('the book in content/ (corrected by hand) keeps the same guarantees', () => {
    const dir = join(ROOT, 'content', book);
    const yaml = readFileSync(join(dir, 'book.yaml'), 'utf8');
    const files = [...yaml.matchAll(/^ {2}- (\S+\.md)$/gm)].map((m) => m[1]);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const md = readFileSync(join(dir, f), 'utf8');
      expectLinked(md, notes);
      expectNoFurniture(md);
    }
    expect(readFileSync(join(dir, 'import-report.md'), 'utf8')).toContain('## Corrected by hand');
  });
});

describe('seed details', () => {
  it('000: the title note and the number set apart become notes 1 and 2; real numbers stay', () => {
    const md = importText(seedText('000_68e5d95508c6688c.txt'), { profile: 'web', sourcePath: '000' }).files[0].markdown;
    expect(md).toMatch(/^# For the Party\[\^1\]$/m);
    expect(md).toContain('took place recently[^2] is a clear symptom');
    expect(md).toContain('over 25,000,000 of the population');
    expect(md).toMatch(/::: signature\nThe Central Committee of the R\.S\.D\.L\.P\.\n:::/);
    expect(md).toMatch(/::: source\nPublished in leaflet form in March 1912\n:::/);
  });

  it('004: notes numbered per page get unique labels; one starred note serves both of its stars', () => {
    const md = importText(seedText('004_61cde4feabb096c6.txt'), { profile: 'web', sourcePath: '004' }).files[0].markdown;
    const both = /through\[\^(s\d+)\] a number of special institutions also of a new type, namely, through\[\^(s\d+)\] the Soviet apparatus/.exec(md);
    expect(both?.[1]).toBeDefined();
    expect(both?.[1]).toBe(both?.[2]);
    expect(md).toMatch(new RegExp(`^\\[\\^${both![1]}\\]: My italics\\.—J\\.\u00a0St\\.$`, 'm'));
    // the paragraph broken by the page and its notes is whole again
    expect(md).toContain('exercises the dictatorship of the proletariat separately from the state power');
    expect(md).toContain('in building up their social life');
    // the volume's endnotes are not in the text: their references stay visible
    expect(md).toContain('(Lenin.)[27]');
  });
});
