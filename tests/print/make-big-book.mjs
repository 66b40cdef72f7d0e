#!/usr/bin/env node
/**
 * A synthetic big book for measuring print speed (Works Vol. 6 is ~450 pages): ~40 works of prose taken
 * from a seed text (or made from a word list), with parts, notes every few paragraphs (some long, some
 * referenced twice), semantic blocks and page markers. Deterministic: the same arguments give the same book.
 *   node tests/print/make-big-book.mjs <out-dir> [chapters=40] [kilobytes=700] [seed.txt]
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// the scanned volume's raw text (shared/ beside the repository) gives real words; a word list stands in without it
const SEED = fileURLToPath(new URL('../../../shared/seeds/001_93893b877f0de433.txt', import.meta.url));
const [out, chaptersArg = '40', kbArg = '700', seedArg = SEED] = process.argv.slice(2);
if (!out) throw new Error('usage: make-big-book.mjs <out-dir> [chapters] [kilobytes] [seed]');
const chapters = Number(chaptersArg);
const target = Number(kbArg) * 1024;

let words;
if (existsSync(seedArg)) {
  words = readFileSync(seedArg, 'utf8').replace(/-\n\s*/g, '').replace(/\s+/g, ' ').split(' ').filter((w) => /^[A-Za-z’,.;:—-]+$/.test(w));
} else {
  words = 'the party workers state apparatus democracy conditions question comrades international peace development'.split(' ');
}
let cursor = 0;
function sentence(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(words[(cursor++) % words.length]);
  let s = out.join(' ').replace(/[,;:—-]+$/, '');
  s = s[0].toUpperCase() + s.slice(1);
  return /[.]$/.test(s) ? s : `${s}.`;
}
function paragraph(sentences) {
  return Array.from({ length: sentences }, (_, i) => sentence(12 + ((cursor + i) % 17))).join(' ');
}

mkdirSync(out, { recursive: true });
const files = [];
const perChapter = target / chapters;
let page = 1;
for (let c = 1; c <= chapters; c++) {
  const lines = [`# ${sentence(3 + (c % 5)).replace(/\.$/, '')}`, ''];
  if (c % 3 === 0) lines.push('::: subtitle', sentence(6).replace(/\.$/, ''), ':::', '');
  lines.push('::: dateline', `January ${c % 28 + 1}, 1924`, ':::', '');
  if (c % 7 === 0) lines.push('::: epigraph', paragraph(2), ':::', '');
  const notes = [];
  let size = 0;
  let p = 0;
  while (size < perChapter) {
    p++;
    if (p % 9 === 0) lines.push(`## ${['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'][(p / 9 - 1) % 12]}`, '');
    let text = paragraph(3 + (p % 6));
    if (p % 4 === 0) text = text.replace(/ (\w+)/, ` $1 {{page ${++page}}}`);
    if (p % 3 === 0) {
      const n = notes.length + 1;
      notes.push(`[^n${n}]: ${paragraph(n % 5 === 0 ? 6 : 1 + (n % 3))}`);
      text = text.replace(/\.$/, `.[^n${n}]`);
    }
    if (p % 23 === 0 && notes.length > 1) text += ` Compare the first note.[^n1]`;
    lines.push(text, '');
    size += text.length;
  }
  if (c % 5 === 0) lines.push('::: chronicle', ...Array.from({ length: 4 }, (_, i) => [`January ${i + 9}`, `: ${sentence(10)}`, '']).flat(), ':::', '');
  lines.push('::: signature', 'J. Stalin', ':::', '', '::: source', `Pravda, No. ${c + 10}, January ${c % 28 + 1}, 1924`, ':::', '', ...notes.flatMap((n) => [n, '']));
  const file = `${String(c).padStart(2, '0')}-work-${c}.md`;
  writeFileSync(join(out, file), lines.join('\n'));
  files.push(file);
}
writeFileSync(
  join(out, 'book.yaml'),
  `identifier: urn:uuid:00000000-0000-4000-8000-000000000bb6
title: Works, Volume 6 (synthetic)
language: en
creators:
  - name: J. V. Stalin
    role: author
date: "1924"
description: A synthetic volume made for measuring the print pipeline.
subjects: [Benchmarks]
rights: This synthetic text is in the public domain.
sources:
  - title: Works, Vol. 6
    publisher: Foreign Languages Publishing House
    place: Moscow
    year: 1953
files:
${files.map((f) => `  - ${f}`).join('\n')}
`,
);
process.stdout.write(`${out}: ${chapters} chapters\n`);
