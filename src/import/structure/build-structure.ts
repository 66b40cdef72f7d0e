/**
 * The structure stage shared by every profile: RepairedText (paragraphs, notes) → ImportedBook (book.yaml data,
 * Markdown files, review items). Finds the front matter and credits, headings, dateline, letter, signature and
 * source line; links notes; applies typography; renders Markdown.
 */
import { applyTypography } from '../clean/index.js';
import type { ImportContext, ImportedBook, ImportedFile, ImportProfile, RepairedText } from '../types.js';
import { buildMeta } from './build-meta.js';
import { normalizeHeadingCase } from './heading-case.js';
import { linkNotes } from './link-notes.js';
import { placeBody, placeUnlinked, readSignedBy, type Placed } from './place-body.js';
import { readFrontMatter } from './read-front-matter.js';
import { renderMarkdownFile, type FileNote } from './render-markdown.js';

export interface StructureOptions {
  profile: ImportProfile;
  /** BCP 47; default `en` */
  language?: string;
  /** the identifier to write (the command keeps an existing book's); none: the command adds one */
  identifier?: string;
}

/** "For the Party" → "for-the-party"; at most eight words. */
export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
      .split(' ')
      .slice(0, 8)
      .join('-') || 'text'
  );
}

export function buildStructure(repaired: RepairedText, ctx: ImportContext, options: StructureOptions): ImportedBook {
  const front = readFrontMatter(repaired.blocks, ctx);
  const titleBlock: Placed | undefined = front.title && { ...front.title, role: 'heading', level: 1, heading: true };
  if (!titleBlock) ctx.review({ rule: 'front-matter', kind: 'doubt', line: repaired.blocks[0]?.line ?? 1, message: 'no title found at the head of the text: book.yaml title is a placeholder' });
  const signedBy = readSignedBy(front.credits.published?.value) ?? readSignedBy(front.credits.written?.value);
  const body = placeBody(repaired.blocks.slice(front.bodyStart), ctx, signedBy);
  // a numbered heading after the title is the chapter this text is (of a longer work), unless the text goes on
  // with its next one (`I. THE SHORE` … `II. THE LIGHT`): then they are the text's own chapters, siblings under
  // the title, and the first is no subtitle
  const firstOfChapters =
    front.chapter !== undefined && titleBlock !== undefined && body.some((b) => b.role === 'heading' && sameNumbering(front.chapter!.text, b.text));
  if (firstOfChapters) {
    ctx.review({ rule: 'structure', kind: 'fixed', line: front.chapter!.line, message: `heading "${front.chapter!.text}" is the first of the text's chapters (a heading numbered like it follows): a chapter under the title, not the book's subtitle` });
  }
  const chapter: Placed | undefined = front.chapter && !firstOfChapters ? { ...front.chapter, role: 'heading', level: 1, heading: true } : undefined;
  const firstChapter: Placed[] = firstOfChapters ? [{ ...front.chapter!, role: 'heading', level: 2, heading: true }] : [];
  const subtitle: Placed | undefined = front.subtitle && { ...front.subtitle, role: 'subtitle', heading: true };
  const headings: Placed[] = front.headings.map((h) => ({ ...h, role: 'heading', level: 2, heading: true }));
  const dateline: Placed | undefined = front.dateline && { ...front.dateline, role: 'dateline' };

  // the file starts with the chapter heading when there is one (the title is the book's), else the title
  const opening: Placed[] = [
    ...(chapter ? [chapter] : titleBlock ? [titleBlock] : []),
    ...(subtitle ? [subtitle] : []),
    ...(dateline ? [dateline] : []),
    ...headings,
    ...firstChapter,
  ];
  const all: Placed[] = chapter && titleBlock ? [{ ...titleBlock, omit: true }, ...opening, ...body] : [...opening, ...body];
  const linked = linkNotes(all, repaired.notes, ctx);
  const placed = placeUnlinked(
    linked.blocks.map((b, i) => ({ ...all[i], text: b.text })),
    linked.unlinked,
  );

  // typography and heading case
  const typed = placed.map((b) => {
    let text = b.role === 'heading' || b.role === 'subtitle' ? normalizeHeadingCase(b.text) : b.text;
    if (text !== b.text) ctx.review({ rule: 'heading-case', kind: 'fixed', line: b.line, message: `"${b.text}" → "${text}"` });
    text = applyTypography(text, ctx, b.line);
    return { ...b, text };
  });
  const notes = linked.linked.map((n) => ({ ...n, text: applyTypography(n.text, ctx, n.line) }));

  // the book's title heading is only in the file when there is no chapter heading; its note references move there
  const omitted = typed.find((b) => b.omit);
  const refsOfOmitted = omitted?.text.match(/\uE000\d+\uE001/g)?.join('') ?? '';
  const fileBlocks = typed
    .filter((b) => !b.omit)
    .map((b) => (refsOfOmitted && chapter && b.line === chapter.line && b.role === 'heading' ? { ...b, text: b.text + refsOfOmitted } : b));
  const titleText = typed.find((b) => titleBlock && b.line === titleBlock.line && b.role === 'heading')?.text;
  const fileHeading = fileBlocks.find((b) => b.role === 'heading' && b.level === 1);

  const labels = assignNoteLabels(notes);
  const fileNotes: FileNote[] = notes.map((n) => ({ label: labels.get(n.id)!, text: n.text }));
  const markdown = renderMarkdownFile(
    fileBlocks,
    fileNotes,
    (id) => labels.get(id) ?? String(id),
  );

  const stripRefs = (s: string) => s.replace(/\uE000\d+\uE001/g, '').trim();
  const plainTitle = stripRefs(titleText ?? 'Untitled').replace(/\u00a0/g, ' ');
  const fileName = `01-${slugify(stripRefs(fileHeading?.text ?? plainTitle))}.md`;
  const files: ImportedFile[] = [{ name: fileName, markdown }];
  // a chapter of a longer work: the chapter's heading is the book's subtitle
  const subtitleText = subtitle ? typed.find((b) => b.role === 'subtitle')?.text : chapter ? typed.find((b) => b.line === chapter.line && b.role === 'heading')?.text : undefined;
  const meta = buildMeta(front, plainTitle, subtitleText ? stripRefs(subtitleText).replace(/\u00a0/g, ' ') : undefined, ctx, options);
  return { profile: options.profile, meta, files, review: [] };
}

