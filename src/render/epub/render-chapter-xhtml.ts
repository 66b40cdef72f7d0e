/**
 * Chapter tokens → XHTML body for the EPUB: note references link to footnotes at the end of the chapter
 * (epub:type noteref/footnote, so reading systems can show pop-ups) and each note links back; page markers
 * become page-break markers for the page list; semantic containers get the semantics Standard Ebooks uses:
 * a heading and its subtitle in `<hgroup>`, letters with salutation, valediction and signature
 * (z3998 vocabulary), datelines with `<time>`, source lines in `<cite>`.
 * One small handler per token type, collected in a map; what a handler needs to know about the tokens around
 * it (which paragraph is a salutation) is worked out once before rendering, never by changing the tokens.
 */
import type { Chapter } from '../../model/types.js';
import type { Token } from 'markdown-it';
import { bindSpaces } from '../../transform/bind-spaces.js';
import { createRenderer, getMarkdown, renderTokens, type RenderRules, type ContainerName } from '../shared/markdown.js';
import { escapeText } from '../shared/escape.js';
import { stringsFor, type ApparatusStrings } from '../../i18n/index.js';
import { paragraphRoles, type ParagraphRoles } from '../shared/paragraph-roles.js';

export function noteId(chapter: Pick<Chapter, 'slug'>, n: number): string {
  return `${chapter.slug}-note-${n}`;
}
export function noteRefId(chapter: Pick<Chapter, 'slug'>, n: number, sub: number): string {
  return sub > 0 ? `${chapter.slug}-ref-${n}-${sub + 1}` : `${chapter.slug}-ref-${n}`;
}

const CONTAINER_OPEN: Record<ContainerName, string> = {
  subtitle: '<div class="subtitle">',
  dateline: '<div class="dateline">',
  epigraph: '<blockquote class="epigraph" epub:type="epigraph" role="doc-epigraph">',
  signature: '<footer class="signature">',
  source: '<div class="source">',
  letter: '<div class="letter" epub:type="z3998:letter">',
  chronicle: '<div class="chronicle">',
};
const CONTAINER_CLOSE: Record<ContainerName, string> = {
  subtitle: '</div>',
  dateline: '</div>',
  epigraph: '</blockquote>',
  signature: '</footer>',
  source: '</div>',
  letter: '</div>',
  chronicle: '</div>',
};


interface RenderState extends ParagraphRoles {
  inHeading: boolean;
  inDateline: boolean;
  inHgroup: boolean;
  /** the level of the heading a subtitle in <hgroup> is set as */
  subtitleLevel: number;
}

interface EpubEnv {
  chapter: Chapter;
  /** a local image's address in the Markdown → its file inside the EPUB */
  images?: ReadonlyMap<string, string>;
  /** a source page's number → its marker in the EPUB (`file.xhtml#page-103`), for references to this volume's pages */
  pageHrefs?: ReadonlyMap<string, string>;
  /** the words of a reference to a page of this volume, in the book's language */
  pageReference?: RegExp;
  state: RenderState;
}


const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DATE = new RegExp(`\\b(?:(\\d{1,2})\\s+)?(${MONTHS.join('|')})(?:\\s+(\\d{1,2}))?,?\\s+(\\d{4})\\b(?![–-])`, 'g');

/**
 * "this volume, pp. 246–73" → the first page number a link to that page's marker, where the book has it
 * (`reference`: the language's words, groups: the words before the number, the number). A page the book has
 * no marker for stays text.
 */
export function linkPageReferences(escaped: string, reference: RegExp, hrefs: ReadonlyMap<string, string>): string {
  return escaped.replace(reference, (all, lead: string, page: string) => {
    const href = hrefs.get(page);
    return href ? `${lead}<a href="${escapeText(href)}">${page}</a>` : all;
  });
}

