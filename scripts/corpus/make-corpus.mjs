#!/usr/bin/env node
/**
 * Regenerates the printed half of the import corpus (tests/corpus/{tuning,held-out}/<text>/):
 *
 *   node scripts/corpus/make-corpus.mjs extract [ids…]   SE snapshot → doc.json + truth.md (needs the snapshots
 *                                                         under $SE_MIRROR, default /work/.mirror)
 *   node scripts/corpus/make-corpus.mjs print [ids…]     doc.json → PDFs (pandoc+pdflatex, WeasyPrint, groff -ms)
 *                                                         → raw/<layout>.<pdftotext|layout|ocr>.txt + case.json
 *   add --no-ocr to skip tesseract (slow: about 3 s a page); CORPUS_LAYOUTS=groff-foot,groff-end prints only those
 *
 * The held-out third was chosen once with a seeded shuffle (HELD_OUT_SEED below) over the ids listed in
 * texts.mjs; a text's folder says which set it is in, and nothing re-draws the choice.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layoutPairs, layouts } from './layouts.mjs';
import { html, latexHeader, makePrintable, pandocMarkdown, plain, roff, truthMarkdown } from './render-doc.mjs';
import { texts } from './texts.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORPUS = join(ROOT, 'tests', 'corpus');
const MIRROR = process.env.SE_MIRROR ?? '/work/.mirror';

/** Where a text's folder is: tuning/ or held-out/ (the folder is the record of the split). */
export function textDir(id) {
  for (const set of ['tuning', 'held-out']) if (existsSync(join(CORPUS, set, id))) return join(CORPUS, set, id);
  const split = JSON.parse(readFileSync(join(CORPUS, 'split.json'), 'utf8'));
  return join(CORPUS, split.heldOut.includes(id) ? 'held-out' : 'tuning', id);
}

function extract(text) {
  const { excerptDoc, headCommit } = await_se;
  const repo = join(MIRROR, `standardebooks+${text.repo}`, 'repo');
  if (!existsSync(repo)) throw new Error(`no snapshot of standardebooks/${text.repo} at ${repo} (fetch it first)`);
  const doc = makePrintable(excerptDoc({ ...text, repo, dropHeadingNotes: text.dropHeadingNotes ?? true }));
  doc.source = { repository: `https://github.com/standardebooks/${text.repo}`, commit: headCommit(repo), files: text.files, license: 'CC0 1.0 (Standard Ebooks); the text is in the public domain' };
  doc.id = text.id;
  doc.shape = text.shape;
  const dir = textDir(text.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'doc.json'), `${JSON.stringify(doc, null, 1)}\n`);
  writeFileSync(join(dir, 'truth.md'), truthMarkdown(doc));
  process.stdout.write(`${text.id}: ${doc.words} words, ${doc.blocks.length} blocks, ${doc.notes.length} notes\n`);
}

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['pipe', 'pipe', 'pipe'], ...opts });

function typeset(doc, layoutId, work) {
  const layout = layouts[layoutId];
  const pdf = join(work, `${layoutId}.pdf`);
  if (layout.typesetter === 'pandoc+pdflatex') {
    writeFileSync(join(work, 'in.md'), pandocMarkdown(doc, layout));
    writeFileSync(join(work, 'header.tex'), latexHeader(doc, layout));
    run('pandoc', ['in.md', '-f', 'markdown-smart-auto_identifiers', '-o', pdf, '--pdf-engine=pdflatex', '-H', 'header.tex', '-V', 'fontsize=10pt', '-V', `classoption=${layout.twoside ? 'twoside' : 'oneside'}`], { cwd: work });
  } else if (layout.typesetter === 'weasyprint') {
    writeFileSync(join(work, 'in.html'), html(doc, layout));
    run('weasyprint', ['in.html', pdf], { cwd: work });
  } else {
    writeFileSync(join(work, 'in.ms'), roff(doc, layout));
    const out = execFileSync('groff', ['-k', '-ms', '-Tpdf', '-dpaper=a4', '-P-pa4', 'in.ms'], { cwd: work, maxBuffer: 256 << 20 });
    writeFileSync(pdf, out);
  }
  return pdf;
}

/** The strings the layout's heads and feet print (folios apart), as the scorer looks for them. */
function furniture(doc, layout) {
  const str = (k) => (k === 'title' ? doc.title : k === 'author' ? doc.author : k === 'TITLE' ? doc.title.toUpperCase() : k === 'AUTHOR' ? doc.author.toUpperCase() : k);
  const heads = new Set();
  let chapterHeads = false;
  let folio = false;
  for (const content of Object.values(layout.heads)) {
    if (content === 'folio') folio = true;
    else if (content === '{chapter}') chapterHeads = true;
    else {
      if (content.includes('FOLIO')) folio = true;
      for (const part of content.replace(/\{(\w+)\}/g, (_, k) => str(k)).split('FOLIO')) if (part.trim()) heads.add(part.trim());
    }
  }
  if (chapterHeads) for (const b of doc.blocks) if (b.kind === 'heading' && b.level === 1) heads.add(plain(b.runs).trim());
  return { heads: [...heads], folios: folio };
}

