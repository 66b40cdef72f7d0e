/**
 * The scan profile: the OCR text of a scanned book or volume of works: watermarks, letter-spacing and OCR's split
 * words repaired, the volume's works, notes and chronicle read (../scan.ts).
 */
import { repairScanText, structureScanVolume } from './scan.js';
import { pct } from '../percent.js';
import type { ProfileDefinition } from '../registry.js';

export const scanProfile: ProfileDefinition<'scan'> = {
  id: 'scan',
  description: 'the OCR text of a scanned book: short lines without trailing spaces',
  // what is left: short lines that are neither web paragraphs nor pdftotext's
  detect: (e) => ({ score: 0.1, reason: `short lines (${pct(e.long)} long, ${pct(e.trailing)} ending with a space): OCR text of a scanned book` }),
  repair: repairScanText,
  structure: structureScanVolume,
};