/** "January 9, 1924" → <time datetime="1924-01-09">January 9, 1924</time>; ranges ("January 16–18, 1924") stay text. */
export function markDates(escaped: string): string {
  return escaped.replace(DATE, (all, dayBefore: string | undefined, month: string, dayAfter: string | undefined, year: string, offset: number, whole: string) => {
    if (/[–-]\s*$/.test(whole.slice(0, offset)) || (dayBefore && dayAfter)) return all;
    const day = dayBefore ?? dayAfter;
    const m = String(MONTHS.indexOf(month) + 1).padStart(2, '0');
    return `<time datetime="${year}-${m}${day ? `-${day.padStart(2, '0')}` : ''}">${all}</time>`;
  });
}

/** A word joiner before an em dash, so that no line begins with the dash (Standard Ebooks). */
export function joinDashes(text: string): string {
  return text.replace(/(?<=[^\s\u2060])—/g, '\u2060—');
}

/** markdown-it's image rule: the alt attribute is the text between the brackets */
const IMAGE_RULE = getMarkdown().renderer.rules.image!;

const rules: RenderRules = {
  footnote_ref(tokens, idx, _options, env) {
    const { chapter } = env as unknown as EpubEnv;
    const meta = tokens[idx].meta as { id: number; subId?: number };
    const n = meta.id + 1;
    const sub = meta.subId ?? 0;
    const mark = chapter.notes.find((x) => x.number === n)?.mark ?? String(n);
    // the mark in <sup>: raised by the markup itself, so that it stays apart from the word without our CSS
    return `<a class="noteref" epub:type="noteref" role="doc-noteref" id="${noteRefId(chapter, n, sub)}" href="#${noteId(chapter, n)}"><sup>${escapeText(mark)}</sup></a>`;
  },
  page_marker(tokens, idx) {
    const { page, id } = tokens[idx].meta as { page: string; id: string };
    return `<span epub:type="pagebreak" role="doc-pagebreak" id="${id}" aria-label="${page}"></span>`;
  },
  text(tokens, idx, _options, env) {
    const { state } = env as unknown as EpubEnv;
    let text = joinDashes(tokens[idx].content);
    if (state.inHeading) text = bindSpaces(text);
    const escaped = escapeText(text);
    if (state.inDateline) return markDates(escaped);
    const { pageHrefs, pageReference } = env as unknown as EpubEnv;
    return pageHrefs?.size && pageReference && !state.inHeading ? linkPageReferences(escaped, pageReference, pageHrefs) : escaped;
  },
  heading_open(tokens, idx, options, env, self) {
    const { state } = env as unknown as EpubEnv;
    state.inHeading = true;
    const hgroup = state.hgroups.has(idx + 3);
    if (hgroup) state.subtitleLevel = Math.min(6, Number(tokens[idx].tag.slice(1)) + 1);
    return `${hgroup ? '<hgroup>\n' : ''}${self.renderToken(tokens, idx, options)}`;
  },
  heading_close(tokens, idx, options, env, self) {
    (env as unknown as EpubEnv).state.inHeading = false;
    return self.renderToken(tokens, idx, options);
  },
  paragraph_open(tokens, idx, options, env, self) {
    const { state } = env as unknown as EpubEnv;
    switch (state.roles.get(idx)) {
      case 'salutation':
        return '<p class="salutation" epub:type="z3998:salutation">';
      case 'valediction':
        return '<p class="valediction" epub:type="z3998:valediction">';
      case 'signature':
        return '<p epub:type="z3998:signature">';
      case 'subtitle':
        // inside <hgroup> the subtitle is a heading one level down (the content model epubcheck knows)
        return state.inHgroup ? `<h${state.subtitleLevel} class="subtitle" epub:type="subtitle" role="doc-subtitle">` : '<p>';
      case 'source':
        return '<p><cite>';
      default:
        return self.renderToken(tokens, idx, options);
    }
  },
  paragraph_close(tokens, idx, options, env, self) {
    const { state } = env as unknown as EpubEnv;
    // the matching paragraph_open stands two tokens before (paragraph_open, inline, paragraph_close)
    if (state.roles.get(idx - 2) === 'source') return '</cite></p>\n';
    if (state.roles.get(idx - 2) === 'subtitle' && state.inHgroup) return `</h${state.subtitleLevel}>\n`;
    return self.renderToken(tokens, idx, options);
  },
  /**
   * the packaged copy (paths/book-images.ts refused every image that is not a file of the project), its
   * alternative text from the brackets (markdown-it's own image rule: renderToken alone wrote alt="")
   */
  image(tokens, idx, options, env, self) {
    const { images } = env as unknown as EpubEnv;
    const token = tokens[idx];
    const src = String(token.attrGet('src') ?? '');
    const href = images?.get(src);
    if (!href) return IMAGE_RULE(tokens, idx, options, env, self);
    // the tokens are shared with the print renderer: the address is changed for this render only
    token.attrSet('src', href);
    try {
      return IMAGE_RULE(tokens, idx, options, env, self);
    } finally {
      token.attrSet('src', src);
    }
  },
};
for (const name of ['dateline', 'epigraph', 'signature', 'source', 'letter', 'chronicle'] as ContainerName[]) {
  rules[`container_${name}_open`] = (_t, _i, _o, env) => {
    if (name === 'dateline') (env as unknown as EpubEnv).state.inDateline = true;
    return `${CONTAINER_OPEN[name]}\n`;
  };
  rules[`container_${name}_close`] = (_t, _i, _o, env) => {
    if (name === 'dateline') (env as unknown as EpubEnv).state.inDateline = false;
    return `${CONTAINER_CLOSE[name]}\n`;
  };
}
// a subtitle right after its heading joins it in <hgroup>; elsewhere it is a block of its own
rules.container_subtitle_open = (_t, idx, _o, env) => {
  const { state } = env as unknown as EpubEnv;
  if (state.hgroups.has(idx)) {
    state.inHgroup = true;
    return '';
  }
  return `${CONTAINER_OPEN.subtitle}\n`;
};
rules.container_subtitle_close = (_t, _i, _o, env) => {
  const { state } = env as unknown as EpubEnv;
  if (state.inHgroup) {
    state.inHgroup = false;
    return '</hgroup>\n';
  }
  return `${CONTAINER_CLOSE.subtitle}\n`;
};

