/**
 * The import corpus's scorer on tiny hand-made examples, so that its figures mean what its README says. The
 * bench itself (npm run bench:import) is not run here, but one real corpus case is, as a smoke test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignWords, normalizeWords, readMarkdownDoc, readRawDoc, samePhrase, scoreDoc, totalScores, wordAccuracy } from '../../src/bench/corpus-metrics.js';
import { checkAuthors, checkTitle, CORPUS_DIR, readManifest, scoreCase } from '../../src/bench/import-corpus.js';
import { tmpdir } from 'node:os';

const words = (s: string) => s.split(' ');

describe('word alignment', () => {
  it('costs each run of differences the longer of its two sides', () => {
    expect(alignWords(words('a b c d'), words('a b c d')).distance).toBe(0);
    expect(alignWords(words('a b c d'), words('a x c d')).distance).toBe(1); // one word misread
    expect(alignWords(words('a b c d'), words('a b c d e f')).distance).toBe(2); // two words left over
    expect(alignWords(words('a b c d'), words('a d')).distance).toBe(2); // two words lost
    expect(alignWords(words('the the the cat'), words('the cat the the')).distance).toBe(2);
  });

  it('maps each word to the truth word it matches', () => {
    expect([...alignWords(words('a b c'), words('a x b c')).bToA]).toEqual([0, -1, 1, 2]);
  });

  it('stays exact on long texts that differ a little (anchored by words unique to both)', () => {
    const truth = Array.from({ length: 6000 }, (_, i) => `w${i % 700}-${Math.floor(i / 700)}`);
    const got = [...truth.slice(0, 2500), 'HEAD', '12', ...truth.slice(2500, 4000).map((w, i) => (i === 10 ? 'typo' : w)), ...truth.slice(4001)];
    // 2 inserted, 1 substituted, 1 deleted
    expect(alignWords(truth, got).distance).toBe(4);
  });

  it('word accuracy is 1 − distance / truth length, never below 0', () => {
    expect(wordAccuracy(words('a b c d'), words('a x c d'))).toBeCloseTo(0.75);
    expect(wordAccuracy(words('a b'), words('a b c d e f g h'))).toBe(0);
  });
});

describe('normalising words', () => {
  it('folds case and typography but keeps punctuation on the word', () => {
    expect(normalizeWords('“Yes,” he said—‘no’… . . .')).toEqual(['"yes,"', 'he', 'said', '—', "'no'...", '...']);
    expect(normalizeWords('state.1')).not.toEqual(normalizeWords('state.'));
    expect(normalizeWords('co\u00adoperate {{page 12}} now')).toEqual(['cooperate', 'now']);
  });

  it('compares titles and names without case or punctuation', () => {
    expect(samePhrase('THE ART OF WAR', 'The Art of War.')).toBe(true);
    expect(samePhrase('The Art of War', 'The Art of Peace')).toBe(false);
    expect(samePhrase(undefined, 'x')).toBe(false);
  });
});

const TRUTH = `---
title: "A Book"
author: "An Author"
---

# Chapter One

First paragraph ends here.[^1] And goes on.

Second paragraph.[^2]

1\\. An item

[^1]: The first note.

[^2]: The second note, longer than the first.
`;

describe('reading documents', () => {
  it('reads the ground truth: words, blocks, headings, calls after the right word, notes', () => {
    const doc = readMarkdownDoc(TRUTH);
    expect(doc.words.slice(0, 6)).toEqual(['chapter', 'one', 'first', 'paragraph', 'ends', 'here.']);
    expect(doc.blockStarts).toEqual([0, 2, 9, 11]);
    expect(doc.headings).toEqual(['chapter one']);
    expect(doc.calls).toEqual([
      { label: '1', after: 5 },
      { label: '2', after: 10 },
    ]);
    expect(doc.notes.get('2')).toBe('The second note, longer than the first.');
  });

  it('reads a Markdown list item and an escaped number alike', () => {
    expect(readMarkdownDoc('1. An item\n2. Another\n').words).toEqual(readMarkdownDoc('1\\. An item\n\n2\\. Another\n').words);
  });

  it('reads a raw text as one block per blank line or page break, notes and all', () => {
    const raw = readRawDoc('Chapter One\nFirst paragraph\n\nSecond\f12\n');
    expect(raw.blockStarts).toEqual([0, 4, 5]);
    expect(raw.calls).toEqual([]);
  });
});

describe('scoring a body against the truth', () => {
  const truth = readMarkdownDoc(TRUTH);

  it('a perfect import scores 1 everywhere', () => {
    const s = scoreDoc(truth, readMarkdownDoc(TRUTH.replace(/\[\^(\d)\]/g, '[^n$1]')));
    expect(s.wordAccuracy).toBe(1);
    expect(s.paragraphF1).toBe(1);
    expect(s.notes).toEqual({ truth: 2, linked: 2, wrong: 0 });
    expect(s.headings).toEqual({ truth: 1, right: 1, spurious: 0 });
    expect(s.furnitureLeft).toBe(0);
  });

  it('counts notes linked to the wrong note, or from the wrong place', () => {
    const swapped = TRUTH.replace('[^1]: The first note.', '[^1]: The second note, longer than the first.').replace('[^2]: The second note, longer than the first.', '[^2]: The first note.');
    expect(scoreDoc(truth, readMarkdownDoc(swapped)).notes).toEqual({ truth: 2, linked: 0, wrong: 2 });
    const moved = TRUTH.replace('here.[^1] And goes on.', 'here. And goes on.').replace('# Chapter One', '# Chapter One[^1]');
    expect(scoreDoc(truth, readMarkdownDoc(moved)).notes).toEqual({ truth: 2, linked: 1, wrong: 1 });
  });

  it('paragraph breaks: a lost break lowers recall, a spurious one precision', () => {
    const joined = readMarkdownDoc(TRUTH.replace('And goes on.\n\nSecond', 'And goes on. Second'));
    const s = scoreDoc(truth, joined);
    expect(s.breaks).toEqual({ truth: 3, found: 2, matched: 2 });
    expect(s.paragraphF1).toBeCloseTo(0.8);
    const split = scoreDoc(truth, readMarkdownDoc(TRUTH.replace('ends here.', 'ends\n\nhere.')));
    expect(split.breaks).toEqual({ truth: 3, found: 4, matched: 3 });
  });

  it('counts running heads and folios left in the body, and note text left in it', () => {
    const got = readMarkdownDoc(TRUTH.replace('Second paragraph.', '12 A BOOK\n\nSecond paragraph. The second note, longer than'));
    const s = scoreDoc(truth, got, { heads: ['A BOOK'], folios: true, pages: 20 });
    expect(s.furnitureLeft).toBe(2);
    expect(s.noteWordsLeft).toBe(5);
    // a number that belongs to the text is no folio
    expect(scoreDoc(truth, readMarkdownDoc(TRUTH), { heads: ['A BOOK'], folios: true }).furnitureLeft).toBe(0);
  });

  it('a spurious heading (a running head taken for one) is counted', () => {
    const s = scoreDoc(truth, readMarkdownDoc(TRUTH.replace('Second paragraph.', '## A Book\n\nSecond paragraph.')));
    expect(s.headings).toEqual({ truth: 1, right: 1, spurious: 1 });
  });

  it('totals recompute the rates from the sums', () => {
    const a = scoreDoc(truth, readMarkdownDoc(TRUTH));
    const b = scoreDoc(truth, readMarkdownDoc('# Chapter One\n'));
    const t = totalScores([a, b]);
    expect(t.truthWords).toBe(2 * a.truthWords);
    expect(t.wordAccuracy).toBeCloseTo(1 - b.distance / t.truthWords);
  });
});

describe('metadata checks', () => {
  it('a title is right whatever its case, or in a form the truth allows; not checked when the truth has none', () => {
    expect(checkTitle({ title: 'To His Sister Maria' }, 'TO HIS SISTER MARIA')).toBe(true);
    expect(checkTitle({ title: 'To His Sister Maria' }, '243. To His Sister Maria')).toBe(false);
    expect(checkTitle({ title: 'Letter', title_also: ['Marx to Engels'] }, 'Marx to Engels')).toBe(true);
    expect(checkTitle({ title: null }, 'Anything')).toBeNull();
  });

  it('authors are compared as a set of names', () => {
    expect(checkAuthors({ author: 'Karl Marx and Friedrich Engels' }, ['Friedrich Engels', 'Karl Marx'])).toBe(true);
    expect(checkAuthors({ author: 'Karl Marx and Friedrich Engels' }, ['Karl Marx'])).toBe(false);
    expect(checkAuthors({ author: 'V. I. Lenin', author_also: ['N. Lenin'] }, ['N. Lenin'])).toBe(true);
    expect(checkAuthors({ author: 'V. I. Lenin' }, ['Unknown'])).toBe(false);
    expect(checkAuthors({}, ['Unknown'])).toBeNull();
  });
});

describe('the corpus manifest', () => {
  const manifest = join(CORPUS_DIR, 'manifest.json');
  it.runIf(existsSync(manifest))('lists files that exist, each held-out case in held-out/ and in the recorded split', () => {
    const split = JSON.parse(readFileSync(join(CORPUS_DIR, 'split.json'), 'utf8')) as { heldOut: string[] };
    const cases = readManifest();
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      expect(existsSync(join(CORPUS_DIR, c.raw)), c.raw).toBe(true);
      expect(existsSync(join(CORPUS_DIR, c.truth)), c.truth).toBe(true);
      const text = c.raw.split('/')[1]!;
      expect(c.raw.startsWith(`${c.set}/`)).toBe(true);
      expect(split.heldOut.includes(text)).toBe(c.set === 'held-out');
    }
    // about a third of the texts held out, print and web alike
    for (const kind of ['print', 'web'] as const) {
      const texts = new Set(cases.filter((c) => c.kind === kind).map((c) => c.raw.split('/')[1]));
      const held = [...texts].filter((t) => split.heldOut.includes(t!)).length;
      expect(Math.abs(held - texts.size / 3)).toBeLessThanOrEqual(1);
    }
  });
});

describe('the corpus (smoke)', () => {
  const manifest = join(CORPUS_DIR, 'manifest.json');
  it.runIf(existsSync(manifest))('scores one printed case end to end through the import command', () => {
    const c = readManifest().find((x) => x.set === 'tuning' && x.kind === 'print')!;
    const r = scoreCase(c, tmpdir());
    expect(r.error).toBeUndefined();
    expect(r.imported.truthWords).toBeGreaterThan(500);
    expect(r.imported.wordAccuracy).toBeGreaterThanOrEqual(0);
    expect(r.baseline.notes.linked).toBe(0); // a raw text links nothing
  });
});
