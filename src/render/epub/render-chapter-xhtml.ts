/**
 * Chapter tokens → XHTML body for the EPUB: note references link to footnotes at the end of the chapter
 * (epub:type noteref/footnote, so reading systems can show pop-ups) and each note links back; page markers
 * become page-break markers for the page list; semantic containers get their EPUB semantics.
 * One small handler per token type, collected in a map.
 */
import type { Chapter } from '../../model/types.js';
import { createRenderer, renderTokens, type RenderRules, type ContainerName } from '../shared/markdown.js';

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
  signature: '<div class="signature">',
  source: '<div class="source">',
  letter: '<div class="letter">',
  chronicle: '<div class="chronicle">',
};
const CONTAINER_CLOSE: Record<ContainerName, string> = {
  subtitle: '</div>',
  dateline: '</div>',
  epigraph: '</blockquote>',
  signature: '</div>',
  source: '</div>',
  letter: '</div>',
  chronicle: '</div>',
};

interface EpubEnv {
  chapter: Chapter;
  /** a local image's address in the Markdown → its file inside the EPUB */
  images?: ReadonlyMap<string, string>;
}

const rules: RenderRules = {
  footnote_ref(tokens, idx, _options, env) {
    const { chapter } = env as unknown as EpubEnv;
    const meta = tokens[idx].meta as { id: number; subId?: number };
    const n = meta.id + 1;
    const sub = meta.subId ?? 0;
    return `<a class="noteref" epub:type="noteref" role="doc-noteref" id="${noteRefId(chapter, n, sub)}" href="#${noteId(chapter, n)}">${n}</a>`;
  },
  page_marker(tokens, idx) {
    const { page, id } = tokens[idx].meta as { page: string; id: string };
    return `<span epub:type="pagebreak" role="doc-pagebreak" id="${id}" aria-label="${page}"></span>`;
  },
  /** the packaged copy (paths/book-images.ts refused every image that is not a file of the project) */
  image(tokens, idx, options, env, self) {
    const { images } = env as unknown as EpubEnv;
    const token = tokens[idx];
    const href = images?.get(String(token.attrGet('src') ?? ''));
    if (href) token.attrSet('src', href);
    return self.renderToken(tokens, idx, options);
  },
};
for (const name of ['subtitle', 'dateline', 'epigraph', 'signature', 'source', 'letter', 'chronicle'] as ContainerName[]) {
  rules[`container_${name}_open`] = () => `${CONTAINER_OPEN[name]}\n`;
  rules[`container_${name}_close`] = () => `${CONTAINER_CLOSE[name]}\n`;
}

const renderer = createRenderer(rules);

export interface RenderedNote {
  id: string;
  number: number;
  html: string;
  backlinks: { href: string; label: string; letter: string }[];
}

export interface RenderedChapter {
  body: string;
  notes: RenderedNote[];
}

export function renderChapterXhtml(chapter: Chapter, images?: ReadonlyMap<string, string>): RenderedChapter {
  const env: EpubEnv = { chapter, images };
  const body = renderTokens(renderer, chapter.tokens, env);
  const notes = chapter.notes.map((note) => ({
    id: noteId(chapter, note.number),
    number: note.number,
    html: renderTokens(renderer, note.tokens, env),
    backlinks: Array.from({ length: Math.max(1, note.refCount) }, (_, sub) => ({
      href: `#${noteRefId(chapter, note.number, sub)}`,
      letter: String.fromCharCode(97 + (sub % 26)),
      label: note.refCount > 1 ? `Back to reference ${sub + 1} of note ${note.number}` : `Back to the text of note ${note.number}`,
    })),
  }));
  return { body, notes };
}

