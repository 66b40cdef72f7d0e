/**
 * The pdf profile: text extracted from a typeset PDF of one work (pdftotext and the like). Page furniture,
 * hyphen breaks and notes at page bottoms are repaired by src/import/repair/; the work is split into files at its
 * chapter headings ("Introduction", "Chapter I." + title), the notes are linked to their references, and the
 * book's title is the running head the pages repeat.
 */
import { linkNotes, type NoteLinkBlock } from '../../structure/link-notes.js';
import { slugify } from '../../structure/build-structure.js';
import { normalizeHeadingCase } from '../../structure/heading-case.js';
import { applyRepairRules, buildVocabulary, defaultRepairOptions, joinParagraphs, readLines, repairRules } from '../../repair/index.js';
import { numberPages } from '../../repair/number-pages.js';
import { numberPageTurns } from '../scan/resolve-page-numbers.js';
import type { BookYamlData, ImportContext, ImportedBook, RawBlock, RawNote, RepairedText } from '../../types.js';
import { fileName, renderBookFiles, type BookFilePlan, type Piece, type PlacedNote } from '../assemble-book.js';
import { findBookHead } from '../find-running-heads.js';

/** What a profile's structure stage is given besides the repaired text (as in src/import/profiles.ts). */
export interface BookOptions {
  language?: string;
  identifier?: string;
  /** the text after the text rules, for what only the whole shows (running heads) */
  raw: string;
}

/**
 * A note label glued to the next word instead of the one before (`Anarchists 5in place`), where a note with
 * that label exists: moved back onto the word before.
 */
export function attachStrayReferences(blocks: RawBlock[], notes: RawNote[], ctx: ImportContext): RawBlock[] {
  const labels = new Set(notes.filter((n) => /^\d+$/.test(n.label)).map((n) => n.label));
  return blocks.map((b) => {
    const text = b.text.replace(/(\p{L}) (\d{1,3})(\p{Ll}{2,})/gu, (m, before: string, label: string, after: string) => {
      if (!labels.has(label)) return m;
      ctx.review({ rule: 'attach-stray-references', kind: 'fixed', line: b.line, message: `reference "${label}" glued to "${after}" moved onto the word before` });
      return `${before}${label} ${after}`;
    });
    return text === b.text ? b : { ...b, text };
  });
}

/** The pdf profile's page-level repair. */
export function repairPdfText(text: string, ctx: ImportContext): RepairedText {
  // the turns are numbered after the chapters are found, from all the book's evidence (numberPageTurns)
  const rules = repairRules.filter((r) => r !== numberPages);
  const items = applyRepairRules(readLines(text), ctx, buildVocabulary(text.split('\n')), { ...defaultRepairOptions, leadingSpaceIsPageTurn: true, numberedPageNotes: true, watermarks: [] }, rules);
  const repaired = joinParagraphs(items, ctx, { keepUnnumberedTurns: true });
  return { blocks: attachStrayReferences(repaired.blocks, repaired.notes, ctx), notes: repaired.notes };
}

const CHAPTER_LABEL = /^(?:Chapter|Part|Lecture|Book)\s+(?:[IVXLC]+|\d{1,2})\.?$/i;
const OPENING_HEADING = /^(?:Introduction|Preface|Foreword|Conclusion|Afterword)\.?$/i;
const BYLINE = /^(?:\p{Lu}\.\s?){1,3}\p{Lu}[\p{L}-]+$/u;

/** "J.V. Stalin" → "J. V. Stalin" */
export function spaceInitials(name: string): string {
  return name.replace(/(\p{Lu}\.)(?=\p{Lu})/gu, '$1 ').replace(/\s+/g, ' ').trim();
}

function plainText(text: string): string {
  return text.replace(/\{\{page [^}]*\}\}\s*/g, '').trim();
}

/** Splits the paragraphs into chapter files at the chapter headings. */
function planChapters(blocks: RawBlock[], ctx: ImportContext): { plans: BookFilePlan[]; author?: string } {
  const chapters: { title: string; pieces: Piece[] }[] = [];
  let author: string | undefined;
  let current: { title: string; pieces: Piece[] } | undefined;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const text = plainText(b.text);
    const pages = b.text.match(/\{\{page [^}]*\}\}/g) ?? [];
    if (CHAPTER_LABEL.test(text) || (OPENING_HEADING.test(text) && (!current || current.pieces.length > 3))) {
      let title = text.replace(/\.$/, '');
      const next = blocks[i + 1];
      if (CHAPTER_LABEL.test(text) && next && plainText(next.text).length < 80 && !/[.:;,]$/.test(plainText(next.text))) {
        title = `${title}. ${plainText(next.text)}`;
        i++;
      }
      // a page turn before the heading's first line: its marker stays in front of the heading
      const ahead = /^(?:\{\{page [^}]*\}\}\s*)+/.exec(b.text.trim())?.[0].match(/\{\{page [^}]*\}\}/g) ?? [];
      current = { title, pieces: [{ role: 'heading', level: 1, text: `${ahead.join('')}${[normalizeHeadingCase(title), ...pages.slice(ahead.length)].join(' ')}`, line: b.line }] };
      chapters.push(current);
      ctx.review({ rule: 'chapters', kind: 'fixed', line: b.line, message: `chapter "${title}"` });
      continue;
    }
    if (!current) {
      current = { title: text, pieces: [{ role: 'heading', level: 1, text: normalizeHeadingCase(text), line: b.line }] };
      chapters.push(current);
      continue;
    }
    if (!author && current.pieces.length <= 3 && BYLINE.test(text)) {
      author = spaceInitials(text);
      ctx.review({ rule: 'chapters', kind: 'fixed', line: b.line, message: `byline "${text}" taken as the author` });
      continue;
    }
    if (current.pieces.length <= 2 && /^Dedicated\b/i.test(text)) {
      current.pieces.push({ role: 'epigraph', text: b.text, line: b.line });
      continue;
    }
    current.pieces.push({ role: 'paragraph', text: b.text, line: b.line });
  }
  const plans = chapters.map((c, i) => ({ name: fileName(i + 1, c.title, slugify), pieces: c.pieces }));
  return { plans, author };
}