function ocr(pdf, work) {
  const dir = join(work, 'ocr');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  run('pdftoppm', ['-r', '200', '-gray', '-png', pdf, join(dir, 'p')]);
  const pages = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
  let text = '';
  for (const p of pages) text += run('tesseract', [join(dir, p), '-', '-l', 'eng', '--psm', '3'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
  return text;
}

function print(text, { withOcr }) {
  const dir = textDir(text.id);
  const doc = JSON.parse(readFileSync(join(dir, 'doc.json'), 'utf8'));
  const index = texts.findIndex((t) => t.id === text.id);
  const only = process.env.CORPUS_LAYOUTS?.split(',');
  const pair = (text.layouts ?? layoutPairs[index % layoutPairs.length]).filter((l) => !only || only.includes(l));
  if (pair.length === 0) return;
  const work = mkdtempSync(join(tmpdir(), `corpus-${text.id}-`));
  mkdirSync(join(dir, 'raw'), { recursive: true });
  const printed = [];
  for (const layoutId of pair) {
    const pdf = typeset(doc, layoutId, work);
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))[1]);
    const extractions = { pdftotext: run('pdftotext', ['-enc', 'UTF-8', pdf, '-']), layout: run('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-']) };
    if (withOcr) extractions.ocr = ocr(pdf, work);
    for (const [how, raw] of Object.entries(extractions)) writeFileSync(join(dir, 'raw', `${layoutId}.${how}.txt`), raw);
    printed.push({ layout: layoutId, typesetter: layouts[layoutId].typesetter, description: layouts[layoutId].description, pages, notes: layouts[layoutId].notes, ...furniture(doc, layouts[layoutId]), extractions: Object.keys(extractions) });
    process.stdout.write(`${text.id} ${layoutId}: ${pages} pages, ${Object.keys(extractions).join(', ')}\n`);
  }
  const prior = existsSync(join(dir, 'case.json')) ? JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) : {};
  const keep = (prior.printed ?? []).filter((p) => !pair.includes(p.layout));
  writeFileSync(join(dir, 'case.json'), `${JSON.stringify({ id: text.id, kind: 'print', shape: text.shape, title: doc.title, author: doc.author, translator: doc.translator, printed: [...keep, ...printed] }, null, 1)}\n`);
  rmSync(work, { recursive: true, force: true });
}

/** tests/corpus/manifest.json: every case (a printed text × layout × extraction, or a web text), by set. */
function manifest() {
  const cases = [];
  for (const set of ['tuning', 'held-out']) {
    const base = join(CORPUS, set);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base).sort()) {
      const file = join(base, name, 'case.json');
      if (!existsSync(file)) continue;
      const c = JSON.parse(readFileSync(file, 'utf8'));
      if (c.kind === 'web') {
        cases.push({ id: name, set, kind: 'web', raw: `${set}/${name}/raw.txt`, truth: `${set}/${name}/truth.md`, url: c.url });
        continue;
      }
      for (const p of c.printed) {
        for (const how of p.extractions) {
          cases.push({
            id: `${name}/${p.layout}.${how}`,
            set,
            kind: 'print',
            raw: `${set}/${name}/raw/${p.layout}.${how}.txt`,
            truth: `${set}/${name}/truth.md`,
            layout: p.layout,
            typesetter: p.typesetter,
            extraction: how,
            furniture: { heads: p.heads, folios: p.folios, pages: p.pages },
          });
        }
      }
    }
  }
  const split = JSON.parse(readFileSync(join(CORPUS, 'split.json'), 'utf8'));
  writeFileSync(join(CORPUS, 'manifest.json'), `${JSON.stringify({ split, cases }, null, 1)}\n`);
  process.stdout.write(`manifest: ${cases.length} cases (${cases.filter((c) => c.set === 'held-out').length} held out)\n`);
}

let await_se;
const [command, ...rest] = process.argv.slice(2);
const withOcr = !rest.includes('--no-ocr');
const ids = rest.filter((a) => !a.startsWith('--'));
const chosen = texts.filter((t) => ids.length === 0 || ids.includes(t.id));
if (command === 'extract') {
  await_se = await import('./se-to-doc.mjs');
  for (const t of chosen) extract(t);
} else if (command === 'print') {
  for (const t of chosen) print(t, { withOcr });
} else if (command === 'manifest') {
  manifest();
} else {
  process.stderr.write('usage: make-corpus.mjs extract|print|manifest [ids…] [--no-ocr]\n');
  process.exit(2);
}
