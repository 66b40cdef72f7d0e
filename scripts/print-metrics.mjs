#!/usr/bin/env node
/**
 * print-metrics: how a print PDF reads, measured from the PDF alone with poppler (`pdftotext -bbox-layout`
 * for line positions, plain `pdftotext` for what a search finds), knowing nothing of galley's renderer.
 * The page geometry (trim, margins, leading) and the body font's descent come from galley.yaml, the book's
 * words from its Markdown.
 *
 *   node scripts/print-metrics.mjs dist/works-volume-6.pdf [--book content/works-volume-6] [--json] [--pages]
 *
 * What it counts (body lines = text lines inside the text block, not running heads or folios):
 *   pages, blank pages, chapter openings (a page with text and no running head)
 *   short pages: a page that is not a chapter's last and ends a line or more above a full page's last
 *     baseline (empty lines in all, the worst pages); headings opening a page after a short page
 *   unbalanced spreads: mid-chapter facing pages whose last baselines differ by a line or more (and by
 *     more than 1 pt); notes whose last line is off the text block's last baseline
 *   hyphenation: lines ending in a hyphen before a letter (% of body lines), runs of 3 or more, breaks
 *     leaving 1 letter before or carrying 1–2 letters over, hyphens in capitalised or all-capital words,
 *     splits at the foot of a recto, one-word last lines (and those that are the tail of a hyphenated word)
 *   widows (a paragraph's last line alone at the top of a page), orphans (its first line alone at a foot)
 *   text layer: soft hyphens (U+00AD), duplicated lines (40+ characters printed twice), and with --book the
 *     share of the book's words that a plain search of the PDF text finds
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** CSS length → PDF points. */
function points(value) {
  const m = /^([\d.]+)\s*(in|mm|cm|pt|px)?$/.exec(String(value).trim());
  if (!m) throw new Error(`print-metrics: cannot read the length "${value}"`);
  const n = Number(m[1]);
  return { in: n * 72, mm: (n * 72) / 25.4, cm: (n * 72) / 2.54, pt: n, px: n * 0.75, undefined: n }[m[2]];
}

/** The font's descent as a share of its ascent + descent (what poppler puts below the baseline). */
function descentShare(fontFile) {
  const b = readFileSync(fontFile);
  const tables = {};
  for (let i = 0; i < b.readUInt16BE(4); i++) tables[b.toString('ascii', 12 + 16 * i, 16 + 16 * i)] = b.readUInt32BE(20 + 16 * i);
  const ascent = b.readInt16BE(tables.hhea + 4);
  const descent = -b.readInt16BE(tables.hhea + 6);
  return descent / (ascent + descent);
}

/** The body font's first face: in the font package when one is named (the project's, else galley's own). */
function fontPath(root, body) {
  const file = body.faces[0].file;
  if (!body.package) return resolve(root, file);
  for (const base of [root, ROOT]) {
    const path = join(base, 'node_modules', body.package, file);
    if (existsSync(path)) return path;
  }
  throw new Error(`print-metrics: the font ${file} is not in the package ${body.package}`);
}

export function readGeometry(root = ROOT) {
  const config = parseYaml(readFileSync(join(root, 'galley.yaml'), 'utf8'));
  const p = config.print;
  const fontSize = points(p['font-size']);
  return {
    width: points(p.width),
    height: points(p.height),
    top: points(p.margin.top),
    bottom: points(p.margin.bottom),
    fontSize,
    lineHeight: fontSize * Number(p['line-height']),
    descent: descentShare(fontPath(root, config.fonts.body)),
  };
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s) => s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e) => (e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? m)));

/** pdftotext -bbox-layout → pages of lines of words with their boxes. */
export function readLayout(pdf) {
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { maxBuffer: 1 << 30, encoding: 'utf8' });
  const pages = [];
  for (const pm of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const lines = [];
    for (const lm of pm[3].matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
      const words = [...lm[5].matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/word>/g)].map((w) => ({
        x0: Number(w[1]), y0: Number(w[2]), x1: Number(w[3]), y1: Number(w[4]), text: decode(w[5]),
      }));
      if (words.length === 0) continue;
      lines.push({ x0: Number(lm[1]), y0: Number(lm[2]), x1: Number(lm[3]), y1: Number(lm[4]), words, text: words.map((w) => w.text).join(' ') });
    }
    pages.push({ width: Number(pm[1]), height: Number(pm[2]), lines });
  }
  return pages;
}

