/**
 * A profile = its page-level repair stage (raw text → RepairedText) + the shared structure stage.
 * The web profile's repair is src/import/web/repair-web.ts. The pdf and scan profiles' repairs live in
 * src/import/repair/ (page furniture, hyphen joins, notes at page bottoms); until one is plugged in here,
 * that profile reads blank-line-separated paragraphs (`repairByBlankLines`).
 */
import type { ImportContext, ImportProfile, RawBlock, RepairedText } from './types.js';
import { repairWebText } from './web/repair-web.js';

export type RepairStage = (text: string, ctx: ImportContext) => RepairedText;

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

export const repairStages: Record<ImportProfile, RepairStage> = {
  web: repairWebText,
  pdf: (text) => repairByBlankLines(text),
  scan: (text) => repairByBlankLines(text),
};
