/**
 * Chapter tokens → print HTML. Unlike the EPUB, a note's text is placed where it is first referenced,
 * as an inline `<span class="footnote">` that Paged.js floats to the foot of the page on which it lands
 * (`float: footnote`); our own superscript number stays in the text (numbering per chapter, as in the
 * model). Later references to the same note are the superscript alone. Page markers become empty anchors,
 * invisible in print. Body text gets soft hyphens in the book's language; headings never do.
 * One small handler per token type, collected in a map.
 */
import type { Chapter, Note } from '../../model/types.js';
import { createRenderer, renderTokens, type RenderRules, type ContainerName, CONTAINER_NAMES } from '../shared/markdown.js';
import { paragraphRoles, type ParagraphRole } from '../shared/paragraph-roles.js';
import { getHyphenator } from './hyphenate-text.js';

export function printNoteId(chapter: Pick<Chapter, 'slug'>, n: number): string {
  return `${chapter.slug}-note-${n}`;
}
export function printNoteRefId(chapter: Pick<Chapter, 'slug'>, n: number): string {
  return `${chapter.slug}-ref-${n}`;
}

const CONTAINER_TAGS: Record<ContainerName, [string, string]> = {
  subtitle: ['<div class="subtitle">', '</div>'],
  dateline: ['<div class="dateline">', '</div>'],
  epigraph: ['<blockquote class="epigraph">', '</blockquote>'],
  signature: ['<div class="signature">', '</div>'],
  source: ['<div class="source">', '</div>'],
  letter: ['<div class="letter">', '</div>'],
  chronicle: ['<div class="chronicle">', '</div>'],
};

interface PrintEnv {
  chapter: Chapter;
  hyphenate?: (text: string, options?: { lastWord?: boolean }) => string;
  /** inside a heading or a set-off line (signature, dateline…): no soft hyphens */
  inHeading?: boolean;
  /** depth of open containers whose text is never hyphenated */
  unhyphenated?: number;
  /** inside a note body: blocks become spans so the note can sit inside a paragraph */
  inNote?: boolean;
  /** paragraph_open index → its role (shared/paragraph-roles.ts): a letter's salutation and valediction get a class */
  roles?: Map<number, ParagraphRole>;
}

/** The roles the print styles set apart (the EPUB's epub:type; signature and the like are containers here). */
const ROLE_CLASSES: Partial<Record<ParagraphRole, string>> = { salutation: 'salutation', valediction: 'valediction' };

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A bracket that follows a full stop with no space ("R.C.P.(B.)", "ibid.(2)") belongs to the word before it:
 * Chromium may break the line between "." and "(" (the text layer then reads "R.C.P. (B.)"), so the whole
 * run of characters without a space is kept on one line. Takes and returns escaped HTML text.
 */
