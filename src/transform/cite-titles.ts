/**
 * Titles of books and periodicals set as `<cite>` (italic) wherever the running text names them, from the
 * list a book keeps in book.yaml (`titles:`), as Standard Ebooks marks them. A title matches as whole words,
 * case and all ("Pravda", not "pravda", "Pravdas" nor "Pravda-ists"); the longest title wins where two overlap ("Two Tactics
 * of Social-Democracy" before "Two Tactics"). Left alone: headings (their text is the contents' and the
 * running heads'), text already in emphasis or in a citation, a source line (already a citation), code.
 */
import type { Token } from 'markdown-it';

/** One regular expression for the whole list, longest first; undefined for an empty list. */
export function titlePattern(titles: readonly string[]): RegExp | undefined {
  const list = [...new Set(titles.map((t) => t.trim()).filter((t) => t !== ''))].sort((a, b) => b.length - a.length);
  if (list.length === 0) return undefined;
  const escaped = list.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ +/g, '[ \\u00a0\\u202f]+'));
  // not inside a word nor a compound ("Iskra-ists")
  return new RegExp(`(?<![\\p{L}\\p{N}-])(?:${escaped.join('|')})(?![\\p{L}\\p{N}]|-\\p{L})`, 'gu');
}

type MakeToken = (type: string, tag: string, nesting: 1 | 0 | -1) => Token;
type TokenClass = new (type: string, tag: string, nesting: 1 | 0 | -1) => Token;

/** The text tokens of one inline block, split around the titles they name. */
function citeInline(children: Token[], pattern: RegExp): Token[] {
  const out: Token[] = [];
  let italic = 0;
  for (const t of children) {
    if (/^(em|cite)_open$/.test(t.type)) italic++;
    if (/^(em|cite)_close$/.test(t.type)) italic--;
    if (t.type !== 'text' || italic > 0) {
      out.push(t);
      continue;
    }
    // new tokens of markdown-it's own class, made from the text token's
    const make: MakeToken = (type, tag, nesting) => new (t.constructor as TokenClass)(type, tag, nesting);
    let last = 0;
    for (const m of t.content.matchAll(pattern)) {
      if (m.index > last) out.push(textToken(t.content.slice(last, m.index), make));
      const open = make('cite_open', 'cite', 1);
      open.markup = 'titles';
      out.push(open, textToken(m[0], make), make('cite_close', 'cite', -1));
      last = m.index + m[0].length;
    }
    if (last === 0) out.push(t);
    else if (last < t.content.length) out.push(textToken(t.content.slice(last), make));
  }
  return out;
}

function textToken(content: string, make: MakeToken): Token {
  const t = make('text', '', 0);
  t.content = content;
  return t;
}

/** Every inline block of a parsed chapter (body and notes) but headings and source lines, in place. */
export function citeTitles(tokens: Token[], titles: readonly string[] | undefined): void {
  const pattern = titles ? titlePattern(titles) : undefined;
  if (!pattern) return;
  let heading = 0;
  let source = 0;
  for (const t of tokens) {
    if (t.type === 'heading_open') heading++;
    else if (t.type === 'heading_close') heading--;
    else if (t.type === 'container_source_open') source++;
    else if (t.type === 'container_source_close') source--;
    else if (t.type === 'inline' && t.children && heading === 0 && source === 0) t.children = citeInline(t.children, pattern);
  }
}
