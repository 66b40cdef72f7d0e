/**
 * The scan profile: the OCR text of a printed volume of many works (a volume of collected works): the works with
 * their page furniture, notes starred at page bottoms, the editors' numbered NOTES, and a closing chronicle.
 * Each part is repaired by src/import/repair/ (the NOTES and the chronicle with the rules that fit them); the
 * structure stage makes one file per work, links the starred notes (`[^t1]`, `[^a1]`) and the volume's notes
 * (`[^n12]`, checked against the page each note names), and renders the chronicle as a definition list.
 */
import { slugify } from '../../structure/build-structure.js';
import { isCapitals } from '../../repair/join-paragraphs.js';
import { applyRepairRules, defaultRepairOptions, joinParagraphs, readLines, buildVocabulary, repairRules } from '../../repair/index.js';
import { numberPages } from '../../repair/number-pages.js';
import { collapseLetterSpacing } from '../../repair/collapse-letter-spacing.js';
import { joinHyphenBreaks } from '../../repair/join-hyphen-breaks.js';
import { joinLostHyphens } from '../../repair/join-lost-hyphens.js';
import { joinSplitWords } from '../../repair/join-split-words.js';
import { removeOrnamentLines } from '../../repair/remove-ornament-lines.js';
import { removeWatermarks } from '../../repair/remove-watermarks.js';
import type { RepairOptions } from '../../repair/types.js';
import type { BookYamlData, ImportContext, ImportedBook, RawBlock, RepairedText } from '../../types.js';
import { fileName, renderBookFiles, type BookFilePlan, type PlacedNote } from '../assemble-book.js';
import { countRunningHeads } from '../find-running-heads.js';
import { linkVolumeNotes } from './link-volume-notes.js';
import { parseChronicle } from './parse-chronicle.js';
import { parseVolumeNotes } from './parse-volume-notes.js';
import { linkBookNotes, type BookOptions } from '../pdf/pdf.js';
import { planVolumeWorks, plainText } from './plan-volume-works.js';
import { numberPageTurns, reportUnplacedPages } from './resolve-page-numbers.js';
import { findVolumeRegions } from './scan-regions.js';

/** Stamped over the pages of the digitised volumes this profile was made for (the "From Marx to Mao" scans). */
export const SCAN_WATERMARKS = ['FROM MARX TO MAO', 'NOT FOR COMMERCIAL DISTRIBUTION'];

const scanOptions: RepairOptions = { ...defaultRepairOptions, watermarks: SCAN_WATERMARKS, numberedPageNotes: false };

/** The chronicle's name: the running head of its pages, else "Chronicle". */
function chronicleName(lines: string[], start: number): string {
  const heads = [...countRunningHeads(lines.slice(start).join('\n'))].filter(([h]) => isCapitals(h)).sort((a, b) => b[1] - a[1]);
  return heads[0]?.[0] ?? 'CHRONICLE';
}