const renderer = createRenderer(rules);

export interface RenderedNote {
  id: string;
  number: number;
  /** what the reader sees: the number, or book.yaml's mark (transform/mark-notes.ts) */
  mark: string;
  html: string;
  backlinks: { href: string; label: string; letter: string }[];
}

export interface RenderedChapter {
  body: string;
  notes: RenderedNote[];
}

function freshState(tokens: Token[]): RenderState {
  return { ...paragraphRoles(tokens), inHeading: false, inDateline: false, inHgroup: false, subtitleLevel: 2 };
}

export function renderChapterXhtml(chapter: Chapter, images?: ReadonlyMap<string, string>, strings: ApparatusStrings = stringsFor('en'), pageHrefs?: ReadonlyMap<string, string>): RenderedChapter {
  const pageReference = strings.samePageReference;
  const body = renderTokens(renderer, chapter.tokens, { chapter, images, pageHrefs, pageReference, state: freshState(chapter.tokens) } satisfies EpubEnv);
  const notes = chapter.notes.map((note) => ({
    id: noteId(chapter, note.number),
    number: note.number,
    mark: note.mark,
    html: renderTokens(renderer, note.tokens, { chapter, images, pageHrefs, pageReference, state: freshState(note.tokens) } satisfies EpubEnv),
    backlinks: Array.from({ length: Math.max(1, note.refCount) }, (_, sub) => ({
      href: `#${noteRefId(chapter, note.number, sub)}`,
      letter: String.fromCharCode(97 + (sub % 26)),
      label: note.refCount > 1 ? strings.backToReference(sub + 1, note.mark) : strings.backToNote(note.mark),
    })),
  }));
  return { body, notes };
}
