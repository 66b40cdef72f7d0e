/**
 * toPdfx(pdf, options) → a PDF/X file through Ghostscript (Debian's `ghostscript`): every colour converted
 * to DeviceGray (an interior: black text prints as K only) or DeviceCMYK (a cover), fonts embedded, an
 * output intent with Ghostscript's CMYK SWOP profile (CGATS TR 001), GTS_PDFXVersion in the document
 * information. The /ID Ghostscript derives from the time is replaced by a hash of the file, so the same
 * input gives the same bytes (SOURCE_DATE_EPOCH fixes the dates).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GalleyError } from '../../diagnostics.js';
import { runProcess } from '../../check/run-process.js';
import type { PdfxVersion } from '../../press/presets.js';

export interface PdfxOptions {
  colour: 'gray' | 'cmyk';
  pdfx: PdfxVersion;
  title: string;
  /** YYYY-MM-DD: the file's dates */
  revision: string;
  timeoutMs: number;
}

const GS_ROOT = '/usr/share/ghostscript';

/** Ghostscript's own CMYK output profile (Artifex CMYK SWOP), or GALLEY_CMYK_PROFILE. */
export function cmykProfile(): string {
  const fromEnv = process.env.GALLEY_CMYK_PROFILE;
  if (fromEnv) return fromEnv;
  const versions = existsSync(GS_ROOT) ? readdirSync(GS_ROOT).sort().reverse() : [];
  for (const v of versions) {
    const path = join(GS_ROOT, v, 'iccprofiles', 'default_cmyk.icc');
    if (existsSync(path)) return path;
  }
  throw new GalleyError('tool-missing', `No CMYK output profile found under ${GS_ROOT}/*/iccprofiles: install Debian's ghostscript, or set GALLEY_CMYK_PROFILE`);
}

/** A PostScript string literal. */
function psString(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?')})`;
}

/** The pdfmarks of PDF/X: version, trapping, the output intent with its profile (after PDFX_def.ps). */
export function pdfxMarks(options: PdfxOptions, profile: string): string {
  const version = options.pdfx === 'X-1a' ? 'PDF/X-1a:2001' : 'PDF/X-3:2002';
  const conformance = options.pdfx === 'X-1a' ? ' /GTS_PDFXConformance (PDF/X-1a:2001)' : '';
  return `%!
[ /GTS_PDFXVersion (${version})${conformance} /Title ${psString(options.title)} /Trapped /False /DOCINFO pdfmark
[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[{icc_PDFX} << /N 4 >> /PUT pdfmark
[{icc_PDFX} ${psString(profile)} (r) file /PUT pdfmark
[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[{OutputIntent_PDFX} << /Type /OutputIntent /S /GTS_PDFX /OutputCondition (SWOP, Artifex CMYK SWOP profile) /Info (Commercial web offset printing, SWOP) /OutputConditionIdentifier (CGATS TR 001) /RegistryName (http://www.color.org) /DestOutputProfile {icc_PDFX} >> /PUT pdfmark
[{Catalog} << /OutputIntents [ {OutputIntent_PDFX} ] >> /PUT pdfmark
`;
}

/** Ghostscript's /ID (from the time and the file name) → a hash of the file without it, same length. */
export function fixDocumentId(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const re = /\/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]/g;
  const matches = [...text.matchAll(re)];
  if (matches.length === 0) return pdf;
  let stripped = text;
  for (const m of matches) stripped = stripped.replace(m[0], '/ID');
  const digest = createHash('sha256').update(stripped, 'latin1').digest('hex').toUpperCase();
  let out = text;
  for (const m of matches) {
    const id = digest.slice(0, m[1].length).padEnd(m[1].length, '0');
    out = out.replace(m[0], m[0].replace(m[1], id).replace(m[2], id));
  }
  return Buffer.from(out, 'latin1');
}

export async function toPdfx(pdf: Uint8Array, options: PdfxOptions): Promise<Uint8Array> {
  const profile = cmykProfile();
  const scratch = mkdtempSync(join(tmpdir(), 'galley-pdfx-'));
  try {
    const input = join(scratch, 'in.pdf');
    const marks = join(scratch, 'pdfx.ps');
    const output = join(scratch, 'out.pdf');
    writeFileSync(input, pdf);
    writeFileSync(marks, pdfxMarks(options, profile));
    const gray = options.colour === 'gray';
    const args = [
      '-q',
      '-dNOPAUSE',
      '-dBATCH',
      '-dSAFER',
      `--permit-file-read=${profile}`,
      '-sDEVICE=pdfwrite',
      // Ghostscript 10.00's new PDF interpreter loses the Unicode of some glyphs of Chromium's TrueType
      // subsets (’ extracts as 9: pdftotext and the parity check read "Stalin9s"); the old one keeps them
      '-dNEWPDF=false',
      '-dPDFX',
      `-dCompatibilityLevel=${options.pdfx === 'X-1a' ? '1.3' : '1.4'}`,
      `-sColorConversionStrategy=${gray ? 'Gray' : 'CMYK'}`,
      `-sProcessColorModel=${gray ? 'DeviceGray' : 'DeviceCMYK'}`,
      '-dEmbedAllFonts=true',
      '-dSubsetFonts=true',
      '-dAutoRotatePages=/None',
      // images are not resampled (a cover's artwork keeps its resolution)
      '-dDownsampleColorImages=false',
      '-dDownsampleGrayImages=false',
      `-sOutputFile=${output}`,
      marks,
      input,
    ];
    const epoch = String(Math.floor(Date.parse(`${options.revision}T00:00:00Z`) / 1000));
    const r = await runProcess('gs', args, { timeoutMs: options.timeoutMs, tool: 'Ghostscript', env: { ...process.env, SOURCE_DATE_EPOCH: epoch } });
    const complaint = (r.stdout + r.stderr).trim();
    if (r.code !== 0 || !existsSync(output)) {
      throw new GalleyError('pdfx-failed', `Ghostscript could not make the PDF/X file: ${complaint.split('\n')[0] || `exit code ${r.code}`}`);
    }
    // Ghostscript writes a plain PDF and says so when the input breaks a PDF/X rule it cannot repair
    if (/reverting to normal PDF output|not permitted in PDF\/X/i.test(complaint)) {
      throw new GalleyError('pdfx-failed', `Ghostscript could not keep the file PDF/X: ${complaint.split('\n').find((l) => /PDF\/X/.test(l))?.trim()}`);
    }
    return fixDocumentId(readFileSync(output));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
