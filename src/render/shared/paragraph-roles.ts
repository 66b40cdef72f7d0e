/**
 * The roles of a chapter's paragraphs that neither Markdown nor the containers spell out: a letter's
 * salutation (its first paragraph, short, ending like a greeting), a valediction (a short paragraph ending in
 * a comma right before a signature block), and the paragraphs of signature, subtitle and source blocks. The
 * EPUB marks them with epub:type, the print HTML with classes; both read them from here.
 */
import type { Token } from 'markdown-it';
import { plainText } from './markdown.js';

export type ParagraphRole = 'salutation' | 'valediction' | 'signature' | 'subtitle' | 'source';

export interface ParagraphRoles {
  /** paragraph_open index → its role */
  roles: Map<number, ParagraphRole>;
  /** subtitle containers that follow a heading: rendered inside the heading's <hgroup> */
  hgroups: Set<number>;
}

const SHORT = 80;

/** The roles of paragraphs (salutation, valediction, signature, subtitle, source) and the hgroups, from the token stream. */
export function paragraphRoles(tokens: Token[]): ParagraphRoles {
  const roles = new Map<number, ParagraphRole>();
  const hgroups = new Set<number>();
  const open: { name: string; index: number; paragraphs: number[] }[] = [];
  const textOf = (i: number) => plainText(tokens[i + 1]?.children ?? []);
  tokens.forEach((t, i) => {
    const m = /^container_(\w+)_(open|close)$/.exec(t.type);
    if (m && m[2] === 'open') {
      if (m[1] === 'subtitle' && tokens[i - 1]?.type === 'heading_close') hgroups.add(i);
      open.push({ name: m[1], index: i, paragraphs: [] });
      return;
    }
    if (m && m[2] === 'close') {
      const block = open.pop();
      if (block?.name === 'letter') {
        // the letter's first paragraph, when short and ending like a greeting, is its salutation
        const first = block.paragraphs[0];
        if (first !== undefined && textOf(first).length <= SHORT && /[,!:]$/.test(textOf(first))) roles.set(first, 'salutation');
      }
      return;
    }
    if (t.type === 'paragraph_open') {
      const inner = open[open.length - 1];
      if (inner) inner.paragraphs.push(i);
      if (inner?.name === 'signature') roles.set(i, 'signature');
      if (inner?.name === 'subtitle') roles.set(i, 'subtitle');
      if (inner?.name === 'source') roles.set(i, 'source');
    }
  });
  // valedictions: a short paragraph right before a signature block, inside a letter
  tokens.forEach((t, i) => {
    if (t.type !== 'container_signature_open') return;
    const close = tokens[i - 1]?.type === 'paragraph_close' ? i - 1 : -1;
    if (close < 0) return;
    const openIndex = close - 2;
    if (tokens[openIndex]?.type !== 'paragraph_open') return;
    const text = textOf(openIndex);
    if (text.length <= SHORT && /,$/.test(text) && !roles.has(openIndex)) roles.set(openIndex, 'valediction');
  });
  return { roles, hgroups };
}
