/**
 * The corpus document model (see se-to-doc.mjs) written out four ways: the ground-truth Markdown, and the
 * input of three independent typesetters (pandoc → LaTeX, WeasyPrint HTML + CSS, groff -ms), each in a layout
 * (layouts.mjs) that says where the notes go, what the running heads say and where the folios stand.
 */

const runText = (r) => (r.t === 'text' || r.t === 'em' ? r.s : '');
export const plain = (runs) => runs.map(runText).join('');
const blockRuns = (b) => (b.cells ? b.cells.flatMap((c, i) => (i ? [{ t: 'text', s: '   ' }, ...c] : c)) : b.runs);

/**
 * Characters every typesetter here prints (pdflatex's T1 fonts are the narrowest): others are reduced to a base
 * letter (ǔ → u) or a plain equivalent before anything is printed, so that the ground truth is what was printed.
 */
export function printable(s) {
  const map = { '⁠': '', '′': "'", '″': '"', '½': '1/2', '¼': '1/4', '¾': '3/4', '⅓': '1/3', '⅔': '2/3', '⅛': '1/8', '℔': 'lb.', '✠': '+', '†': '*', '‡': '**', '§': 'S.', '•': '-', '·': '.', '×': 'x', '−': '-', '‑': '-', 'ʹ': "'", 'ʻ': "'", 'ſ': 's', 'ﬁ': 'fi', 'ﬂ': 'fl', 'æ': 'ae', 'Æ': 'Ae', 'œ': 'oe', 'Œ': 'Oe', '°': ' degrees', '£': 'L.', '∶': ':' };
  return s
    .replace(/[^\x00-\x7f]/g, (c) => {
      if ('‘’“”—–…'.includes(c)) return c;
      if (c in map) return map[c];
      const base = c.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      if (/^[\x20-\x7e]+$/.test(base)) return base;
      if (/[À-ÿ]/.test(c)) return c;
      return '';
    })
    .replace(/ {2,}/g, ' ');
}

/** Applies printable() to every text run of a doc, in place; returns the doc. */
export function makePrintable(doc) {
  const fix = (runs) => {
    for (const r of runs) if (r.s !== undefined) r.s = printable(r.s);
  };
  for (const b of doc.blocks) (b.cells ? b.cells.forEach(fix) : fix(b.runs));
  for (const n of doc.notes) n.paras.forEach(fix);
  doc.title = printable(doc.title);
  doc.author = printable(doc.author);
  if (doc.translator) doc.translator = printable(doc.translator);
  return doc;
}

// ---------------------------------------------------------------- ground truth (CommonMark + footnotes)

