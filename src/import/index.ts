/**
 * The importer: raw text → ImportedBook (book.yaml data, Markdown files, review items). Pure: no files, no
 * printing; src/cli/import.ts reads the file, writes the book folder and the report.
 *
 * Entry points (for the command, tests and the pdf/scan repair stages in src/import/repair/):
 *
 *   importText(raw, { profile: 'auto' | 'web' | 'pdf' | 'scan', sourcePath }) → ImportedBook
 *       the whole pipeline: text rules → the profile's repair stage → buildStructure.
 *   detectProfile(raw) → { profile, reason }                         which kind of text this is
 *   applyTextRules(raw, ctx, profile?) → string                       BOM, CRLF, mojibake, control characters,
 *                                                                      navigation lines (web); keeps line numbers
 *   registry[id] = { id, description, detect, repair, structure }     (profiles/registry.ts; one folder a profile)
 *   profiles[profile] = { repair, structure }                         (profiles.ts) a profile's two stages:
 *       repair(text, ctx) → RepairedText                               page-level repair; src/import/repair/ plugs
 *                                                                      in here for pdf and scan
 *       structure(repaired, ctx, { profile, raw, … }) → ImportedBook   the shared buildStructure, or the profile's
 *                                                                      own (a volume of works, chapter files)
 *   buildStructure(repaired, ctx, { profile, language?, identifier? }) → ImportedBook
 *       the shared structure stage: front matter and credits → book.yaml; headings, dateline, letter,
 *       signature, source line; notes linked; typography; Markdown.
 *   linkNotes(blocks, notes, ctx) → { blocks (refs as U+E000 id U+E001), linked, unlinked }
 *   applyTypography(text, ctx, line?) → string                        quotes, dashes, ellipses, no-break spaces
 *   createImportContext(sourcePath) → ImportContext with `.items`     collects ReviewItems, and each as a Diagnostic
 *                                                                      in `.diagnostics` (codes: codes.ts)
 *   renderImportReport({...}) → string                                import-report.md
 *
 * A RepairedText's blocks are paragraphs on one line each, with the raw line where they start (and, when joined
 * from several lines, `segments`); its notes are note texts found apart from their references (RawNote).
 */
import { applyTextRules } from './clean/index.js';
import { createImportContext } from './context.js';
import { detectProfile } from './detect-profile.js';
import { countPageBreaks, importPagedText } from './paged/index.js';
import { insertPageBreaks } from './paged/find-page-breaks.js';

/** Lines that begin with a space mark page turns (one line in two hundred at least). */
function marksTurnsWithSpaces(raw: string): boolean {
  const lines = raw.split(/\r\n?|\n/).filter((l) => l.trim() !== '');
  return lines.filter((l) => /^ \S/.test(l)).length >= Math.max(2, lines.length / 200);
}
import { profiles } from './profiles.js';
import type { ImportedBook, ImportProfile } from './types.js';
import type { ImportDiagnostic } from './codes.js';
import { GalleyError } from '../diagnostics.js';
import { slugFromFile } from '../model/parse-chapter.js';
import { codePoints } from './clean/report-invisible-characters.js';
import { suggestTitles } from './structure/suggest-titles.js';

export { applyTextRules, applyTypography, allRules, textRules, typographyRules } from './clean/index.js';
export { createImportContext } from './context.js';
export { decodeUtf8 } from './decode-utf8.js';
export { detectProfile, measureText } from './detect-profile.js';
export { PROFILE_IDS, registry, type ProfileDefinition, type TextEvidence } from './profiles/registry.js';
export { profiles, repairByBlankLines, repairStages, type ProfileStages, type RepairStage, type StructureStage } from './profiles.js';
export { readHandCorrections, renderImportReport } from './render-report.js';
export { IMPORT_CODES, reviewToDiagnostic, type ImportCode, type ImportDiagnostic } from './codes.js';
export { buildStructure, slugify, type StructureOptions } from './structure/build-structure.js';
export { linkNotes } from './structure/link-notes.js';
export { normalizeHeadingCase } from './structure/heading-case.js';
export type * from './types.js';

export interface ImportOptions {
  profile: ImportProfile | 'auto';
  /** the raw file's path, for messages */
  sourcePath: string;
  language?: string;
  identifier?: string;
}

