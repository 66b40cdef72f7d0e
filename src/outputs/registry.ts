/**
 * The build's outputs, in the order they are built: an output comes after the outputs it needs.
 *
 *   epub       dist/<book>.epub
 *   pdf        dist/<book>.pdf             the reading PDF
 *   interior   dist/<book>-interior.pdf    press: PDF/X, pure black
 *   cover      dist/<book>-cover.pdf       press: needs interior (its page count sets the spine)
 */
import { coverOutput } from './cover.js';
import { epubOutput } from './epub.js';
import { interiorOutput } from './interior.js';
import { pdfOutput } from './pdf.js';
import type { OutputDef, OutputId } from './types.js';

export const OUTPUTS: OutputDef[] = [epubOutput, pdfOutput, interiorOutput, coverOutput];

export function outputById(id: OutputId): OutputDef {
  const def = OUTPUTS.find((o) => o.id === id);
  if (!def) throw new Error(`no output ${id}`);
  return def;
}

/** The outputs asked for, with the outputs they need, in build order. */
export function withNeeds(ids: OutputId[]): OutputDef[] {
  const wanted = new Set<OutputId>();
  const add = (id: OutputId) => {
    if (wanted.has(id)) return;
    wanted.add(id);
    outputById(id).needs.forEach(add);
  };
  ids.forEach(add);
  return OUTPUTS.filter((o) => wanted.has(o.id));
}
