/**
 * The structure stage shared by every profile: RepairedText (paragraphs, notes) → ImportedBook (book.yaml data,
 * Markdown files, review items). Finds the front matter and credits, headings, dateline, letter, signature and
 * source line; links notes; applies typography; renders Markdown.
 */
import { applyTypography, typographyRules } from '../clean/index.js';
import type { BookYamlData, ImportContext, ImportedBook, ImportedFile, ImportProfile, RawBlock, RawNote, RepairedText } from '../types.js';
import { isBodyHeading, isNumberedHeading, isSalutation, isSectionBreak, isSignature, isSourceLine } from './classify-block.js';
import { normalizeHeadingCase } from './heading-case.js';
import { linkNotes, type NoteLinkBlock } from './link-notes.js';
import { creditsToSource } from './parse-credits.js';
import { parseDateText } from './parse-date.js';
import { readFrontMatter } from './read-front-matter.js';
import { renderMarkdownFile, type FileBlock, type FileNote } from './render-markdown.js';

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

/** "J. V. Stalin" → "Stalin, J. V." */
function fileAs(name: string): string {
  const words = name.split(/\s+/);
  return words.length < 2 ? name : `${words[words.length - 1]}, ${words.slice(0, -1).join(' ')}`;
}

const metaRules = typographyRules.filter((r) => r.id !== 'non-breaking-spaces');

