/**
 * A book as the lint rules read it: its Markdown cut into blocks (headings, paragraphs, notes, the lines of
 * containers), each line with a plain-text view (page markers, note references, escapes and emphasis marks
 * removed) whose characters map back to the column of the Markdown line, and the book's word statistics.
 */
import { parse } from 'yaml';

export type BlockKind = 'heading' | 'paragraph' | 'note';

export interface LintLine {
  /** 1-based line in the file */
  line: number;
  raw: string;
  /** the text a reader sees */
  plain: string;
  /** plain[i] is raw[map[i]] */
  map: number[];
}

export interface LintBlock {
  kind: BlockKind;
  /** heading level (1 = #) */
  level?: number;
  /** the innermost container the block stands in (`letter`, `source`, `chronicle`…) */
  container?: string;
  lines: LintLine[];
  /** the lines' plain text joined with spaces */
  text: string;
}

export interface LintFile {
  name: string;
  blocks: LintBlock[];
}

export interface LintBook {
  /** book.yaml as written (not validated: lint also runs on books that do not build) */
  meta: Record<string, unknown>;
  /** the text of book.yaml, for positions */
  yamlText: string;
  language: string;
  files: LintFile[];
  /** how often each word occurs in the running text, as written (case kept) */
  words: Map<string, number>;
}

/** The plain view of one Markdown line, with the column of every character. */
export function plainLine(raw: string, kind: BlockKind | 'continuation'): { plain: string; map: number[] } {
  let plain = '';
  const map: number[] = [];
  let i = 0;
  // the line's own syntax: heading marks, a note's label, a definition's colon, a list item
  const prefix =
    kind === 'heading' ? /^#{1,6}\s+/.exec(raw) : kind === 'note' ? /^\[\^[\w-]+\]:\s*/.exec(raw) : /^(?::\s+|\s+)/.exec(raw);
  if (prefix) i = prefix[0].length;
  const end = kind === 'heading' ? raw.replace(/\s*\{#[\w-]+\}\s*$/, '').length : raw.length;
  while (i < end) {
    const rest = raw.slice(i, end);
    const skip = /^(?:\{\{page [^}]*\}\}|\[\^[\w-]+\])/.exec(rest);
    if (skip) {
      i += skip[0].length;
      continue;
    }
    if (raw[i] === '\\' && i + 1 < end && /[\\`*_{}[\]()#+\-.!:>|~<"']/.test(raw[i + 1])) {
      plain += raw[i + 1];
      map.push(i + 1);
      i += 2;
      continue;
    }
    // emphasis marks are Markdown, not text
    if (raw[i] === '*' || raw[i] === '_') {
      i++;
      continue;
    }
    plain += raw[i];
    map.push(i);
    i++;
  }
  return { plain, map };
}

const CONTAINER_OPEN = /^(:{3,})\s*([\w-]+)/;
const CONTAINER_CLOSE = /^:{3,}\s*$/;

/** Cut one Markdown file into blocks. */
export function readLintFile(name: string, text: string): LintFile {
  const blocks: LintBlock[] = [];
  const containers: string[] = [];
  let current: LintBlock | undefined;
  const close = () => {
    if (current) {
      current.text = current.lines.map((l) => l.plain).join(' ');
      blocks.push(current);
    }
    current = undefined;
  };
  const lines = text.split('\n');
  let frontMatter = lines[0] === '---';
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (frontMatter) {
      if (index > 0 && raw === '---') frontMatter = false;
      return;
    }
    if (raw.trim() === '') {
      // a blank line ends a paragraph; a note goes on over indented lines
      if (current?.kind !== 'note') close();
      return;
    }
    if (CONTAINER_CLOSE.test(raw)) {
      close();
      containers.pop();
      return;
    }
    const open = CONTAINER_OPEN.exec(raw);
    if (open) {
      close();
      containers.push(open[2]);
      return;
    }
    const container = containers[containers.length - 1];
    const heading = /^(#{1,6})\s/.exec(raw);
    if (heading) {
      close();
      const { plain, map } = plainLine(raw, 'heading');
      blocks.push({ kind: 'heading', level: heading[1].length, container, lines: [{ line, raw, plain, map }], text: plain });
      return;
    }
    if (/^\[\^[\w-]+\]:/.test(raw)) {
      close();
      const { plain, map } = plainLine(raw, 'note');
      current = { kind: 'note', container, lines: [{ line, raw, plain, map }], text: '' };
      return;
    }
    if (current?.kind === 'note' && !/^\s/.test(raw)) close();
    const { plain, map } = plainLine(raw, current ? 'continuation' : 'paragraph');
    if (!current) current = { kind: 'paragraph', container, lines: [], text: '' };
    current.lines.push({ line, raw, plain, map });
  });
  close();
  return { name, blocks };
}

const WORD = /\p{L}[\p{L}\p{M}’'-]*\p{L}|\p{L}/gu;

/** The words of a text, as written. */
export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

export function readLintBook(bookYaml: string, markdown: Map<string, string>, order?: string[]): LintBook {
  let meta: Record<string, unknown> = {};
  try {
    const parsed = parse(bookYaml) as unknown;
    if (parsed && typeof parsed === 'object') meta = parsed as Record<string, unknown>;
  } catch {
    // book.yaml that does not parse is reported by the build; lint reads the Markdown all the same
  }
  const listed = Array.isArray(meta.files) ? (meta.files as unknown[]).filter((f): f is string => typeof f === 'string') : [];
  const names = order ?? (listed.length > 0 ? listed.filter((f) => markdown.has(f)) : [...markdown.keys()].sort());
  const files = names.map((n) => readLintFile(n, markdown.get(n) ?? ''));
  const words = new Map<string, number>();
  for (const f of files) for (const b of f.blocks) for (const w of wordsOf(b.text)) words.set(w, (words.get(w) ?? 0) + 1);
  return { meta, yamlText: bookYaml, language: typeof meta.language === 'string' ? meta.language : 'en', files, words };
}

/** The position in the Markdown of character `index` of a block's plain text. */
export function locate(block: LintBlock, index: number): { line: number; column: number } {
  let offset = 0;
  for (const l of block.lines) {
    if (index < offset + l.plain.length || l === block.lines[block.lines.length - 1]) {
      const i = Math.max(0, Math.min(index - offset, l.map.length - 1));
      return { line: l.line, column: (l.map[i] ?? 0) + 1 };
    }
    offset += l.plain.length + 1;
  }
  return { line: block.lines[0]?.line ?? 1, column: 1 };
}

/** Every block of the book with its file. */
export function* eachBlock(book: LintBook): Generator<{ file: LintFile; block: LintBlock; index: number }> {
  for (const file of book.files) for (const [index, block] of file.blocks.entries()) yield { file, block, index };
}

/** A finding at character `index` of a block's text. */
export function findingAt(file: LintFile, block: LintBlock, index: number, found: string, message: string) {
  return { file: file.name, ...locate(block, index), found, message };
}
