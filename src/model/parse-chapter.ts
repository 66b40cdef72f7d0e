/**
 * One Markdown file → Chapter: tokens parsed once, headings, notes (in order of first reference),
 * page markers. Content problems become diagnostics with file:line, not exceptions.
 */
import { createRequire } from 'node:module';
import type { Diagnostics } from '../diagnostics.js';
import { getMarkdown, plainText, type IdProblem, type Token } from '../render/shared/markdown.js';
import { typesetTokens } from '../transform/typography/typeset.js';
import { citeTitles } from '../transform/cite-titles.js';
import { reportOddCharacters } from './odd-characters.js';
import type { Chapter, ChapterEnv, Heading, Note, PageMarker, WorkMeta } from './types.js';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;

export interface ChapterSource {
  /** file name inside the book folder */
  file: string;
  /** path to show in messages, e.g. content/for-the-party/01-for-the-party.md */
  displayPath: string;
  text: string;
  /** the book's language (BCP 47): its typography rules are applied to the text (transform/typography) */
  language?: string;
  /** titles of books and periodicals to set as <cite> in the running text (book.yaml titles:; transform/cite-titles) */
  titles?: readonly string[];
}

/** `01-for-the-party.md` → `for-the-party` (the number prefix only orders files). */
export function slugFromFile(file: string): string {
  return (
    file
      .replace(/\.md$/i, '')
      .replace(/^\d+[-_ ]*/, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'chapter'
  );
}

function splitFrontMatter(src: ChapterSource, diagnostics: Diagnostics): { work: WorkMeta; body: string; lineOffset: number } {
  const m = FRONT_MATTER.exec(src.text);
  if (!m) return { work: {}, body: src.text, lineOffset: 0 };
  let work: WorkMeta = {};
  try {
    // yaml is loaded for a chapter that has front matter only
    const data = (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(m[1]) ?? {};
    if (typeof data !== 'object' || Array.isArray(data)) throw new Error('front matter must be a mapping');
    work = data as WorkMeta;
  } catch (error) {
    diagnostics.error('front-matter-invalid', `Front matter is not valid YAML: ${(error as Error).message}`, {
      file: src.displayPath,
      line: 2,
    });
  }
  const lineOffset = m[0].split('\n').length - 1;
  // keep line numbers true to the file: replace the front matter by blank lines
  return { work, body: '\n'.repeat(lineOffset) + src.text.slice(m[0].length), lineOffset };
}

export function parseChapter(src: ChapterSource, usedIds: Set<string>, diagnostics: Diagnostics): Chapter {
  const slug = slugFromFile(src.file);
  const { work, body } = splitFrontMatter(src, diagnostics);
  const env: ChapterEnv = { chapterSlug: slug, usedIds };
  const all = getMarkdown().parse(body, env as Record<string, unknown>);
  if (src.language) typesetTokens(all, src.language);
  citeTitles(all, src.titles);

  const where = (line?: number) => ({ file: src.displayPath, line });
  for (const p of (env.idProblems ?? []) as IdProblem[]) {
    const why = { duplicate: 'is the id of an earlier heading', note: 'has the form of a footnote id (chapter-note-N, chapter-ref-N)', template: "is an id of galley's own pages" }[p.reason];
    diagnostics.error(p.reason === 'duplicate' ? 'id-duplicate' : 'id-reserved', `Heading id {#${p.id}} ${why}: ids must be unique in the book`, where(p.line));
  }
  reportOddCharacters(body, src.displayPath, diagnostics);

  // markdown-it-footnote drops definitions that nothing references: find them in the source first
  const defined = findFootnoteDefinitions(body, (label, line, first) =>
    diagnostics.error('note-duplicate', `Footnote [^${label}] is defined twice (first at line ${first}): one definition would be lost`, where(line)),
  );
  const footStart = all.findIndex((t) => t.type === 'footnote_block_open');
  const tokens = footStart < 0 ? all : all.slice(0, footStart);
  const notes = footStart < 0 ? [] : collectNotes(all.slice(footStart));

  const referenced = new Set(notes.map((n) => n.label));
  for (const [label, line] of defined) {
    if (!referenced.has(label)) {
      diagnostics.warn('note-unused', `Footnote [^${label}] is never referenced`, { file: src.displayPath, line });
    }
  }
  reportMissingNotes(tokens, src.displayPath, diagnostics);

  const headings = collectHeadings(tokens);
  for (const h of headings) {
    if (h.text === '') diagnostics.error('heading-empty', `Heading of level ${h.level} has no text (an empty ${'#'.repeat(h.level)})`, where(h.line));
  }
  const pages = collectPages(tokens);
  const title = headings.find((h) => h.level === 1)?.text ?? headings[0]?.text ?? slug;
  return { file: src.file, slug, title, work, tokens, headings, notes, pages, env };
}

function findFootnoteDefinitions(body: string, onDuplicate: (label: string, line: number, first: number) => void): Map<string, number> {
  const found = new Map<string, number>();
  const lines = body.split('\n');
  let fence: string | undefined;
  lines.forEach((line, i) => {
    // a definition inside a code block is code, not a definition
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) fence = fence === undefined ? f[1][0] : line.trimStart().startsWith(fence) ? undefined : fence;
    if (fence !== undefined) return;
    const m = /^ {0,3}\[\^([^\]\s]+)\]:/.exec(line);
    if (!m) return;
    const first = found.get(m[1]);
    if (first === undefined) found.set(m[1], i + 1);
    else onDuplicate(m[1], i + 1, first);
  });
  return found;
}

/** A `[^x]` left as text means the note it names is not defined. */
function reportMissingNotes(tokens: Token[], file: string, diagnostics: Diagnostics): void {
  for (const block of tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    for (const t of block.children) {
      if (t.type !== 'text') continue;
      for (const m of t.content.matchAll(/\[\^([^\]\s]+)\]/g)) {
        diagnostics.warn('note-missing', `Footnote [^${m[1]}] is referenced but not defined`, {
          file,
          line: block.map ? block.map[0] + 1 : undefined,
        });
      }
    }
  }
}

function collectNotes(footTokens: Token[]): Note[] {
  const notes: Note[] = [];
  let current: Note | undefined;
  for (const t of footTokens) {
    if (t.type === 'footnote_open') {
      current = { label: String(t.meta?.label ?? Number(t.meta?.id) + 1), number: notes.length + 1, mark: String(notes.length + 1), refCount: 0, tokens: [] };
      notes.push(current);
    } else if (t.type === 'footnote_close') {
      current = undefined;
    } else if (t.type === 'footnote_anchor') {
      if (current) current.refCount++;
    } else if (current) {
      current.tokens.push(t);
    }
  }
  return notes;
}

function collectHeadings(tokens: Token[]): Heading[] {
  const headings: Heading[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type !== 'heading_open') continue;
    headings.push({
      level: Number(t.tag.slice(1)),
      text: plainText(tokens[i + 1].children ?? []),
      id: String(t.attrGet('id') ?? ''),
      line: (t.map?.[0] ?? 0) + 1,
    });
  }
  return headings;
}

function collectPages(tokens: Token[]): PageMarker[] {
  const pages: PageMarker[] = [];
  for (const block of tokens) {
    for (const t of block.children ?? []) {
      if (t.type === 'page_marker') pages.push({ page: String(t.meta?.page), id: String(t.meta?.id) });
    }
  }
  return pages;
}