/** Links the notes over the whole book: references become REF marks, unlinked notes stay as paragraphs. */
export function linkBookNotes(plans: BookFilePlan[], notes: RawNote[], ctx: ImportContext): { plans: BookFilePlan[]; notes: PlacedNote[] } {
  const flat: NoteLinkBlock[] = plans.flatMap((p) => p.pieces.map((x) => ({ text: x.text, line: x.line, heading: x.role === 'heading' })));
  const linked = linkNotes(flat, notes, ctx);
  let k = 0;
  const out = plans.map((p) => ({ ...p, pieces: p.pieces.map((x) => ({ ...x, text: linked.blocks[k++]!.text })) }));
  for (const n of linked.unlinked) {
    const plan = out.find((p) => p.pieces.some((x) => x.line > n.line)) ?? out[out.length - 1]!;
    const at = plan.pieces.findIndex((x) => x.line > n.line);
    plan.pieces.splice(at < 0 ? plan.pieces.length : at, 0, { role: 'paragraph', text: `[${n.label}] ${n.text}`, line: n.line });
  }
  return { plans: out, notes: linked.linked.map((n) => ({ ...notes[n.id]!, id: n.id })) };
}

/** The pdf profile's structure stage: chapter files, notes linked, book.yaml from the running head and byline. */
export function structurePdfBook(repaired: RepairedText, ctx: ImportContext, options: BookOptions): ImportedBook {
  const text = options.raw;
  const { plans, author } = planChapters(repaired.blocks, ctx);
  const { plans: notedPlans, notes } = linkBookNotes(plans, repaired.notes, ctx);
  // page turns numbered from the printed numbers, the chapter starts and the length of the pages
  const flat = notedPlans.flatMap((p) => p.pieces);
  const printed = flat.flatMap((x) => [...x.text.matchAll(/\{\{page (\d+)\}\}/g)].map((m) => Number(m[1])));
  const { texts } = numberPageTurns(
    flat.map((x) => x.text),
    () => undefined,
    ctx,
    { starts: flat.map((x) => (x.role === 'heading' ? (x.level ?? 1) : 0)), lines: flat.map((x) => x.line), through: Math.max(0, ...printed) },
  );
  let k = 0;
  const linkedPlans = notedPlans.map((p) => ({ ...p, pieces: p.pieces.map((x) => ({ ...x, text: texts[k++]! })) }));
  const files = renderBookFiles(linkedPlans, notes, ctx);
  const head = findBookHead(text);
  const title = head ? normalizeHeadingCase(head) : plans[0]?.pieces[0]?.text ?? 'Untitled';
  if (!head) ctx.review({ rule: 'chapters', kind: 'doubt', message: 'no running head repeats: the title is the first heading' });
  const name = author ?? 'Unknown';
  if (!author) ctx.review({ rule: 'chapters', kind: 'doubt', message: 'no byline found: the author is "Unknown"' });
  const meta: BookYamlData = {
    ...(options.identifier ? { identifier: options.identifier } : {}),
    title,
    language: options.language ?? 'en',
    creators: [{ name, 'file-as': name.includes(' ') ? `${name.split(' ').pop()}, ${name.split(' ').slice(0, -1).join(' ')}` : name, role: 'author' }],
    description: `${title}, by ${name}, in ${plans.length} chapters: ${plans.map((p) => plainText(p.pieces[0]?.text ?? '')).join('; ')}.`,
    rights: 'This edition is in the public domain: the text and its notes may be copied, changed and published by anyone.',
    sources: [{ title: `${title} (text extracted from a typeset PDF edition)` }],
  };
  return { profile: 'pdf', meta, files, review: [] };
}

/** Both stages: raw PDF text → book. */
export function importPdfBook(text: string, ctx: ImportContext, options: Omit<BookOptions, 'raw'> = {}): ImportedBook {
  return structurePdfBook(repairPdfText(text, ctx), ctx, { ...options, raw: text });
}