const HYPHEN_END = /[-\u2010\u2011\u00ad]$/;
const LETTER_START = /^\p{Ll}/u;
const letterCount = (s) => (s.match(/\p{L}/gu) ?? []).length;

export function measure(pages, g) {
  const step = g.lineHeight;
  // a line's size: the height of its tallest word box (poppler: font size × (ascent + descent))
  for (const page of pages) {
    for (const line of page.lines) {
      const h = Math.max(...line.words.map((w) => w.y1 - w.y0));
      const main = line.words.reduce((a, w) => (w.y1 - w.y0 > a.y1 - a.y0 - 0.01 ? w : a));
      line.size = h;
      line.baseline = main.y1 - g.descent * (main.y1 - main.y0);
    }
  }
  const bodyH = g.fontSize * (1 / (1 - g.descent)) * (1 - g.descent); // placeholder, replaced below
  const sizes = new Map();
  for (const p of pages) for (const l of p.lines) sizes.set(l.size.toFixed(1), (sizes.get(l.size.toFixed(1)) ?? 0) + l.words.length);
  const bodySize = Number([...sizes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? bodyH);
  const textTop = g.top;
  const textBottom = g.height - g.bottom;
  const kind = (l) => (l.size > bodySize * 1.06 ? 'heading' : l.size < bodySize * 0.87 ? 'note' : 'body');

  const info = pages.map((page, i) => {
    const head = page.lines.filter((l) => l.y1 <= textTop + 1);
    const foot = page.lines.filter((l) => l.y0 >= textBottom - 1);
    const text = page.lines.filter((l) => !head.includes(l) && !foot.includes(l));
    for (const l of text) l.kind = kind(l);
    const body = text.filter((l) => l.kind !== 'note');
    const notes = text.filter((l) => l.kind === 'note');
    const lastBaseline = text.length ? Math.max(...text.map((l) => l.baseline)) : undefined;
    return { index: i, recto: i % 2 === 0, head, foot, text, body, notes, lastBaseline, blank: page.lines.length === 0 };
  });
  // front matter: up to the first page whose folio (head or foot) is the arabic 1
  const folioOf = (p) => [...p.head, ...p.foot].flatMap((l) => l.words.map((w) => w.text)).find((t) => /^(\d+|[ivxlc]+)$/.test(t));
  const firstBody = info.findIndex((p) => folioOf(p) === '1');
  for (const p of info) {
    p.front = firstBody >= 0 && p.index < firstBody;
    p.opening = !p.front && !p.blank && p.head.length === 0 && p.text.length > 0;
  }
  for (const p of info) {
    const next = info[p.index + 1];
    p.chapterEnd = !p.front && !p.blank && (!next || next.blank || next.opening);
  }
  // a full page's last baseline: the commonest last body-line baseline of pages without notes
  const counts = new Map();
  for (const p of info) {
    if (p.front || p.blank || p.chapterEnd || p.notes.length || !p.body.length) continue;
    const b = Math.max(...p.body.map((l) => l.baseline)).toFixed(1);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  const fullBaseline = Number([...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? textBottom);

  const bodyPages = info.filter((p) => !p.front && !p.blank);
  const short = [];
  let emptyLines = 0;
  for (const p of bodyPages) {
    if (p.chapterEnd || p.lastBaseline === undefined) continue;
    const empty = Math.round((fullBaseline - p.lastBaseline) / step - 0.1);
    if (empty >= 1) {
      short.push({ page: p.index + 1, empty });
      emptyLines += empty;
    }
  }
  const headingOpensPage = bodyPages.filter((p) => !p.opening && p.text[0]?.kind === 'heading').map((p) => p.index + 1);

  // spreads: verso (even PDF page number) and the recto after it, both mid-chapter
  const spreads = [];
  for (const v of bodyPages) {
    if (v.recto) continue;
    const r = info[v.index + 1];
    if (!r || r.blank || r.opening || r.chapterEnd || v.opening || v.chapterEnd || v.lastBaseline === undefined || r.lastBaseline === undefined) continue;
    spreads.push({ pages: `${v.index + 1}/${r.index + 1}`, delta: Math.abs(v.lastBaseline - r.lastBaseline) });
  }
  const noteOff = [];
  for (const p of bodyPages) {
    if (!p.notes.length || p.chapterEnd) continue;
    const last = Math.max(...p.notes.map((l) => l.baseline));
    noteOff.push(last - fullBaseline);
  }

  // reading order of body lines (not headings), page after page, for hyphenation, widows and orphans
  const flow = [];
  for (const p of bodyPages) for (const l of p.body) if (l.kind === 'body') flow.push({ line: l, page: p });
  const noteFlow = [];
  for (const p of bodyPages) for (const l of p.notes) noteFlow.push({ line: l, page: p });
  const edges = (p) => {
    const ls = p.body.filter((l) => l.kind === 'body');
    return { left: Math.min(...ls.map((l) => l.x0)), right: Math.max(...ls.map((l) => l.x1)) };
  };
  const pageEdges = new Map(bodyPages.map((p) => [p, edges(p)]));
  const hyph = hyphenation(flow, pageEdges, info);
  const noteHyph = hyphenation(noteFlow, pageEdges, info);

  // widows and orphans
  let widows = 0;
  let orphans = 0;
  const widowPages = [];
  const orphanPages = [];
  for (const p of bodyPages) {
    const ls = p.body.filter((l) => l.kind === 'body');
    if (!ls.length) continue;
    const { left, right } = pageEdges.get(p);
    const prev = info[p.index - 1];
    const prevLast = prev && !prev.blank && !prev.front ? prev.body.filter((l) => l.kind === 'body').at(-1) : undefined;
    const first = ls[0];
    // a short first line after a full last line overleaf, the second line starting a paragraph (or none)
    if (prevLast && !p.opening && p.body[0] === first && first.x1 < right - 8 && prevLast.x1 >= pageEdges.get(prev).right - 1.5) {
      widows++;
      widowPages.push(p.index + 1);
    }
    const last = ls.at(-1);
    const next = info[p.index + 1];
    const indent = last.x0 - left;
    if (!p.chapterEnd && next && p.body.at(-1) === last && indent > g.fontSize * 0.8 && indent < g.fontSize * 2 && last.x1 >= right - 1.5) {
      orphans++;
      orphanPages.push(p.index + 1);
    }
  }

  // duplicated lines (40+ characters)
  const seen = new Map();
  for (const { line, page } of [...flow, ...noteFlow]) {
    const t = line.text.replace(/[\u00ad]/g, '');
    if (t.length < 40) continue;
    seen.set(t, [...(seen.get(t) ?? []), page.index + 1]);
  }
  const duplicated = [...seen].filter(([, ps]) => ps.length > 1);

  return {
    pages: pages.length,
    blankPages: info.filter((p) => p.blank).length,
    openings: info.filter((p) => p.opening).length,
    bodyLines: flow.length,
    fullBaseline: Number(fullBaseline.toFixed(2)),
    shortPages: short.length,
    shortPages7: short.filter((s) => s.empty >= 7).length,
    emptyLines,
    worstShort: short.sort((a, b) => b.empty - a.empty).slice(0, 8),
    headingOpensPage: headingOpensPage.length,
    headingOpensAfterHole: headingOpensPage.filter((n) => short.some((s) => s.page === n - 1 && s.empty >= 7)).length,
    spreads: spreads.length,
    spreadsOffByLine: spreads.filter((s) => s.delta >= step * 0.9).length,
    spreadsOffBy1pt: spreads.filter((s) => s.delta > 1).length,
    worstSpreads: spreads.sort((a, b) => b.delta - a.delta).slice(0, 6).map((s) => `${s.pages} ${s.delta.toFixed(1)}pt`),
    notePages: noteOff.length,
    notesOffBaseline: noteOff.filter((d) => Math.abs(d) > 1).length,
    notesMeanOffset: noteOff.length ? Number((noteOff.reduce((a, b) => a + b, 0) / noteOff.length).toFixed(2)) : 0,
    ...prefix('body', hyph),
    ...prefix('notes', noteHyph),
    widows,
    widowPages: widowPages.slice(0, 10),
    orphans,
    orphanPages: orphanPages.slice(0, 10),
    duplicatedLines: duplicated.length,
    duplicatedExamples: duplicated.slice(0, 3).map(([t, ps]) => `p. ${ps.join(', ')}: ${t.slice(0, 50)}`),
  };
}

function prefix(name, o) {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [`${name}${k[0].toUpperCase()}${k.slice(1)}`, v]));
}

function hyphenation(flow, pageEdges, info) {
  let hyphenated = 0;
  let run = 0;
  let runs3 = 0;
  let longest = 0;
  let carry2 = 0;
  let before1 = 0;
  let capital = 0;
  let allCaps = 0;
  let rectoFoot = 0;
  let oneWordLast = 0;
  let oneWordTail = 0;
  const rectoPages = [];
  const examples = [];
  for (let i = 0; i < flow.length; i++) {
    const { line, page } = flow[i];
    const next = flow[i + 1];
    const lastWord = line.words.at(-1).text;
    const isHyphen = next && HYPHEN_END.test(lastWord) && LETTER_START.test(next.line.words[0].text.replace(/^[\u00ad]+/, ''));
    if (isHyphen) {
      hyphenated++;
      run++;
      longest = Math.max(longest, run);
      if (run === 3) runs3++;
      const head = lastWord.replace(/[-\u2010\u2011\u00ad]+$/, '').split(/[-\u2010\u2011]/).at(-1);
      const tail = (/^\p{L}+/u.exec(next.line.words[0].text) ?? [''])[0];
      if (letterCount(tail) <= 2) carry2++;
      if (letterCount(head) <= 1) before1++;
      if (/^\P{L}*\p{Lu}/u.test(head)) capital++;
      if (letterCount(head) >= 2 && head === head.toUpperCase() && /\p{Lu}/u.test(head)) allCaps++;
      if (page.recto && next.page !== page) {
        rectoFoot++;
        rectoPages.push(page.index + 1);
      }
      if (examples.length < 5 && letterCount(tail) <= 2) examples.push(`p. ${page.index + 1}: ${head}-${tail}`);
    } else run = 0;
    // a one-word last line: one word, short, after a full line of the same paragraph
    const prev = flow[i - 1];
    if (prev && prev.page === page && line.words.length === 1) {
      const { right } = pageEdges.get(page);
      if (line.x1 < right - 20 && prev.line.x1 >= right - 1.5 && Math.abs(prev.line.x0 - line.x0) < 2) {
        oneWordLast++;
        if (HYPHEN_END.test(prev.line.words.at(-1).text)) oneWordTail++;
      }
    }
  }
  return {
    lines: flow.length,
    hyphenated,
    hyphenatedPct: flow.length ? Number(((100 * hyphenated) / flow.length).toFixed(1)) : 0,
    runs3,
    longestRun: longest,
    carry2,
    before1,
    capital,
    allCaps,
    rectoFoot,
    rectoFootPages: rectoPages.slice(0, 8),
    oneWordLast,
    oneWordTail,
    shortExamples: examples,
  };
}

/** The book's words, from its Markdown (markup, page markers and note labels left out). */
export function bookWords(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'import-report.md');
  const text = files
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n')
    .replace(/\{\{page [^}]*\}\}/g, ' ')
    .replace(/\[\^[^\]]+\]:?/g, ' ')
    .replace(/^:::.*$/gm, ' ')
    .replace(/\]\([^)]*\)/g, ' ');
  return words(text);
}
const words = (text) => text.normalize('NFC').toLowerCase().match(/\p{L}+/gu) ?? [];

