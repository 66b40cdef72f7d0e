/**
 * The pdf profile: text extracted from a typeset PDF (pdftotext, with or without -layout): page furniture, hyphen
 * breaks and notes at page feet repaired (src/import/repair/, src/import/paged/), chapters split into files
 * (../pdf.ts).
 */
import { repairPdfText, structurePdfBook } from './pdf.js';
import { pct } from '../percent.js';
import type { ProfileDefinition } from '../registry.js';

export const pdfProfile: ProfileDefinition<'pdf'> = {
  id: 'pdf',
  description: 'text extracted from a typeset PDF: short lines, page by page',
  detect(e) {
    if (e.feeds >= 2) return { score: 1, reason: `${e.feeds} form feeds: text extracted page by page from a typeset or scanned book` };
    if (e.trailing >= 0.3) return { score: 0.6, reason: `${pct(e.trailing)} of the lines end with a space (PDF text extraction)` };
    return undefined;
  },
  repair: repairPdfText,
  structure: structurePdfBook,
};