const mdEscape = (s) => s.replace(/([\\`*_[\]<>#~|])/g, '\\$1');
function mdRuns(runs) {
  return runs
    .map((r) => (r.t === 'text' ? mdEscape(r.s) : r.t === 'em' ? (r.s.trim() ? `*${mdEscape(r.s.trim())}*`.replace(/^/, r.s.startsWith(' ') ? ' ' : '') + (r.s.endsWith(' ') ? ' ' : '') : r.s) : r.t === 'note' ? `[^${r.n}]` : '\\\n'))
    .join('');
}
/** A paragraph's first characters that Markdown would read as syntax (a list, a container, a heading) escaped. */
const mdLead = (s) => s.replace(/^(\d+)([.)])/, '$1\\$2').replace(/^([-+:=>])/, '\\$1');

export function truthMarkdown(doc) {
  const fm = ['---', `title: ${JSON.stringify(doc.title)}`, `author: ${JSON.stringify(doc.author)}`];
  if (doc.translator) fm.push(`translator: ${JSON.stringify(doc.translator)}`);
  fm.push('---', '');
  const body = doc.blocks.map((b) => (b.kind === 'heading' ? `${'#'.repeat(b.level)} ${mdRuns(b.runs)}` : mdLead(mdRuns(blockRuns(b)))));
  const notes = doc.notes.map((n) => `[^${n.n}]: ${n.paras.map((p) => mdLead(mdRuns(p))).join('\n\n    ')}`);
  return `${fm.join('\n')}\n${body.join('\n\n')}\n${notes.length ? `\n${notes.join('\n\n')}\n` : ''}`;
}

// ---------------------------------------------------------------- pandoc Markdown → LaTeX

const pdEscape = (s) => s.replace(/([\\`*_{}[\]<>#+!|^~$@"'-])/g, (c) => (c === '-' || c === "'" || c === '"' ? c : `\\${c}`));
const texEscape = (s) =>
  s.replace(/[\\{}$&#^_%~]/g, (c) => ({ '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', '^': '\\^{}', _: '\\_', '%': '\\%', '~': '\\~{}' })[c]);

function pdRuns(runs, layout, noteText) {
  return runs
    .map((r) => {
      if (r.t === 'text') return pdEscape(r.s);
      if (r.t === 'em') {
        const lead = r.s.startsWith(' ') ? ' ' : '';
        const tail = r.s.endsWith(' ') ? ' ' : '';
        const s = r.s.trim();
        if (!s) return r.s;
        if (layout.spacedEmphasis) return `${lead}\`\\textls[220]{${texEscape(s)}}\`{=latex}${tail}`;
        return `${lead}*${pdEscape(s)}*${tail}`;
      }
      if (r.t === 'note') return layout.notes === 'foot' ? `[^${r.n}]` : `^${r.n}^`;
      return '\\\n';
    })
    .join('');
}

export function pandocMarkdown(doc, layout) {
  const out = [];
  out.push('```{=latex}', '\\thispagestyle{plain}', '\\begin{center}', `{\\LARGE ${texEscape(doc.title)}\\par}`, '\\vspace{0.8em}', `{\\large ${texEscape(doc.author)}\\par}`);
  if (doc.translator) out.push('\\vspace{0.4em}', `{\\normalsize Translated by ${texEscape(doc.translator)}\\par}`);
  out.push('\\end{center}', '\\vspace{1.5em}', '```', '');
  for (const b of doc.blocks) {
    if (b.kind === 'heading') {
      out.push(`${'#'.repeat(Math.min(b.level, 3))} ${pdRuns(b.runs, { ...layout, spacedEmphasis: false })} {-}`, '');
      continue;
    }
    const text = pdRuns(blockRuns(b), layout);
    const lead = text.replace(/^(\d+)\./, '$1\\.');
    if (b.style === 'quote' || b.style === 'verse') out.push(`> ${lead.replace(/\n/g, '\n> ')}`, '');
    else if (b.style === 'signature') out.push('```{=latex}', '\\begin{flushright}', '```', lead, '```{=latex}', '\\end{flushright}', '```', '');
    else if (b.style === 'row') out.push('```{=latex}', '\\noindent', '```', lead, '');
    else out.push(lead, '');
  }
  if (layout.notes === 'foot') {
    for (const n of doc.notes) out.push(`[^${n.n}]: ${n.paras.map((p) => pdRuns(p, { ...layout, spacedEmphasis: false })).join('\n\n    ')}`, '');
  } else if (doc.notes.length) {
    out.push('# Notes {-}', '');
    for (const n of doc.notes) {
      n.paras.forEach((p, i) => out.push(`${i === 0 ? `${n.n}\\. ` : ''}${pdRuns(p, { ...layout, spacedEmphasis: false })}`, ''));
    }
  }
  return out.join('\n');
}

/** The LaTeX preamble of a layout: page size, heads and folios (fancyhdr), paragraphs. */
export function latexHeader(doc, layout) {
  const h = layout.heads;
  const str = (k) => texEscape(k === 'title' ? doc.title : k === 'author' ? doc.author : k === 'TITLE' ? doc.title.toUpperCase() : k === 'AUTHOR' ? doc.author.toUpperCase() : k);
  const lines = [
    '\\usepackage[a5paper,margin=18mm,top=22mm,bottom=22mm]{geometry}',
    '\\usepackage{microtype}',
    '\\usepackage{fancyhdr}',
    '\\pagestyle{fancy}',
    '\\fancyhf{}',
    '\\renewcommand{\\headrulewidth}{0pt}',
  ];
  const slot = (pos, content) => `\\fancy${pos[0] === 'h' ? 'head' : 'foot'}[${pos.slice(1)}]{${content}}`;
  for (const [pos, content] of Object.entries(h)) lines.push(slot(pos, content === 'folio' ? '\\thepage' : content.replace(/\{(\w+)\}/g, (_, k) => str(k)).replace(/FOLIO/g, '\\thepage')));
  lines.push('\\fancypagestyle{plain}{\\fancyhf{}\\fancyfoot[C]{\\thepage}}');
  if (layout.paragraphs === 'spaced') lines.push('\\setlength{\\parindent}{0pt}', '\\setlength{\\parskip}{\\baselineskip}');
  else lines.push('\\setlength{\\parindent}{1.2em}', '\\setlength{\\parskip}{0pt}');
  lines.push('\\usepackage{mathpazo}');
  return lines.join('\n');
}

// ---------------------------------------------------------------- HTML + CSS → WeasyPrint

const htmlEscape = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
function htmlRuns(runs, doc, layout) {
  return runs
    .map((r) => {
      if (r.t === 'text') return htmlEscape(r.s);
      if (r.t === 'em') return `<em>${htmlEscape(r.s)}</em>`;
      if (r.t === 'br') return '<br/>';
      const note = doc.notes.find((n) => n.n === r.n);
      if (layout.notes === 'foot') return `<span class="fn">${note.paras.map((p) => htmlRuns(p, doc, layout)).join('<br/>')}</span>`;
      return `<sup>${r.n}</sup>`;
    })
    .join('');
}

export function html(doc, layout) {
  const cssString = (s) => `"${s.replace(/["\\]/g, '\\$&')}"`;
  const str = (k) => (k === 'title' ? doc.title : k === 'author' ? doc.author : k === 'TITLE' ? doc.title.toUpperCase() : k === 'AUTHOR' ? doc.author.toUpperCase() : k);
  const box = (content) =>
    content === 'folio'
      ? 'counter(page)'
      : content === '{chapter}'
        ? 'string(chapter)'
        : content
            .split(/(\{\w+\}|FOLIO)/)
            .filter(Boolean)
            .map((p) => (p === 'FOLIO' ? 'counter(page)' : p.startsWith('{') ? cssString(str(p.slice(1, -1))) : cssString(p)))
            .join(' ');
  const margin = { hL: 'top-left', hC: 'top-center', hR: 'top-right', fL: 'bottom-left', fC: 'bottom-center', fR: 'bottom-right' };
  const pageRules = { left: [], right: [] };
  for (const [pos, content] of Object.entries(layout.heads)) {
    const side = pos.length === 3 ? pos[2] : '';
    const area = margin[pos.slice(0, 2)];
    const rule = `@${area} { content: ${box(content)}; }`;
    if (side === 'E' || side === '') pageRules.left.push(rule);
    if (side === 'O' || side === '') pageRules.right.push(rule);
  }
  const css = `
@page { size: A5; margin: 22mm 18mm 22mm 18mm; font-family: serif; font-size: 9pt; }
@page :left { ${pageRules.left.join(' ')} }
@page :right { ${pageRules.right.join(' ')} }
@page :first { @top-left { content: none; } @top-center { content: none; } @top-right { content: none; } @bottom-center { content: counter(page); } }
body { font-family: "DejaVu Serif", serif; font-size: 10pt; line-height: 1.35; hyphens: auto; text-align: justify; }
h1, h2, h3 { font-weight: normal; text-align: center; margin: 1.2em 0 0.6em; break-after: avoid; }
h1 { font-size: 14pt; string-set: chapter content(); } h2 { font-size: 12pt; } h3 { font-size: 11pt; font-style: italic; }
p { margin: 0; ${layout.paragraphs === 'spaced' ? 'margin-bottom: 0.7em;' : 'text-indent: 1.3em;'} }
h1 + p, h2 + p, h3 + p, .title + p { text-indent: 0; }
blockquote { margin: 0.5em 2em; font-size: 9pt; }
.sig { text-align: right; }
.title { text-align: center; font-size: 18pt; margin-top: 2em; text-indent: 0; } .byline { text-align: center; font-size: 12pt; margin-bottom: 2em; text-indent: 0; }
${layout.spacedEmphasis ? 'em { font-style: normal; letter-spacing: 0.25em; }' : ''}
${layout.spacedHeadings ? 'h1 { letter-spacing: 0.2em; text-transform: uppercase; }' : ''}
.fn { float: footnote; font-size: 8pt; text-indent: 0; }
::footnote-call { content: counter(footnote); vertical-align: super; font-size: 65%; line-height: 0; }
::footnote-marker { content: counter(footnote) ". "; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 8.5pt; } td { padding: 0 0.6em 0 0; vertical-align: top; }
.notes p { text-indent: 0; margin-bottom: 0.4em; font-size: 9pt; }
sup { font-size: 65%; line-height: 0; }
`;
  const out = [`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>${htmlEscape(doc.title)}</title><style>${css}</style></head><body>`];
  out.push(`<p class="title">${htmlEscape(doc.title)}</p>`, `<p class="byline">${htmlEscape(doc.author)}${doc.translator ? `<br/>Translated by ${htmlEscape(doc.translator)}` : ''}</p>`);
  let table = null;
  const flush = () => {
    if (table) out.push(`<table>${table.join('')}</table>`);
    table = null;
  };
  for (const b of doc.blocks) {
    if (b.style === 'row') {
      table ??= [];
      table.push(`<tr>${b.cells.map((c) => `<td>${htmlRuns(c, doc, layout)}</td>`).join('')}</tr>`);
      continue;
    }
    flush();
    if (b.kind === 'heading') out.push(`<h${Math.min(b.level, 3)}>${htmlRuns(b.runs, doc, { ...layout })}</h${Math.min(b.level, 3)}>`);
    else if (b.style === 'quote' || b.style === 'verse') out.push(`<blockquote><p>${htmlRuns(b.runs, doc, layout)}</p></blockquote>`);
    else if (b.style === 'signature') out.push(`<p class="sig">${htmlRuns(b.runs, doc, layout)}</p>`);
    else out.push(`<p>${htmlRuns(b.runs, doc, layout)}</p>`);
  }
  flush();
  if (layout.notes !== 'foot' && doc.notes.length) {
    out.push('<h1>Notes</h1><div class="notes">');
    for (const n of doc.notes) n.paras.forEach((p, i) => out.push(`<p>${i === 0 ? `${n.n}. ` : ''}${htmlRuns(p, doc, layout)}</p>`));
    out.push('</div>');
  }
  out.push('</body></html>');
  return out.join('\n');
}

// ---------------------------------------------------------------- groff -ms

const roffEscape = (s) => s.replace(/\\/g, '\\e').replace(/^([.'])/gm, '\\&$1');
function roffRuns(runs, layout, notes) {
  let out = '';
  for (const r of runs) {
    if (r.t === 'text' || r.t === 'em') {
      // a line that begins with a space breaks the line in groff: the text after a footnote starts flush
      let s = roffEscape(r.s);
      if (out.endsWith('\n')) s = s.replace(/^ +/, '');
      out += r.t === 'em' ? `\\fI${s}\\fP` : s;
    } else if (r.t === 'note') {
      out += `\\u\\s-3${r.n}\\s+3\\d`;
      if (layout.notes === 'foot' && notes) {
        const n = notes.get(r.n);
        out += `\n.FS ${r.n}\n${n.paras.map((p) => roffRuns(p, layout)).join('\n.sp 0.3v\n')}\n.FE\n`;
      }
    } else out += '\n.br\n';
  }
  return out.replace(/^\./gm, '\\&.').replace(/^\\&\.(FS|FE|br|sp)/gm, '.$1');
}

export function roff(doc, layout) {
  const str = (k) => (k === 'title' ? doc.title : k === 'author' ? doc.author : k === 'TITLE' ? doc.title.toUpperCase() : k === 'AUTHOR' ? doc.author.toUpperCase() : k);
  const slot = (content) => (content === 'folio' ? '%' : roffEscape(content.replace(/\{(\w+)\}/g, (_, k) => str(k)).replace(/FOLIO/g, '%')));
  const out = ['.nr PS 10', '.nr VS 12', '.nr LL 4.6i', '.nr HM 0.8i', '.nr FM 0.9i', '.nr PO 1.8i', '.pl 11.69i', '.nr FPS 8', '.nr FVS 10'];
  if (layout.paragraphs === 'spaced') out.push('.nr PI 0', '.nr PD 1v');
  else out.push('.nr PI 2n', '.nr PD 0');
  const names = { hL: 'LH', hC: 'CH', hR: 'RH', fL: 'LF', fC: 'CF', fR: 'RF' };
  for (const n of Object.values(names)) out.push(`.ds ${n}`);
  for (const [pos, content] of Object.entries(layout.heads)) out.push(`.ds ${names[pos.slice(0, 2)]} ${slot(content)}`);
  out.push('.TL', roffEscape(doc.title), '.AU', roffEscape(doc.author));
  if (doc.translator) out.push('.AI', roffEscape(`Translated by ${doc.translator}`));
  out.push('.LP');
  const notes = new Map(doc.notes.map((n) => [n.n, n]));
  for (const b of doc.blocks) {
    if (b.kind === 'heading') {
      out.push(`.SH ${Math.min(b.level, 3)}`, roffRuns(b.runs, layout).replace(/\\u\\s-3(\d+)\\s\+3\\d/g, ''), '.PP');
      continue;
    }
    const text = roffRuns(blockRuns(b), layout, notes);
    if (b.style === 'quote' || b.style === 'verse') out.push('.QP', text);
    else if (b.style === 'signature') out.push('.LP', '.rj 1', text);
    else if (b.style === 'row') out.push('.LP', text);
    else out.push(layout.paragraphs === 'spaced' ? '.LP' : '.PP', text);
  }
  if (layout.notes !== 'foot' && doc.notes.length) {
    out.push('.SH 1', 'Notes');
    for (const n of doc.notes) n.paras.forEach((p, i) => out.push('.LP', `${i === 0 ? `${n.n}. ` : ''}${roffRuns(p, layout)}`));
  }
  return `${out.join('\n')}\n`;
}