/** How a heading is numbered: `I.`/`II.` (roman), `1.`/`2.`, `Chapter …`, `Part …`; undefined: not numbered. */
function numbering(text: string): string | undefined {
  const t = text.trim();
  const word = /^(Chapter|Part|Section|Book)\s+\S/i.exec(t);
  if (word) return word[1]!.toLowerCase();
  if (/^[IVXLC]{1,7}\.(?:\s|$)/.test(t)) return 'roman';
  if (/^\d{1,2}\.(?:\s|$)/.test(t)) return 'arabic';
  return undefined;
}

/** Two headings numbered the same way (siblings): `I. THE SHORE` and `II. THE LIGHT`. */
function sameNumbering(a: string, b: string): boolean {
  const k = numbering(a);
  return k !== undefined && k === numbering(b);
}

/**
 * Labels as printed when each is used once ([^1], [^2]); numbered n1, n2… when labels repeat (notes numbered per
 * page or per chapter), so that each is unique in the file; starred and sign notes s1, s2….
 */
function assignNoteLabels(notes: { id: number; label: string }[]): Map<number, string> {
  const seen = new Set<string>();
  let repeats = false;
  for (const n of notes) {
    if (seen.has(n.label)) repeats = true;
    seen.add(n.label);
  }
  const labels = new Map<number, string>();
  let numbered = 0;
  let signs = 0;
  for (const n of notes) {
    if (!/^\d+$/.test(n.label)) labels.set(n.id, `s${++signs}`);
    else labels.set(n.id, repeats ? `n${++numbered}` : n.label);
  }
  return labels;
}