export interface ImportResult extends ImportedBook {
  /** why this profile (when detected) */
  profileReason?: string;
  /** the review items as the build's Diagnostics (file source.txt, codes in docs/diagnostics.md) */
  diagnostics: ImportDiagnostic[];
}

/** Nothing to import: no text but spaces and invisible characters. */
function assertNotEmpty(raw: string, sourcePath: string): void {
  if (raw.replace(/[\s\u00ad\u200b-\u200f\u2060\ufeff\u0000-\u001f\u007f-\u009f]/g, '') !== '') return;
  const what = raw.length === 0 ? 'is empty' : `holds only white space${/[^\s]/.test(raw) ? ` and invisible characters (${codePoints([...raw.replace(/\s/g, '')])})` : ''}`;
  throw new GalleyError('import-empty', `The file ${what}: there is no text to import`, { file: sourcePath, line: 1 });
}

/**
 * Two chapters whose titles give the same file name (slugFromFile drops the number prefix, and the build
 * refuses two chapters of one name): the later ones get -2, -3… with a warning at the title's line.
 */
function uniqueFileNames(book: ImportedBook, raw: string, ctx: ReturnType<typeof createImportContext>): ImportedBook {
  const seen = new Map<string, number>();
  const lines = raw.split('\n');
  let from = 0;
  const files = book.files.map((f) => {
    const slug = slugFromFile(f.name);
    const title = /^#\s+(.+)$/m.exec(f.markdown)?.[1]?.trim() ?? slug;
    // the raw line of this title: the next line after the previous chapter's that reads as the title
    // letters and digits only: typography (curly quotes, no-break spaces) and case changed since the raw line
    const norm = (t: string) => t.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const plain = norm(title);
    const at = lines.findIndex((l, i) => i >= from && norm(l) === plain);
    if (at >= 0) from = at + 1;
    const count = (seen.get(slug) ?? 0) + 1;
    seen.set(slug, count);
    if (count === 1) return f;
    let n = count;
    let name = f.name.replace(/\.md$/, `-${n}.md`);
    while (book.files.some((g) => slugFromFile(g.name) === slugFromFile(name))) name = f.name.replace(/\.md$/, `-${++n}.md`);
    seen.set(slugFromFile(name), 1);
    const message = `Chapter "${title}" has the title of an earlier chapter: written as ${name}`;
    ctx.review({ rule: 'import-title-duplicate', kind: 'doubt', line: at >= 0 ? at + 1 : undefined, message });
    return { ...f, name };
  });
  return { ...book, files };
}

export function importText(raw: string, options: ImportOptions): ImportResult {
  assertNotEmpty(raw, options.sourcePath);
  const ctx = createImportContext(options.sourcePath);
  const guess = options.profile === 'auto' ? detectProfile(raw) : undefined;
  const profile = guess?.profile ?? (options.profile as ImportProfile);
  const text = applyTextRules(raw, ctx, profile);
  // a text extracted page by page (form feeds between its pages): the pages are the evidence
  // a text extracted page by page (form feeds between its pages), or one whose page numbers show where its pages
  // turned (OCR of page images joined), is read page by page; a text whose lines that begin with a space mark
  // its page turns (the older extractions the pdf and scan profiles were made for) keeps those profiles
  if (profile !== 'web') {
    const paged = countPageBreaks(raw) >= 2 ? raw : marksTurnsWithSpaces(raw) ? undefined : insertPageBreaks(raw);
    if (paged !== undefined) {
      if (paged !== raw) ctx.review({ rule: 'page-breaks', kind: 'fixed', message: `no form feeds: ${countPageBreaks(paged)} page breaks placed at the page numbers` });
      const book = suggestTitles(uniqueFileNames(importPagedText(paged, text, ctx, { profile, language: options.language, identifier: options.identifier }), raw, ctx), raw, ctx);
      return { ...book, review: [...ctx.items], profileReason: guess?.reason, diagnostics: [...ctx.diagnostics.items] };
    }
  }
  const stages = profiles[profile];
  const repaired = stages.repair(text, ctx);
  const book = suggestTitles(uniqueFileNames(stages.structure(repaired, ctx, { profile, language: options.language, identifier: options.identifier, raw: text }), raw, ctx), raw, ctx);
  return { ...book, review: [...ctx.items], profileReason: guess?.reason, diagnostics: [...ctx.diagnostics.items] };
}
