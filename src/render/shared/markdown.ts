/**
 * The one markdown-it configuration galley uses: CommonMark + footnotes, semantic containers,
 * definition lists, `{{page N}}` page markers, figures and stable heading ids. Parsing happens once
 * (model/parse-chapter.ts); each format renders the tokens with its own rules (renderTokens).
 */
import markdownIt, { type MarkdownIt, type Token, type StateInline, type StateCore, type Renderer, type RendererRule } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import container from 'markdown-it-container';
import deflist from 'markdown-it-deflist';

/** The semantic blocks of docs/book-format.md. */
export const CONTAINER_NAMES = ['subtitle', 'dateline', 'epigraph', 'signature', 'source', 'letter', 'chronicle'] as const;
export type ContainerName = (typeof CONTAINER_NAMES)[number];

const PAGE_MARKER = /^\{\{page ([0-9ivxlcdmIVXLCDM]+[a-z]?)\}\}/;

/** `{{page 6}}` → a `page_marker` token carrying the original page number. */
function parsePageMarker(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x7b /* { */) return false;
  const match = PAGE_MARKER.exec(state.src.slice(state.pos));
  if (!match) return false;
  if (!silent) {
    const token = state.push('page_marker', '', 0);
    token.meta = { page: match[1] };
  }
  state.pos += match[0].length;
  return true;
}

/** Turn heading text into an id: "Chapter I. The Roots" → "chapter-i-the-roots" (whole: never cut inside a word). */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'section';
}

/** The form of the ids the renderers give notes and note references (`<chapter>-note-3`, `<chapter>-ref-3-2`). */
export const NOTE_ID_FORM = /-(?:note|ref)-\d+(?:-\d+)?$/;
/** Ids the templates give the print page's own parts (the whole book is one HTML document there). */
export const TEMPLATE_IDS = ['toc', 'toc-title', 'contents-title', 'colophon-title', 'imprint-title', 'landmarks', 'page-list', 'title', 'subtitle', 'uid', 'cover'];

/**
 * Make `base` unique within `used` by adding -2, -3…, and record it. An id of a note's form gets `-h` first,
 * so a heading or page id can never be a note's: ids are unique by construction.
 */
export function uniqueId(base: string, used: Set<string>): string {
  const start = NOTE_ID_FORM.test(base) ? `${base}-h` : base;
  let id = start;
  for (let n = 2; used.has(id); n++) id = `${start}-${n}`;
  used.add(id);
  return id;
}

/** A `{#id}` that cannot be used as written: an error of the chapter (parse-chapter.ts reports it). */
export interface IdProblem {
  id: string;
  line: number;
  reason: 'duplicate' | 'note' | 'template';
}

const EXPLICIT_ID = /\s*\{#([A-Za-z][\w-]*)\}\s*$/;

/**
 * Give every heading an id unique in the book (env.usedIds is shared across a book's chapters):
 * `# Title {#my-id}` uses my-id; otherwise the id is made from the text.
 */
function assignHeadingIds(state: StateCore): void {
  const used = (state.env.usedIds ??= new Set<string>()) as Set<string>;
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== 'heading_open') continue;
    const inline = tokens[i + 1];
    let explicit: string | undefined;
    const last = inline.children?.[inline.children.length - 1];
    if (last?.type === 'text') {
      const m = EXPLICIT_ID.exec(last.content);
      if (m) {
        explicit = m[1];
        last.content = last.content.slice(0, m.index);
        inline.content = inline.content.replace(EXPLICIT_ID, '');
      }
    }
    const text = plainText(inline.children ?? []);
    if (explicit !== undefined) {
      const reason = NOTE_ID_FORM.test(explicit) ? 'note' : TEMPLATE_IDS.includes(explicit) ? 'template' : used.has(explicit) ? 'duplicate' : undefined;
      if (reason) ((state.env.idProblems ??= []) as IdProblem[]).push({ id: explicit, line: (tokens[i].map?.[0] ?? 0) + 1, reason });
    }
    tokens[i].attrSet('id', uniqueId(explicit ?? slugify(text), used));
  }
}

/**
 * An image alone in its paragraph, with a caption, becomes a figure: the caption is the image's title
 * (`![a lamp](lamp.png "The lamp of 1871")`) or an italic line right under it (`![a lamp](lamp.png)` then
 * `*The lamp of 1871*` on the next line). Tokens: figure_open, inline (the image), figcaption_open, inline
 * (the caption), figcaption_close, figure_close; an image without a caption stays in its paragraph.
 * Paragraphs in footnotes and tight lists are left alone (a note is set inside a line in print).
 */
