/**
 * Texts the importer has not seen: each seed changed the way other transcriptions differ (header fields in
 * another order, notes in another style, Windows line endings, mojibake) must import to the same book.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/import/index.js';
import { ROOT } from '../helpers/books.js';

const read = (book: string) => readFileSync(join(ROOT, 'content', book, 'source.txt'), 'utf8');
const imported = (raw: string) => {
  const book = importText(raw, { profile: 'auto', sourcePath: 'variant.txt' });
  return { markdown: book.files.map((f) => f.markdown).join('\n'), meta: book.meta };
};

/** Reverse the order of the credits header lines ("Source :", "Publisher :", …). */
function reorderHeader(raw: string): string {
  const lines = raw.split('\n');
  const header = lines.map((l, i) => ({ l, i })).filter(({ l }) => /^(Written|Published|Source|Publisher|Translated|Transcription|Public Domain)\s*:/.test(l));
  const reversed = [...header].reverse();
  header.forEach(({ i }, k) => (lines[i] = reversed[k].l));
  return lines.join('\n');
}

/** Mojibake: the UTF-8 bytes read as Windows-1252. */
function garble(raw: string): string {
  return new TextDecoder('windows-1252').decode(new TextEncoder().encode(raw));
}

const crlf = (raw: string) => `\uFEFF${raw.replace(/\n/g, '\r\n')}`;

describe('variations of For the Party', () => {
  const raw = read('for-the-party');
  const base = imported(raw);

  it.each([
    ['header fields in another order', reorderHeader(raw)],
    ['Windows line endings and a byte-order mark', crlf(raw)],
    ['mojibake', garble(raw)],
    ['a "Notes" heading before the endnotes', raw.replace(/\n1\. The leaflet headed/, '\nNotes\n\n1. The leaflet headed')],
    ['bracketed endnotes', raw.replace(/^(\d)\. The leaflet/gm, '[$1] The leaflet')],
  ])('%s', (_name, variant) => {
    expect(variant).not.toBe(raw);
    const v = imported(variant);
    expect(v.markdown).toBe(base.markdown);
    expect(v.meta).toEqual(base.meta);
  });

  it('references glued to the word or bracketed link the same notes', () => {
    const glued = imported(raw.replace('recently 2 is', 'recently2 is').replace('For the Party 1', 'For the Party1'));
    expect(glued.markdown).toBe(base.markdown);
    const bracketed = imported(raw.replace('recently 2 is', 'recently[2] is').replace('For the Party 1', 'For the Party[1]').replace(/^(\d)\. The leaflet/gm, '[$1] The leaflet'));
    expect(bracketed.markdown).toBe(base.markdown);
  });
});

describe('variations of A Letter to Huysmans', () => {
  const raw = read('letter-to-huysmans');
  const base = imported(raw);

  it.each([
    ['header fields in another order', reorderHeader(raw)],
    ['Windows line endings and a byte-order mark', crlf(raw)],
    ['mojibake', garble(raw)],
    ['notes as "1." under a "Notes" heading', raw.replace('\n[1] Lenin', '\nNotes\n\n1. Lenin')],
    ['navigation at the top too', `Marx-Engels | Lenin | Stalin | Home Page\n\n${raw}`],
  ])('%s', (_name, variant) => {
    expect(variant).not.toBe(raw);
    const v = imported(variant);
    expect(v.markdown).toBe(base.markdown);
    expect(v.meta).toEqual(base.meta);
  });
});

describe('variations of Concerning Questions of Leninism', () => {
  const raw = read('concerning-questions-of-leninism');
  const base = imported(raw);

  it.each([
    ['Windows line endings and a byte-order mark', crlf(raw)],
    ['mojibake', garble(raw)],
    ['page notes on their own lines instead of glued to the paragraph', raw.replace(/\)\[(\d)\] \[\1\] /g, ')[$1]\n[$1] ')],
  ])('%s', (_name, variant) => {
    expect(variant).not.toBe(raw);
    const v = imported(variant);
    expect(v.markdown).toBe(base.markdown);
  });
});
