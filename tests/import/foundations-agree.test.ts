/**
 * The Foundations of Leninism was imported twice: from a typeset PDF edition (seed 002 → content/foundations-of-
 * leninism/) and from the scanned Works, Vol. 6 (seed 001 → content/works-volume-6/07-the-foundations-of-
 * leninism.md). Their running text (paragraphs; not headings, notes, dedication or source lines, which the
 * editions set differently) is compared word for word after normalising typography. Every remaining
 * difference must be a known difference between the editions, listed in tests/fixtures/foundations-differences.md;
 * a difference not listed there (an import error) fails the test, and so does a listed one that no longer occurs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffWords, toWords, type DiffHunk } from './repair/word-diff.js';

const root = new URL('../../', import.meta.url).pathname;

/** The running text of Markdown files: paragraphs only, references and markers removed, escapes undone. */
export function runningText(markdown: string): string {
  const paragraphs: string[] = [];
  let inContainer = 0;
  for (const block of markdown.split(/\n\s*\n/)) {
    const b = block.trim();
    if (/^:::+ \w+/.test(b)) {
      // a container: skip it (and what it holds, until it closes)
      if (!/\n:::+$/.test(b)) inContainer++;
      continue;
    }
    if (inContainer > 0) {
      if (/(^|\n):::+$/.test(b)) inContainer--;
      continue;
    }
    if (/^#/.test(b) || /^\[\^[\w-]+\]:/.test(b)) continue;
    paragraphs.push(b);
  }
  return paragraphs
    .join('\n')
    .replace(/\[\^[\w-]+\]/g, ' ')
    .replace(/\{\{page [^}]*\}\}/g, ' ')
    .replace(/\\([\\`*_{}[\]()#+\-.!:>|~])/g, '$1');
}

/**
 * Words for comparison: typography normalised (toWords), then lower case and without the punctuation around
 * them. The editions differ in how they punctuate citations (`(see Vol. IV, p. 380).` / `(See Vol. IV, p. 380.)`)
 * and capitalise after a colon; words, hyphens, spelling and numbers are compared as printed.
 */
function words(text: string): string[] {
  return toWords(text.replace(/\u00a0/g, ' '))
    .map((w) => w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
}

function readBook(dir: string, only?: (name: string) => boolean): string {
  return readdirSync(join(root, dir))
    .filter((f) => /^\d\d-.*\.md$/.test(f) && (!only || only(f)))
    .sort()
    .map((f) => readFileSync(join(root, dir, f), 'utf8'))
    .join('\n\n');
}

interface KnownDifference {
  scan: string;
  pdf: string;
  /** how often it occurs */
  times: number;
  why: string;
}

/** `- scan: «words» | pdf: «words» ×N — why` lines of the differences file. */
function readKnownDifferences(): KnownDifference[] {
  const text = readFileSync(join(root, 'tests/fixtures/foundations-differences.md'), 'utf8');
  return [...text.matchAll(/^- scan: «([^»]*)» \| pdf: «([^»]*)»(?: ×(\d+))? — (.+)$/gm)].map((m) => ({
    scan: m[1]!,
    pdf: m[2]!,
    times: Number(m[3] ?? 1),
    why: m[4]!,
  }));
}

const key = (scan: string, pdf: string) => `scan: «${scan}» | pdf: «${pdf}»`;

describe('The Foundations of Leninism: the two imports agree word for word', () => {
  const scan = words(runningText(readBook('content/works-volume-6', (f) => f.includes('foundations-of-leninism'))));
  const pdf = words(runningText(readBook('content/foundations-of-leninism')));
  const hunks = diffWords(scan, pdf);
  const known = readKnownDifferences();
  const found = new Map<string, DiffHunk[]>();
  for (const h of hunks) {
    const k = key(h.removed.join(' '), h.added.join(' '));
    found.set(k, [...(found.get(k) ?? []), h]);
  }

  it('compares texts of the same work', () => {
    expect(scan.length).toBeGreaterThan(30000);
    expect(Math.abs(scan.length - pdf.length) / scan.length).toBeLessThan(0.01);
    expect(known.length).toBeGreaterThan(0);
  });

  it('differs only where the editions differ, as often as listed', () => {
    const listed = new Map(known.map((k) => [key(k.scan, k.pdf), k.times]));
    const unexplained = [...found].filter(([k, hs]) => listed.get(k) !== hs.length).map(([k, hs]) => `${k} ×${hs.length}, listed ×${listed.get(k) ?? 0}: ${hs.map((h) => `after “${h.context}”`).join('; ')}`);
    expect(unexplained).toEqual([]);
  });

  it('lists no difference that no longer occurs', () => {
    const stale = known.filter((k) => !found.has(key(k.scan, k.pdf)));
    expect(stale).toEqual([]);
  });

  it('reports the agreement', () => {
    const differing = hunks.reduce((n, h) => n + Math.max(h.removed.length, h.added.length), 0);
    const agreement = 1 - differing / scan.length;
    // eslint-disable-next-line no-console
    console.log(`foundations: ${scan.length} words (scan), ${pdf.length} (pdf); ${hunks.length} differences over ${differing} words (${(100 * agreement).toFixed(2)}% agree); ${known.length} kinds listed`);
    expect(agreement).toBeGreaterThan(0.99);
  });
});