export function bindBracketAfterStop(html: string): string {
  return html.replace(/[^\s<>]*\p{L}\.\([^\s<>]*/gu, (word) => `<span class="nobreak">${word}</span>`);
}

function noteBody(note: Note, env: PrintEnv): string {
  return renderTokens(noteRenderer, note.tokens, { ...env, inNote: true }).trim();
}

const bodyRules: RenderRules = {
  text(tokens, idx, _options, env) {
    const e = env as unknown as PrintEnv;
    const content = tokens[idx].content;
    if (!e.hyphenate || e.inHeading || e.unhyphenated) return bindBracketAfterStop(escapeHtml(content));
    // the last words of a paragraph (or a note's) are in the last text of its inline run
    const last = !tokens.slice(idx + 1).some((t) => t.type === 'text' && /\p{L}/u.test(t.content));
    return bindBracketAfterStop(escapeHtml(e.hyphenate(content, { lastWord: !last })));
  },
  heading_open(tokens, idx, options, env, self) {
    (env as unknown as PrintEnv).inHeading = true;
    return self.renderToken(tokens, idx, options);
  },
  heading_close(tokens, idx, options, env, self) {
    (env as unknown as PrintEnv).inHeading = false;
    return self.renderToken(tokens, idx, options);
  },
  paragraph_open(tokens, idx, options, env, self) {
    const e = env as unknown as PrintEnv;
    const role = e.roles?.get(idx);
    const cls = role && ROLE_CLASSES[role];
    // a valediction is a short line ranged right, like the signature under it: never hyphenated
    if (role === 'valediction') e.unhyphenated = (e.unhyphenated ?? 0) + 1;
    return cls ? `<p class="${cls}">` : self.renderToken(tokens, idx, options);
  },
  paragraph_close(tokens, idx, options, env, self) {
    const e = env as unknown as PrintEnv;
    if (e.roles?.get(idx - 2) === 'valediction') e.unhyphenated = (e.unhyphenated ?? 0) - 1;
    return self.renderToken(tokens, idx, options);
  },
  footnote_ref(tokens, idx, _options, env) {
    const e = env as unknown as PrintEnv;
    const meta = tokens[idx].meta as { id: number; subId?: number };
    const n = meta.id + 1;
    const note = e.chapter.notes.find((x) => x.number === n);
    const mark = escapeHtml(note?.mark ?? String(n));
    // the call links to its note at the page foot, the note's number back to the (first) call: ids made from
    // the chapter and the number, so the PDF's named destinations are the same every build
    const link = note ? `<a href="#${printNoteId(e.chapter, n)}">${mark}</a>` : mark;
    if ((meta.subId ?? 0) > 0 || !note) return `<sup class="noteref">${link}</sup>`;
    const call = `<sup class="noteref" id="${printNoteRefId(e.chapter, n)}">${link}</sup>`;
    return `${call}<span class="footnote" id="${printNoteId(e.chapter, n)}" data-note="${n}"><span class="note-number"><a href="#${printNoteRefId(e.chapter, n)}">${mark}</a></span> ${noteBody(note, e)}</span>`;
  },
  page_marker(tokens, idx) {
    const { page, id } = tokens[idx].meta as { page: string; id: string };
    // not `data-page`: Paged.js reads that attribute as a named page and broke the page at every marker
    return `<span class="page-marker" id="${id}" data-source-page="${escapeHtml(page)}"></span>`;
  },
};
/** Short set-off lines, centred or ranged right: a break there would look like a typo. */
const UNHYPHENATED: ReadonlySet<ContainerName> = new Set(['subtitle', 'dateline', 'signature', 'source']);

for (const name of CONTAINER_NAMES) {
  const skip = UNHYPHENATED.has(name) ? 1 : 0;
  bodyRules[`container_${name}_open`] = (_t, _i, _o, env) => {
    const e = env as unknown as PrintEnv;
    e.unhyphenated = (e.unhyphenated ?? 0) + skip;
    return `${CONTAINER_TAGS[name][0]}\n`;
  };
  bodyRules[`container_${name}_close`] = (_t, _i, _o, env) => {
    const e = env as unknown as PrintEnv;
    e.unhyphenated = (e.unhyphenated ?? 0) - skip;
    return `${CONTAINER_TAGS[name][1]}\n`;
  };
}
/** A figure's caption is a short centred line, like a signature: never hyphenated. */
bodyRules.figcaption_open = (tokens, idx, options, env, self) => {
  const e = env as unknown as PrintEnv;
  e.unhyphenated = (e.unhyphenated ?? 0) + 1;
  return self.renderToken(tokens, idx, options);
};
bodyRules.figcaption_close = (tokens, idx, options, env, self) => {
  const e = env as unknown as PrintEnv;
  e.unhyphenated = (e.unhyphenated ?? 0) - 1;
  return self.renderToken(tokens, idx, options);
};
/** Dates in a chronicle are short labels. */
bodyRules.dt_open = (tokens, idx, options, env, self) => {
  (env as unknown as PrintEnv).inHeading = true;
  return self.renderToken(tokens, idx, options);
};
bodyRules.dt_close = (tokens, idx, options, env, self) => {
  (env as unknown as PrintEnv).inHeading = false;
  return self.renderToken(tokens, idx, options);
};

/** Inside a note every block is a span: the note lives inside a paragraph until Paged.js moves it. */
const NOTE_BLOCKS: Record<string, string> = {
  paragraph: 'note-p',
  blockquote: 'note-quote',
  bullet_list: 'note-list',
  ordered_list: 'note-list',
  list_item: 'note-item',
};
const noteRules: RenderRules = { ...bodyRules };
for (const [block, cls] of Object.entries(NOTE_BLOCKS)) {
  noteRules[`${block}_open`] = () => `<span class="${cls}">`;
  noteRules[`${block}_close`] = () => '</span>';
}
for (const name of CONTAINER_NAMES) {
  noteRules[`container_${name}_open`] = () => `<span class="${name}">`;
  noteRules[`container_${name}_close`] = () => '</span>';
}

const bodyRenderer = createRenderer(bodyRules);
const noteRenderer = createRenderer(noteRules);

/** The chapter's HTML, notes inline at their first reference. */
export function renderChapterHtml(chapter: Chapter, language: string): string {
  const env: PrintEnv = { chapter, hyphenate: getHyphenator(language), roles: paragraphRoles(chapter.tokens).roles };
  return renderTokens(bodyRenderer, chapter.tokens, env);
}