/** The share of the book's words a plain search of `pdftotext` output finds, and the soft hyphens in it. */
export function searchShare(pdf, dir) {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { maxBuffer: 1 << 30, encoding: 'utf8' });
  const inPdf = new Map();
  for (const w of words(text)) inPdf.set(w, (inPdf.get(w) ?? 0) + 1);
  const inBook = new Map();
  for (const w of bookWords(dir)) inBook.set(w, (inBook.get(w) ?? 0) + 1);
  let total = 0;
  let found = 0;
  const missed = new Map();
  for (const [w, n] of inBook) {
    total += n;
    const f = Math.min(n, inPdf.get(w) ?? 0);
    found += f;
    if (f < n) missed.set(w, n - f);
  }
  return {
    softHyphens: (text.match(/\u00ad/g) ?? []).length,
    bookWords: total,
    searchFound: found,
    searchSharePct: Number(((100 * found) / Math.max(1, total)).toFixed(2)),
    mostMissed: [...missed].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([w, n]) => `${w}×${n}`),
  };
}

function main(argv) {
  const pdf = argv.find((a) => a.endsWith('.pdf'));
  if (!pdf || !existsSync(pdf)) {
    process.stderr.write('usage: node scripts/print-metrics.mjs <book.pdf> [--book content/<book>] [--json]\n');
    process.exit(2);
  }
  const bookAt = argv.indexOf('--book');
  const g = readGeometry();
  const result = { pdf, ...measure(readLayout(pdf), g) };
  if (bookAt >= 0) Object.assign(result, searchShare(pdf, argv[bookAt + 1]));
  process.stdout.write(argv.includes('--json') ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 1)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
