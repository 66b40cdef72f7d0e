/**
 * The profiles' stages by id, read from the registry (src/import/profiles/registry.ts), where each profile
 * describes itself in its own folder (`profiles/<id>/profile.ts`).
 */
import { registry, PROFILE_IDS, type RepairStage, type StructureStage } from './profiles/registry.js';
import type { ImportProfile, RawBlock, RepairedText } from './types.js';

export type { RepairStage, StructureStage } from './profiles/registry.js';

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

export const profiles: Record<ImportProfile, ProfileStages> = Object.fromEntries(
  PROFILE_IDS.map((id) => [id, { repair: registry[id].repair, structure: registry[id].structure }]),
) as Record<ImportProfile, ProfileStages>;

/** The repair stages alone (for tests and tools). */
export const repairStages: Record<ImportProfile, RepairStage> = Object.fromEntries(
  PROFILE_IDS.map((id) => [id, (text: string, ctx: Parameters<RepairStage>[1]) => registry[id].repair(text, ctx)]),
) as Record<ImportProfile, RepairStage>;
