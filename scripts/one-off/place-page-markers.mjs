#!/usr/bin/env node
/**
 * One-off (2026-12-03, issue 11): bring a book's page markers up to date with the importer's page placement
 * WITHOUT re-importing over the Markdown that was corrected by hand.
 *
 *   node scripts/one-off/place-page-markers.mjs content/works-volume-6 [--write]
 *
 * It imports the book's source.txt in memory (lib/import, nothing written), and for each `{{page N}}` of that
 * import finds the same place in the book's Markdown by the words around it (six normalised words after the
 * marker, checked against the six before; letters and digits only, so hand corrections of hyphens, case or notes
 * do not matter). Then, per marker:
 *   - the book has it at that place: kept;
 *   - the book has another number at that place (a marker the old importer numbered wrongly): renumbered;
 *   - the book has it at the end of a heading and the import at the head of the same heading: moved to the head;
 *   - the book does not have it: inserted (`{{page N}}` before the word; in a heading, joined to its first word).
 * A marker whose place is not found by both contexts, or whose place disagrees otherwise, is listed and left alone.
 * Markers of the book that the import does not have are kept and listed. Without --write it only prints the plan.
 * Needs `npx tsc -p tsconfig.json` first (it runs lib/).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const [dirArg, ...flags] = process.argv.slice(2);
if (!dirArg) throw new Error('usage: place-page-markers.mjs <book dir> [--write]');
const write = flags.includes('--write');
const dir = resolve(dirArg);
const root = resolve(new URL('../..', import.meta.url).pathname);
const { importText } = await import(join(root, 'lib/import/index.js'));

const MARKER = /\{\{page ([0-9ivxlcdm]+)\}\}/gi;
const K = 6;

/** Words of a Markdown text with their offsets, without markers; `norm` is letters and digits in lower case. */
function words(text) {
  const out = [];
  // markers, note calls and the lines that open a block (`::: subtitle`) are no words of the text
  const clean = text
    .replace(MARKER, (m) => ' '.repeat(m.length))
    .replace(/\[\^[^\]]+\]/g, (m) => ' '.repeat(m.length))
    .replace(/^:::.*$/gm, (m) => ' '.repeat(m.length));
  for (const m of clean.matchAll(/\S+/g)) {
    const norm = m[0].normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
    if (norm) out.push({ norm, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Markers of a text: number, offset, and the index of the first word after it. */
function markers(text, ws) {
  return [...text.matchAll(MARKER)].map((m) => ({ page: m[1], start: m.index, end: m.index + m[0].length, word: ws.findIndex((w) => w.start >= m.index + m[0].length) }));
}

function findAll(ws, gram, from = 0) {
  const hits = [];
  outer: for (let i = from; i + gram.length <= ws.length; i++) {
    for (let k = 0; k < gram.length; k++) if (ws[i + k].norm !== gram[k]) continue outer;
    hits.push(i);
  }
  return hits;
}

/** The word index in `book` where the import's marker before word `w` of `fresh` belongs, or a reason. */
function locate(fresh, w, book, between = [0, Infinity]) {
  const after = fresh.slice(w, w + K).map((x) => x.norm);
  const before = fresh.slice(Math.max(0, w - K), w).map((x) => x.norm);
  const byAfter = after.length ? findAll(book, after) : [];
  const byBefore = before.length ? findAll(book, before).map((i) => i + before.length) : [];
  let both = byAfter.filter((i) => byBefore.includes(i) || (before.length === 0 && i === 0));
  // words that stand twice (a quotation repeated): the place between the book's markers of the pages around it
  if (both.length > 1) both = both.filter((i) => i >= between[0] && i <= between[1]);
  if (both.length === 1) return { at: both[0], how: 'both' };
  if (both.length > 1) return { reason: `${both.length} places match` };
  if (byAfter.length === 1 && byBefore.length === 0) return { at: byAfter[0], how: 'after' };
  if (byBefore.length === 1 && byAfter.length === 0) return { at: byBefore[0], how: 'before' };
  return { reason: `words after: ${byAfter.length} places, words before: ${byBefore.length}` };
}

const yaml = parse(readFileSync(join(dir, 'book.yaml'), 'utf8'));
const raw = readFileSync(join(dir, 'source.txt'), 'utf8');
const imported = importText(raw, { profile: 'auto', sourcePath: 'source.txt', language: yaml.language });
if (imported.files.length !== yaml.files.length) throw new Error(`the import makes ${imported.files.length} files, the book has ${yaml.files.length}`);

const bookPages = new Set();
const texts = yaml.files.map((f) => readFileSync(join(dir, f), 'utf8'));
for (const t of texts) for (const m of t.matchAll(MARKER)) bookPages.add(m[1]);
const freshPages = new Set(imported.files.flatMap((f) => [...f.markdown.matchAll(MARKER)].map((m) => m[1])));

const log = { kept: 0, inserted: [], renumbered: [], moved: [], left: [], bookOnly: [] };
yaml.files.forEach((file, i) => {
  let text = texts[i];
  const fresh = imported.files[i].markdown;
  const fw = words(fresh);
  const bw = words(text);
  const bm = markers(text, bw);
  const edits = []; // { start, end, insert }
  for (const fm of markers(fresh, fw)) {
    if (fm.word < 0) {
      log.left.push(`${file}: p. ${fm.page} at the end of the file: not placed by this script`);
      continue;
    }
    const around = (d) => bm.find((m) => /^\d+$/.test(m.page) && Number(m.page) === Number(fm.page) + d)?.word;
    const place = locate(fw, fm.word, bw, [around(-1) ?? 0, around(1) ?? Infinity]);
    if (place.at === undefined) {
      log.left.push(`${file}: p. ${fm.page}: ${place.reason}`);
      continue;
    }
    const at = bw[place.at];
    const same = bm.find((m) => m.page === fm.page);
    const here = bm.filter((m) => m.word === place.at);
    if (same && same.word === place.at) {
      log.kept++;
      continue;
    }
    const lineStart = text.lastIndexOf('\n', at.start - 1) + 1;
    const line = text.slice(lineStart, text.indexOf('\n', at.start) < 0 ? undefined : text.indexOf('\n', at.start));
    const heading = /^#{1,6} /.exec(line);
    const headStart = heading ? lineStart + heading[0].length : -1;
    const insertion = heading && at.start === headStart ? `{{page ${fm.page}}}` : `{{page ${fm.page}}} `;
    if (same) {
      // the book's marker stands elsewhere: moved only from the end of the same heading to its head
      const sameLineStart = text.lastIndexOf('\n', same.start - 1) + 1;
      const sameLineEnd = text.indexOf('\n', same.start);
      const endOfHeading = sameLineStart === lineStart && heading && text.slice(same.end, sameLineEnd < 0 ? undefined : sameLineEnd).trim() === '';
      if (endOfHeading && at.start === headStart) {
        edits.push({ start: text[same.start - 1] === ' ' ? same.start - 1 : same.start, end: same.end, insert: '' }, { start: at.start, end: at.start, insert: insertion });
        log.moved.push(`${file}: p. ${fm.page} from the end of the heading to its head: ${line.slice(0, 70)}`);
      } else {
        log.left.push(`${file}: p. ${fm.page}: the book has it ${Math.abs(same.word - place.at)} words from where the import puts it (kept where the book has it): …${text.slice(Math.max(0, same.start - 40), same.end + 40).replace(/\n/g, ' ')}…`);
      }
      continue;
    }
    if (here.length === 1 && !freshPages.has(here[0].page)) {
      log.left.push(`${file}: p. ${fm.page}: the book has p. ${here[0].page} there, which the import does not place`);
      continue;
    }
    if (here.length === 1) {
      // another number at this place: the old import's number, which the import now gives elsewhere
      edits.push({ start: here[0].start, end: here[0].end, insert: `{{page ${fm.page}}}` });
      log.renumbered.push(`${file}: p. ${here[0].page} → p. ${fm.page} at “${text.slice(here[0].end, here[0].end + 50).trim()}”`);
      continue;
    }
    if (bookPages.has(fm.page)) {
      log.left.push(`${file}: p. ${fm.page}: the book has it in another file`);
      continue;
    }
    edits.push({ start: at.start, end: at.start, insert: insertion });
    log.inserted.push(`${file}: p. ${fm.page} (${place.how}) before “${text.slice(at.start, at.start + 40).replace(/\n/g, ' ')}”`);
  }
  // the book's markers that the import does not have at all
  for (const m of bm) if (!freshPages.has(m.page)) log.bookOnly.push(`${file}: p. ${m.page}`);
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  for (const e of edits) text = text.slice(0, e.start) + e.insert + text.slice(e.end);
  if (write && edits.length) writeFileSync(join(dir, file), text);
});

// a renumbered marker may leave its old number unplaced or doubled: say so
const after = new Map();
for (const f of yaml.files) for (const m of readFileSync(join(dir, f), 'utf8').matchAll(MARKER)) after.set(m[1], (after.get(m[1]) ?? 0) + 1);
console.log(`kept ${log.kept}, inserted ${log.inserted.length}, renumbered ${log.renumbered.length}, moved ${log.moved.length}, left ${log.left.length}, in the book only ${log.bookOnly.length}`);
for (const [k, v] of Object.entries(log)) if (Array.isArray(v)) for (const line of v) console.log(`${k}: ${line}`);
if (write) {
  const doubled = [...after].filter(([, n]) => n > 1).map(([p]) => p);
  console.log(`written: ${[...after.keys()].length} distinct markers${doubled.length ? `, doubled: ${doubled.join(', ')}` : ''}`);
}