function makeFigures(state: StateCore): void {
  const tokens = state.tokens;
  const out: Token[] = [];
  let inFootnote = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'footnote_open') inFootnote++;
    if (t.type === 'footnote_close') inFootnote--;
    const caption = t.type === 'paragraph_open' && !t.hidden && !inFootnote ? figureCaption(tokens[i + 1]) : undefined;
    if (!caption || tokens[i + 2]?.type !== 'paragraph_close') {
      out.push(t);
      continue;
    }
    const inline = tokens[i + 1];
    const image = inline.children![0];
    const make = (type: string, tag: string, nesting: 1 | 0 | -1) => {
      const token = new state.Token(type, tag, nesting);
      token.block = true;
      token.level = t.level;
      token.map = t.map;
      return token;
    };
    const figure = make('figure_open', 'figure', 1);
    figure.meta = { caption: caption.from };
    if (caption.from === 'title') image.attrs = (image.attrs ?? []).filter(([name]) => name !== 'title');
    inline.children = [image];
    inline.content = inline.content.split('\n')[0];
    const text = make('inline', '', 0);
    text.content = caption.content;
    text.children = caption.children;
    if (caption.from === 'title') {
      const words = new state.Token('text', '', 0);
      words.content = caption.content;
      text.children = [words];
    }
    out.push(figure, inline, make('figcaption_open', 'figcaption', 1), text, make('figcaption_close', 'figcaption', -1), make('figure_close', 'figure', -1));
    i += 2;
  }
  state.tokens = out;
}

/** The caption of a paragraph that is one image and its title (its text token made by the caller), or one image and an italic line under it. */
function figureCaption(inline: Token | undefined): { from: 'title' | 'line'; content: string; children: Token[] } | undefined {
  const children = inline?.type === 'inline' ? (inline.children ?? []) : [];
  const [image, br, open] = children;
  if (image?.type !== 'image') return undefined;
  if (children.length === 1) {
    const title = String(image.attrGet('title') ?? '').trim();
    if (!title) return undefined;
    return { from: 'title', content: title, children: [] };
  }
  // image, softbreak, em_open, …, em_close: the whole second line in italics
  const close = children[children.length - 1];
  if (br?.type !== 'softbreak' || open?.type !== 'em_open' || close.type !== 'em_close') return undefined;
  const inner = children.slice(3, -1);
  if (inner.some((c) => c.type === 'em_close' && c.level === open.level)) return undefined; // *a* and *b*: not one italic line
  return { from: 'line', content: inline!.content.split('\n').slice(1).join('\n'), children: inner };
}

/** Record page markers with book-unique ids, in order. */
function assignPageIds(state: StateCore): void {
  const used = (state.env.usedIds ??= new Set<string>()) as Set<string>;
  for (const block of state.tokens) {
    for (const t of block.children ?? []) {
      if (t.type === 'page_marker' && t.meta) t.meta.id = uniqueId(`page-${t.meta.page}`, used);
    }
  }
}

/** The text of inline tokens, without markup or note references. */
export function plainText(children: Token[]): string {
  let out = '';
  for (const t of children) {
    if (t.type === 'text' || t.type === 'code_inline') out += t.content;
    else if (t.type === 'softbreak' || t.type === 'hardbreak') out += ' ';
    else if (t.children) out += plainText(t.children);
  }
  // collapse the source's line breaks and runs of spaces, not the no-break spaces typography put there
  return out.replace(/[ \t\r\n\f\v]+/g, ' ').replace(/^[ \t]+|[ \t]+$/g, '');
}

export function createMarkdown(): MarkdownIt {
  const md = markdownIt('commonmark', { html: false, xhtmlOut: true, typographer: false });
  md.use(footnote);
  md.use(deflist);
  for (const name of CONTAINER_NAMES) md.use(container, name);
  md.inline.ruler.before('emphasis', 'page_marker', parsePageMarker);
  md.core.ruler.push('figures', makeFigures);
  md.core.ruler.push('heading_ids', assignHeadingIds);
  md.core.ruler.push('page_ids', assignPageIds);
  return md;
}

let shared: MarkdownIt | undefined;
/** One parser for the process: creating markdown-it is not free. */
export function getMarkdown(): MarkdownIt {
  return (shared ??= createMarkdown());
}

export type RenderRule = RendererRule;
export type RenderRules = Record<string, RenderRule>;

/**
 * Render tokens with format-specific rules layered over the shared renderer. Rules that a format does
 * not give fall back to markdown-it's own (paragraphs, emphasis…).
 */
export function createRenderer(rules: RenderRules): Renderer {
  const base = getMarkdown().renderer;
  const renderer = Object.create(base) as Renderer;
  renderer.rules = { ...base.rules, ...rules };
  return renderer;
}

export function renderTokens(renderer: Renderer, tokens: Token[], env: object): string {
  return renderer.render(tokens, getMarkdown().options, env as Record<string, unknown>);
}

/** Which container a `container_<name>_open` token opens, if any. */
export function containerName(token: Token): ContainerName | undefined {
  const m = /^container_(\w+)_open$/.exec(token.type);
  return m && (CONTAINER_NAMES as readonly string[]).includes(m[1]) ? (m[1] as ContainerName) : undefined;
}

export type { Token };
