/**
 * The web profile: a transcription from a web page, one paragraph a line, with the archive's navigation and
 * credits header (repair-web.ts and the files beside it repair it; the shared structure stage reads it).
 */
import { buildStructure } from '../../structure/build-structure.js';
import { repairWebText } from './repair-web.js';
import { pct } from '../percent.js';
import type { ProfileDefinition } from '../registry.js';

export const webProfile: ProfileDefinition<'web'> = {
  id: 'web',
  description: 'a web transcription: one paragraph a line',
  detect(e) {
    if (e.lines.length === 0) return { score: 3, reason: 'empty text' };
    if (e.long >= 0.2) return { score: 0.9, reason: `${pct(e.long)} of the lines are paragraphs (over 150 characters)` };
    // a line of a printed page mostly stops in the middle of a sentence; a web paragraph ends with its sentence
    if (e.open < 0.2) return { score: 0.8, reason: `only ${pct(e.open)} of the lines stop in the middle of a sentence: one paragraph a line` };
    // a paragraph of 300 characters and more on one line, in a text not paged by form feeds: no page's line
    // (printed or scanned) is that long; below the pdf profile's own evidence (lines ending with a space)
    if (e.feeds === 0 && e.longest >= 300) return { score: 0.5, reason: `a line of ${e.longest} characters: a paragraph a line` };
    return undefined;
  },
  repair: repairWebText,
  structure: (repaired, ctx, options) => buildStructure(repaired, ctx, options),
};
