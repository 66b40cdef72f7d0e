/** Structured blocks → the Markdown of one book file (docs/book-format.md). */
import { REF_CLOSE, REF_OPEN } from '../clean/types.js';

export type BlockRole = 'heading' | 'subtitle' | 'dateline' | 'paragraph' | 'signature' | 'source' | 'break';

export interface FileBlock {
  role: BlockRole;
  /** for headings: 1 (`#`), 2 (`##`)… */
  level?: number;
  text: string;
  /** inside a `::: letter` */
  letter?: boolean;
}

export interface FileNote {
  label: string;
  text: string;
}

/** Escape what Markdown would read as markup: emphasis stars, underscores, backslashes, `[^`, `<`, backticks, `{{` (not page markers). */
export function escapeInline(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([*_`<])/g, '\\$1')
    .replace(/\[(?=\^)/g, '\\[')
    // `{{page 6}}` from a repair stage is a page marker; any other `{{` is text
    .replace(/\{\{(?!page [^{}\s]+\}\})/g, '\\{\\{');
}

/** A paragraph that starts like a list item, a heading, a quote or a container is escaped at its start. */
export function escapeBlockStart(text: string): string {
  return text
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^([-+#>=|:~])/, '\\$1');
}

/**
 * Emphasis a plain-text transcription marks with underscores (`_word_`, `_two words_`, as Project Gutenberg's texts
 * do) is kept as Markdown emphasis; on the escaped text: a pair of `\_` at word edges around text without one.
 * Underscores inside a word (snake_case) or in a run (a form's blank, `____`) stay text.
 */
const UNDERSCORE_EMPHASIS = /(?<![\p{L}\p{N}\\_])\\_(?=[^\s\\])((?:(?!\\_).)*?[^\s\\])\\_(?![\p{L}\p{N}_\\])/gu;

export function keepUnderscoreEmphasis(escaped: string): string {
  return escaped.replace(UNDERSCORE_EMPHASIS, '*$1*');
}

function inline(text: string, labelOf: (id: number) => string): string {
  // a line break inside a block (an address, a closing and its signature) is Markdown's hard break
  const escaped = keepUnderscoreEmphasis(escapeInline(text)).replace(/[ \t]*\n[ \t]*/g, '\\\n');
  return escaped.replace(new RegExp(`${REF_OPEN}(\\d+)${REF_CLOSE}`, 'g'), (_m, id: string) => `[^${labelOf(Number(id))}]`);
}

function container(name: string, body: string, fence = ':::'): string {
  return `${fence} ${name}\n${body}\n${fence}`;
}

export function renderMarkdownFile(blocks: FileBlock[], notes: FileNote[], labelOf: (id: number) => string): string {
  const parts: string[] = [];
  let letter: string[] | undefined;
  const flushLetter = () => {
    if (letter) parts.push(`:::: letter\n${letter.join('\n\n')}\n::::`);
    letter = undefined;
  };
  for (const b of blocks) {
    const text = inline(b.text, labelOf);
    let md: string;
    if (b.role === 'heading') md = `${'#'.repeat(b.level ?? 1)} ${text}`;
    else if (b.role === 'break') md = '* * *';
    else if (b.role === 'paragraph') md = escapeBlockStart(text);
    else md = container(b.role, escapeBlockStart(text));
    if (b.letter) {
      letter ??= [];
      letter.push(md);
    } else {
      flushLetter();
      parts.push(md);
    }
  }
  flushLetter();
  const defs = notes.map((n) => `[^${n.label}]: ${inline(n.text, labelOf)}`);
  return `${[...parts, ...defs].join('\n\n')}\n`;
}
