/**
 * Standard Ebooks XHTML → a small document model (doc.json) for the import corpus: the ground truth that the
 * typesetters print and that the scorer compares with. Only the generator uses this (with a local snapshot of
 * an SE repository); the committed doc.json and truth.md are what the tests and the bench read.
 *
 * Model: { title, author, translator?, blocks: Block[], notes: { n, paras: Run[][] }[] }
 *   Block = { kind: 'heading', level, runs } | { kind: 'para', style, runs }
 *   style: 'normal' | 'quote' | 'verse' | 'item' | 'row' | 'signature'
 *   Run = { t: 'text', s } | { t: 'em', s } | { t: 'note', n } | { t: 'br' }
 */
import { execFileSync } from 'node:child_process';
import { parseDocument } from 'htmlparser2';

const show = (repo, path) => execFileSync('git', ['-C', repo, 'show', `HEAD:${path}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
export const headCommit = (repo) => execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();

const isEl = (n) => n.type === 'tag' || n.type === 'script' || n.type === 'style';
const attr = (n, a) => (n.attribs ? n.attribs[a] : undefined);
const types = (n) => (attr(n, 'epub:type') ?? '').split(/\s+/);

/** SE's invisible typography (word joiners, hair spaces) removed; no-break spaces become spaces. */
function cleanText(s) {
  return s.replace(/[\u2060\u200b\u00ad]/g, '').replace(/\u200a/g, '').replace(/[\u00a0\u202f]/g, ' ');
}

function textOf(n) {
  if (n.type === 'text') return n.data;
  if (!isEl(n)) return '';
  if (types(n).includes('noteref')) return '';
  return (n.children ?? []).map(textOf).join('');
}

/** Inline content → runs; note references recorded with their SE id (`note-12`). */
function inlineRuns(node, runs = [], em = false) {
  for (const c of node.children ?? []) {
    if (c.type === 'text') runs.push({ t: em ? 'em' : 'text', s: cleanText(c.data) });
    else if (isEl(c)) {
      if (c.name === 'a' && types(c).includes('noteref')) runs.push({ t: 'note', id: (attr(c, 'href') ?? '').split('#')[1] });
      else if (c.name === 'a' && types(c).includes('backlink')) continue;
      else if (c.name === 'br') runs.push({ t: 'br' });
      else if (c.name === 'img') continue;
      else if (c.name === 'sup' && !types(c).includes('noteref')) runs.push({ t: em ? 'em' : 'text', s: cleanText(textOf(c)) });
      else inlineRuns(c, runs, em || ['i', 'em', 'b', 'strong'].includes(c.name));
    }
  }
  return runs;
}

/** Whitespace collapsed across runs, trimmed at both ends. */
function tidyRuns(runs) {
  const out = [];
  for (const r of runs) {
    if (r.t === 'text' || r.t === 'em') {
      const s = r.s.replace(/\s+/g, ' ');
      if (!s) continue;
      const last = out[out.length - 1];
      if (last && last.t === r.t) last.s += s;
      else out.push({ t: r.t, s });
    } else out.push(r);
  }
  // collapse double spaces across run boundaries, trim the ends
  for (let i = 1; i < out.length; i++) {
    const a = out[i - 1];
    const b = out[i];
    if ((a.t === 'text' || a.t === 'em') && (b.t === 'text' || b.t === 'em') && a.s.endsWith(' ') && b.s.startsWith(' ')) b.s = b.s.slice(1);
    if (b.t === 'br' && (a.t === 'text' || a.t === 'em')) a.s = a.s.replace(/ +$/, '');
    if (a.t === 'br' && (b.t === 'text' || b.t === 'em')) b.s = b.s.replace(/^ +/, '');
    // a space before a note call goes after it: "word.¹ Next"
    if (b.t === 'note' && (a.t === 'text' || a.t === 'em') && a.s.endsWith(' ')) {
      a.s = a.s.replace(/ +$/, '');
      const c = out[i + 1];
      if (c && (c.t === 'text' || c.t === 'em') && !c.s.startsWith(' ')) c.s = ` ${c.s}`;
    }
  }
  const first = out.find((r) => r.t === 'text' || r.t === 'em');
  if (first) first.s = first.s.replace(/^ +/, '');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i].t === 'text' || out[i].t === 'em') {
      out[i].s = out[i].s.replace(/ +$/, '');
      break;
    }
  }
  return out.filter((r) => !((r.t === 'text' || r.t === 'em') && r.s === ''));
}

const ORDINAL = /^(?:[IVXLC]+|\d+|Chapter [IVXLC\d]+|Book [IVXLC\d]+|Part [IVXLC\d]+)\.?$/i;

/** The blocks of one XHTML file, in reading order. */
function blocksOf(node, out, ctx) {
  for (const c of node.children ?? []) {
    if (!isEl(c)) continue;
    const name = c.name;
    if (/^h[1-6]$/.test(name)) {
      out.push({ kind: 'heading', level: Math.max(1, Number(name[1]) - ctx.topLevel + 1), runs: tidyRuns(inlineRuns(c)) });
    } else if (name === 'hgroup') {
      const parts = (c.children ?? []).filter(isEl);
      const level = Math.max(1, Number((parts.find((p) => /^h\d$/.test(p.name)) ?? { name: 'h2' }).name[1]) - ctx.topLevel + 1);
      const runs = [];
      parts.forEach((p, i) => {
        const r = tidyRuns(inlineRuns(p));
        if (i > 0) {
          const prev = textOf(parts[i - 1]).trim();
          runs.push({ t: 'text', s: ORDINAL.test(prev) ? '. ' : ': ' });
        }
        runs.push(...r);
      });
      out.push({ kind: 'heading', level, runs: tidyRuns(runs) });
    } else if (name === 'p' || name === 'cite') {
      const verse = ctx.verse || (c.children ?? []).some((k) => isEl(k) && k.name === 'br');
      const style = types(c).includes('z3998:signature') || ctx.footer ? 'signature' : verse ? 'verse' : ctx.quote ? 'quote' : 'normal';
      const runs = tidyRuns(inlineRuns(c));
      if (runs.length) out.push({ kind: 'para', style, runs });
    } else if (name === 'dt') {
      const runs = tidyRuns(inlineRuns(c));
      if (runs.length) out.push({ kind: 'para', style: 'normal', runs });
    } else if (name === 'blockquote') {
      const verse = types(c).some((t) => /verse|poem|song|hymn/.test(t));
      blocksOf(c, out, { ...ctx, quote: true, verse: ctx.verse || verse });
    } else if (name === 'footer') {
      blocksOf(c, out, { ...ctx, footer: true });
    } else if (name === 'ol' || name === 'ul') {
      let n = Number(attr(c, 'start') ?? 1);
      for (const li of (c.children ?? []).filter((k) => isEl(k) && k.name === 'li')) {
        const inner = [];
        const hasBlocks = (li.children ?? []).some((k) => isEl(k) && ['p', 'blockquote', 'ol', 'ul'].includes(k.name));
        if (hasBlocks) blocksOf(li, inner, ctx);
        else inner.push({ kind: 'para', style: 'normal', runs: tidyRuns(inlineRuns(li)) });
        const first = inner.find((b) => b.kind === 'para');
        if (first) {
          first.style = 'item';
          first.runs = tidyRuns([{ t: 'text', s: name === 'ol' ? `${n}. ` : '• ' }, ...first.runs]);
        }
        out.push(...inner);
        n++;
      }
    } else if (name === 'table') {
      const rows = [];
      const walk = (n) => {
        for (const k of n.children ?? []) {
          if (!isEl(k)) continue;
          if (k.name === 'tr') rows.push(k);
          else walk(k);
        }
      };
      walk(c);
      for (const tr of rows) {
        const cells = (tr.children ?? []).filter((k) => isEl(k) && (k.name === 'td' || k.name === 'th')).map((td) => tidyRuns(inlineRuns(td)));
        if (cells.every((cell) => cell.length === 0)) continue;
        out.push({ kind: 'para', style: 'row', cells });
      }
    } else if (['figure', 'img', 'hr', 'aside', 'nav'].includes(name)) {
      continue;
    } else {
      blocksOf(c, out, ctx);
    }
  }
  return out;
}

/** The words a block prints (for the excerpt's length). */
export function blockWords(b) {
  const runs = b.cells ? b.cells.flat() : b.runs;
  return runs.map((r) => r.s ?? '').join(' ').split(/\s+/).filter(Boolean).length;
}

/** The notes of an SE book: endnotes.xhtml's `<li id="note-N">`, each as paragraphs of runs. */
function readEndnotes(repo) {
  let xml;
  try {
    xml = show(repo, 'src/epub/text/endnotes.xhtml');
  } catch {
    return new Map();
  }
  const doc = parseDocument(xml, { xmlMode: true });
  const notes = new Map();
  const walk = (n) => {
    for (const c of n.children ?? []) {
      if (!isEl(c)) continue;
      if (c.name === 'li' && /^note-/.test(attr(c, 'id') ?? '')) {
        const blocks = blocksOf(c, [], { topLevel: 2 });
        notes.set(attr(c, 'id'), blocks.filter((b) => b.kind === 'para' && !b.cells).map((b) => b.runs));
      } else walk(c);
    }
  };
  walk(doc);
  return notes;
}

/**
 * An excerpt of an SE book: the blocks of `files` in order until `maxWords` (whole blocks), notes renumbered
 * from 1 in the order they are called, notes whose calls fall outside the excerpt dropped. `skip` drops the
 * first N blocks of the first file (to start mid-book).
 */
export function excerptDoc({ repo, files, maxWords, skip = 0, title, author, translator, topLevel = 2, dropHeadingNotes = false }) {
  const endnotes = readEndnotes(repo);
  let blocks = [];
  for (const f of files) {
    const doc = parseDocument(show(repo, `src/epub/text/${f}`), { xmlMode: true });
    const body = doc.children.find((n) => isEl(n) && n.name === 'html')?.children.find((n) => isEl(n) && n.name === 'body');
    blocks.push(...blocksOf(body, [], { topLevel }));
  }
  blocks = blocks.slice(skip);
  const kept = [];
  let words = 0;
  for (const b of blocks) {
    if (words >= maxWords && b.kind === 'para') break;
    kept.push(b);
    words += blockWords(b);
  }
  while (kept.length && kept[kept.length - 1].kind === 'heading') kept.pop();
  // renumber the notes in call order
  const number = new Map();
  const notes = [];
  const visit = (runs) =>
    runs.flatMap((r) => {
      if (r.t !== 'note') return [r];
      if (dropHeadingNotes === 'all') return [];
      const paras = endnotes.get(r.id);
      if (!paras || paras.length === 0) return [];
      if (!number.has(r.id)) {
        number.set(r.id, notes.length + 1);
        notes.push({ n: notes.length + 1, paras: paras.map((p) => p.filter((x) => x.t !== 'note')) });
      }
      return [{ t: 'note', n: number.get(r.id) }];
    });
  for (const b of kept) {
    if (b.kind === 'heading' && dropHeadingNotes) b.runs = b.runs.filter((r) => r.t !== 'note');
    if (b.cells) b.cells = b.cells.map(visit);
    else b.runs = visit(b.runs);
  }
  return { title, author, translator, blocks: kept, notes, words };
}