interface Placed extends NoteLinkBlock {
  role: FileBlock['role'];
  level?: number;
  letter?: boolean;
  /** the book's title when the file opens with a chapter heading: linked and typeset, not written to the file */
  omit?: boolean;
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ');

/** "Published: Printed on April 12, 1912 … Signed: N. Lenin." → "N. Lenin" */
export function readSignedBy(text: string | undefined): string | undefined {
  return text ? /\bSigned:?\s+((?:\p{Lu}\.\s?){0,3}\p{Lu}[\p{L}-]+(?: \p{Lu}[\p{L}-]+)?)/u.exec(text)?.[1] : undefined;
}

/** The body's blocks with their roles: headings, letter, signature, source line at the end. */
function placeBody(blocks: RawBlock[], ctx: ImportContext, signedBy?: string): Placed[] {
  const body: Placed[] = blocks.map((b) => ({ ...b, text: b.text.trim(), role: 'paragraph' }));
  // a heading at the very end with nothing under it: the next chapter's title on the archive page
  while (body.length > 0 && isBodyHeading(norm(body[body.length - 1].text))) {
    const dropped = body.pop()!;
    ctx.review({ rule: 'structure', kind: 'doubt', line: dropped.line, message: `heading "${dropped.text}" at the end with no text under it (the next part's title?) removed` });
  }
  let end = body.length;
  const last = body[end - 1];
  if (last && isSourceLine(norm(last.text))) {
    last.role = 'source';
    end--;
    ctx.review({ rule: 'structure', kind: 'fixed', line: last.line, message: `source line "${last.text}"` });
  }
  const sig = body[end - 1];
  if (sig && end > 1 && isSignature(norm(sig.text))) {
    sig.role = 'signature';
    ctx.review({ rule: 'structure', kind: 'doubt', line: sig.line, message: `"${sig.text}" taken as the signature` });
  } else if (signedBy && sig) {
    // "Published: … Signed: N. Lenin." — the signature the web page left out
    body.splice(end, 0, { text: signedBy, line: sig.line, role: 'signature' });
    ctx.review({ rule: 'structure', kind: 'doubt', line: sig.line, message: `signature "${signedBy}" added after the last paragraph, from "Signed: ${signedBy}" in the credits header` });
  }
  let inLetter = false;
  for (const b of body) {
    if (b.role === 'paragraph' && isSalutation(norm(b.text))) {
      inLetter = true;
      ctx.review({ rule: 'structure', kind: 'fixed', line: b.line, message: `letter from the salutation "${b.text}" on` });
    }
    if (b.role === 'paragraph' && isSectionBreak(b.text)) {
      b.role = 'break';
      ctx.review({ rule: 'structure', kind: 'fixed', line: b.line, message: `section break "${b.text}"` });
    }
    if (b.role === 'paragraph' && isBodyHeading(norm(b.text))) {
      b.role = 'heading';
      b.level = 2;
      b.heading = true;
      inLetter = false;
      ctx.review({ rule: 'structure', kind: 'fixed', line: b.line, message: `heading "${b.text}"` });
    }
    if (inLetter && b.role !== 'source') b.letter = true;
  }
  return mergeNumberedHeadings(body, ctx);
}

/** "I" + "THE HISTORICAL ROOTS OF LENINISM" → "I. THE HISTORICAL ROOTS OF LENINISM" (a numeral above its heading). */
function mergeNumberedHeadings(body: Placed[], ctx: ImportContext): Placed[] {
  const out: Placed[] = [];
  for (const b of body) {
    const prev = out[out.length - 1];
    const numeral = prev && prev.role === 'heading' && /^(?:[IVXLC]{1,7}|\d{1,2})\.?$/.exec(norm(prev.text));
    if (numeral && b.role === 'heading' && !isNumberedHeading(norm(b.text))) {
      out[out.length - 1] = { ...prev, text: `${norm(prev.text).replace(/\.$/, '')}. ${b.text}` };
      ctx.review({ rule: 'structure', kind: 'fixed', line: b.line, message: `numeral "${norm(prev.text)}" and heading "${b.text}" made one heading` });
      continue;
    }
    out.push(b);
  }
  return out;
}

/** Notes without a reference stay visible: as a paragraph "[label] text" where they stood. */
function placeUnlinked(body: Placed[], unlinked: RawNote[]): Placed[] {
  const out = [...body];
  for (const n of unlinked) {
    const at = out.findIndex((b) => b.line > n.line && b.role !== 'heading');
    const block: Placed = { text: `[${n.label}] ${n.text}`, line: n.line, role: 'paragraph' };
    if (at < 0) out.push(block);
    else out.splice(at, 0, block);
  }
  return out;
}

export function buildStructure(repaired: RepairedText, ctx: ImportContext, options: StructureOptions): ImportedBook {
  const front = readFrontMatter(repaired.blocks, ctx);
  const titleBlock: Placed | undefined = front.title && { ...front.title, role: 'heading', level: 1, heading: true };
  if (!titleBlock) ctx.review({ rule: 'front-matter', kind: 'doubt', message: 'no title found: book.yaml title is a placeholder' });
  const chapter: Placed | undefined = front.chapter && { ...front.chapter, role: 'heading', level: 1, heading: true };
  const subtitle: Placed | undefined = front.subtitle && { ...front.subtitle, role: 'subtitle', heading: true };
  const headings: Placed[] = front.headings.map((h) => ({ ...h, role: 'heading', level: 2, heading: true }));
  const dateline: Placed | undefined = front.dateline && { ...front.dateline, role: 'dateline' };
  const signedBy = readSignedBy(front.credits.published?.value) ?? readSignedBy(front.credits.written?.value);
  const body = placeBody(repaired.blocks.slice(front.bodyStart), ctx, signedBy);

  // the file starts with the chapter heading when there is one (the title is the book's), else the title
  const opening: Placed[] = [
    ...(chapter ? [chapter] : titleBlock ? [titleBlock] : []),
    ...(subtitle ? [subtitle] : []),
    ...(dateline ? [dateline] : []),
    ...headings,
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

function buildMeta(
  front: ReturnType<typeof readFrontMatter>,
  title: string,
  subtitle: string | undefined,
  ctx: ImportContext,
  options: StructureOptions,
): BookYamlData {
  const typeset = (s: string) => applyTypography(s, { ...ctx, review: () => {} }, undefined, metaRules);
  const creators: BookYamlData['creators'] = [];
  const author = front.author?.text.replace(/\s+/g, ' ');
  if (author) creators.push({ name: author, 'file-as': fileAs(author), role: 'author' });
  else {
    creators.push({ name: 'Unknown', role: 'author' });
    ctx.review({ rule: 'front-matter', kind: 'doubt', message: 'no author line found: book.yaml names the author "Unknown"' });
  }
  const translated = front.credits.translated?.value;
  if (translated && /^[\p{Lu}][\p{L}. -]{2,60}$/u.test(translated)) creators.push({ name: translated, 'file-as': fileAs(translated), role: 'translator' });

  const dateText = front.dateline?.text ?? front.credits.written?.value;
  const date = dateText ? parseDateText(dateText) : undefined;
  const source = creditsToSource(front.credits, ctx);
  if (!source) ctx.review({ rule: 'credits-header', kind: 'doubt', message: 'no credits header: book.yaml has no source' });
  const sources = source ? [Object.fromEntries(Object.entries(source).map(([k, v]) => [k, typeof v === 'string' ? typeset(v) : v]))] : [];

  const by = author ? `, by ${author}` : '';
  const when = front.dateline?.text ?? front.credits.written?.value.replace(/^(?:Written|Dated):?\s*/i, '').replace(/^on\s+/, '');
  const description = `${title}${subtitle ? `: ${subtitle}` : ''}${by}${when ? ` (${typeset(when)})` : ''}.`;
  const meta: BookYamlData = {
    ...(options.identifier ? { identifier: options.identifier } : {}),
    title: typeset(title),
    ...(subtitle ? { subtitle } : {}),
    language: options.language ?? 'en',
    creators,
    ...(date ? { date } : {}),
    description,
    rights: 'This edition is in the public domain: the text and its notes may be copied, changed and published by anyone.',
    sources,
  };
  return meta;
}
