/**
 * A profile = its page-level repair stage (raw text → RepairedText) + a structure stage: the shared one
 * (src/import/structure/build-structure.ts), unless the profile brings its own (a volume of many works, a book
 * split into chapter files). The web profile's repair is src/import/web/repair-web.ts. The pdf and scan profiles'
 * repairs live in src/import/repair/ (page furniture, hyphen joins, notes at page bottoms); until one is plugged
 * in here, that profile reads blank-line-separated paragraphs (`repairByBlankLines`).
 */
import { buildStructure, type StructureOptions } from './structure/build-structure.js';
import type { ImportContext, ImportedBook, ImportProfile, RawBlock, RepairedText } from './types.js';
import { repairWebText } from './web/repair-web.js';
import { repairPdfText, structurePdfBook } from './profiles/pdf.js';
import { repairScanText, structureScanVolume } from './profiles/scan.js';

export type RepairStage = (text: string, ctx: ImportContext) => RepairedText;
/** `raw` is the text after the text rules, for profiles that look at the whole (running heads, a volume's contents) */
export type StructureStage = (repaired: RepairedText, ctx: ImportContext, options: StructureOptions & { raw: string }) => ImportedBook;

export interface ProfileStages {
  repair: RepairStage;
  structure: StructureStage;
}

/** Paragraphs separated by blank lines, their lines joined with spaces: the least any text can be read as. */
export function repairByBlankLines(text: string): RepairedText {
  const blocks: RawBlock[] = [];
  let current: RawBlock | undefined;
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') {
      current = undefined;
      return;
    }
    if (current) current.text += ` ${line.trim()}`;
    else blocks.push((current = { text: line.trim(), line: i + 1 }));
  });
  return { blocks, notes: [] };
}

const sharedStructure: StructureStage = (repaired, ctx, options) => buildStructure(repaired, ctx, options);

export const profiles: Record<ImportProfile, ProfileStages> = {
  web: { repair: repairWebText, structure: sharedStructure },
  pdf: { repair: repairPdfText, structure: structurePdfBook },
  scan: { repair: repairScanText, structure: structureScanVolume },
};

/** The repair stages alone (for tests and tools). */
export const repairStages: Record<ImportProfile, RepairStage> = {
  web: (text, ctx) => profiles.web.repair(text, ctx),
  pdf: (text, ctx) => profiles.pdf.repair(text, ctx),
  scan: (text, ctx) => profiles.scan.repair(text, ctx),
};