/** The scan profile's page-level repair: works and chronicle as paragraphs, notes from page bottoms and NOTES. */
export function repairScanText(text: string, ctx: ImportContext): RepairedText {
  const lines = text.split('\n');
  const { notesStart, chronicleStart } = findVolumeRegions(lines);
  const items = readLines(text);
  const vocabulary = buildVocabulary(lines);
  // the body's turns are numbered after the notes are linked, from all the volume's evidence (resolvePageNumbers)
  const bodyRules = repairRules.filter((r) => r !== numberPages);
  const body = joinParagraphs(applyRepairRules(items.slice(0, notesStart), ctx, vocabulary, scanOptions, bodyRules), ctx, { keepUnnumberedTurns: true });
  const trimmed = items.slice(notesStart, chronicleStart).map((it) => (it.kind === 'text' ? { ...it, text: it.text.trim() } : it));
  const noteItems = applyRepairRules(trimmed, ctx, vocabulary, scanOptions, [
    removeOrnamentLines,
    removeWatermarks,
    collapseLetterSpacing,
    joinSplitWords,
    joinHyphenBreaks,
    joinLostHyphens,
  ]);
  const endnotes = parseVolumeNotes(noteItems, ctx);
  const blocks: RawBlock[] = [...body.blocks];
  let trailingTurns: RepairedText['trailingTurns'];
  if (chronicleStart < lines.length) {
    const chronicleItems = applyRepairRules(items.slice(chronicleStart), ctx, vocabulary, scanOptions);
    const chronicle = joinParagraphs(chronicleItems, ctx);
    // the chronicle's turns after its last printed number are not numbered: counted for the report
    const printedAt = chronicleItems.findLastIndex((it) => it.kind === 'page' && it.number !== undefined && /^\d+$/.test(it.number));
    if (printedAt >= 0) {
      const after = Number((chronicleItems[printedAt] as { number: string }).number);
      const turns = chronicleItems.slice(printedAt + 1).filter((it) => it.kind === 'page' && it.number === undefined).length;
      trailingTurns = { after, turns };
    }
    blocks.push({ text: chronicleName(lines, chronicleStart), line: chronicleStart + 1 }, ...chronicle.blocks);
  }
  return { blocks, notes: [...body.notes, ...endnotes], ...(trailingTurns ? { trailingTurns } : {}) };
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth'];

/** "The sixth volume of J. V. Stalin’s Works contains writings and speeches of the year 1924." */
export function readVolumeStatement(text: string): { volume?: number; author?: string; year?: string } {
  const m = /\bThe (\w+) volume of ([\p{Lu}][\p{L}. ]+?)’s ([\p{Lu}][\p{L}]+)\b[^.]*?\b(?:year )?(1[89]\d\d)?\b/u.exec(text);
  if (!m) return {};
  const n = ORDINALS.indexOf(m[1]!.toLowerCase());
  const year = /\b(?:of the year|in) (1[89]\d\d)\b/.exec(text)?.[1];
  return { ...(n >= 0 ? { volume: n + 1 } : {}), author: m[2]!.trim(), ...(year ? { year } : {}) };
}

/** The scan profile's structure stage: one file per work and one for the chronicle; every note linked. */
export function structureScanVolume(repaired: RepairedText, ctx: ImportContext, options: BookOptions): ImportedBook {
  const lines = options.raw.split('\n');
  const { notesStart, chronicleStart } = findVolumeRegions(lines);
  const bodyBlocks = repaired.blocks.filter((b) => b.line <= notesStart);
  const chronicleHead = repaired.blocks.find((b) => b.line === chronicleStart + 1);
  const chronicleBlocks = repaired.blocks.filter((b) => b.line > chronicleStart + 1 || (b.line === chronicleStart + 1 && b !== chronicleHead));
  const works = planVolumeWorks(bodyBlocks, ctx);
  const plans: BookFilePlan[] = works.map((w, i) => ({ name: fileName(i + 1, w.title, slugify), pieces: w.pieces }));

  // starred notes at page bottoms, then the volume's numbered notes
  const starred = repaired.notes.filter((n) => n.origin === 'page-bottom');
  const endnotes = repaired.notes.filter((n) => n.origin === 'endnotes');
  const withStars = linkBookNotes(plans, starred, ctx);
  const flat = withStars.plans.flatMap((p) => p.pieces);
  const { texts: linkedTexts, linked } = linkVolumeNotes(flat, endnotes, ctx, starred.length);
  // page turns numbered from the printed numbers, the pages the notes name, the starts of works and parts (a
  // heading of level 1 or 2) and the length of the pages; every page up to the last printed one is accounted for
  // the pages printed outside the works (the chronicle's), and the last page the volume's turns reach
  const printedElsewhere = chronicleBlocks.flatMap((b) => [...b.text.matchAll(/\{\{page (\d+)\}\}/g)].map((m) => Number(m[1])));
  const lastPage = Math.max(0, ...printedElsewhere, repaired.trailingTurns ? repaired.trailingTurns.after + repaired.trailingTurns.turns : 0);
  const { texts, placed } = numberPageTurns(
    linkedTexts,
    (id) => (id >= starred.length && endnotes[id - starred.length]?.page ? Number(endnotes[id - starred.length]!.page) : undefined),
    ctx,
    { starts: flat.map((p) => (p.role === 'heading' && (p.level ?? 1) <= 2 ? (p.level ?? 1) : 0)), lines: flat.map((p) => p.line) },
  );
  const chronicleLine = (page: number) => chronicleBlocks.find((b) => b.text.includes(`{{page ${page}}}`))?.line;
  reportUnplacedPages(ctx, [...placed, ...printedElsewhere.map((page) => ({ page, line: chronicleLine(page) }))], lastPage);
  let k = 0;
  const linkedPlans = withStars.plans.map((p) => ({ ...p, pieces: p.pieces.map((x) => ({ ...x, text: texts[k++]! })) }));
  const notes: PlacedNote[] = [...withStars.notes, ...linked.map((i) => ({ ...endnotes[i]!, id: starred.length + i }))];
  const unlinked = endnotes.filter((_, i) => !linked.includes(i));
  if (unlinked.length) {
    ctx.review({ rule: 'link-volume-notes', kind: 'doubt', message: `${unlinked.length} of ${endnotes.length} volume notes found no reference: ${unlinked.map((n) => n.label).join(', ')}; kept at the end of the last work` });
    // nothing is dropped: the notes stay readable where a person can link them by hand
    const last = linkedPlans[linkedPlans.length - 1];
    last?.pieces.push(
      { role: 'heading', level: 2, text: 'Notes Without a Reference', line: unlinked[0]!.line },
      ...unlinked.map((n) => ({ role: 'paragraph' as const, text: `[${n.label}] ${n.text}${n.page ? ` (p. ${n.page})` : ''}`, line: n.line })),
    );
  }

  if (chronicleBlocks.length) {
    const title = plainText(chronicleHead?.text ?? 'Chronicle');
    const pieces = [{ role: 'heading' as const, level: 1, text: title.charAt(0) + title.slice(1).toLowerCase(), line: chronicleStart + 1 }, ...parseChronicle(chronicleBlocks)];
    linkedPlans.push({ name: fileName(linkedPlans.length + 1, title, slugify), pieces });
  }
  const files = renderBookFiles(linkedPlans, notes, ctx);

  const statement = readVolumeStatement(bodyBlocks.slice(0, 5).map((b) => plainText(b.text)).join(' '));
  const author = statement.author ?? 'Unknown';
  if (!statement.author) ctx.review({ rule: 'volume-works', kind: 'doubt', message: 'no "The nth volume of X’s Works" statement: author unknown' });
  const title = statement.volume ? `Works, Vol. ${statement.volume}` : 'Works';
  const parts = author.split(' ');
  const meta: BookYamlData = {
    ...(options.identifier ? { identifier: options.identifier } : {}),
    title,
    language: options.language ?? 'en',
    creators: [{ name: author, 'file-as': parts.length > 1 ? `${parts[parts.length - 1]}, ${parts.slice(0, -1).join(' ')}` : author, role: 'author' }],
    ...(statement.year ? { date: statement.year } : {}),
    description: `${title} of ${author}${statement.year ? `: the writings and speeches of ${statement.year}` : ''}, ${works.length} works with the editors’ notes${chronicleBlocks.length ? ' and a biographical chronicle' : ''}.`,
    rights: 'This edition is in the public domain: the text and its notes may be copied, changed and published by anyone.',
    sources: [{ title: `${author}, ${title}` }],
  };
  return { profile: 'scan', meta, files, review: [] };
}

/** Both stages: raw scanned text → book. */
export function importScanVolume(text: string, ctx: ImportContext, options: Omit<BookOptions, 'raw'> = {}): ImportedBook {
  return structureScanVolume(repairScanText(text, ctx), ctx, { ...options, raw: text });
}
