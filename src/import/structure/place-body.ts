/**
 * The body of a text with the roles of its blocks: headings (a numeral merged with the heading under it), section
 * breaks, a letter from its salutation on, the signature and the source line at the end; notes without a
 * reference placed where they stood.
 */
import type { ImportContext, RawBlock, RawNote } from '../types.js';
import { isBodyHeading, isNumberedHeading, isSalutation, isSectionBreak, isSignature, isSourceLine, isStrongHeading, isTitleCaseHeading } from './classify-block.js';
import type { NoteLinkBlock } from './link-notes.js';
import type { FileBlock } from './render-markdown.js';

export interface Placed extends NoteLinkBlock {
  role: FileBlock['role'];
  level?: number;
  letter?: boolean;
  /** the book's title when the file opens with a chapter heading: linked and typeset, not written to the file */
  omit?: boolean;
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ');

/** "Published: Printed on April 12, 1912 … Signed: N. Lenin." → "N. Lenin" */
export function readSignedBy(text: string | undefined): string | undefined {
  return text ? /\bSigned:?\s+((?:\p{Lu}\.\s?){0,3}\p{Lu}[\p{L}-]+(?: \p{Lu}[\p{L}-]+)?)/u.exec(text)?.[1] : undefined;
}

/** The body's blocks with their roles: headings, letter, signature, source line at the end. */
export function placeBody(blocks: RawBlock[], ctx: ImportContext, signedBy?: string): Placed[] {
  const body: Placed[] = blocks.map((b) => ({ ...b, text: b.text.trim(), role: 'paragraph' }));
  // a heading at the very end with nothing under it: the next chapter's title on the archive page
  while (body.length > 0 && isStrongHeading(norm(body[body.length - 1].text))) {
    const dropped = body.pop()!;
    ctx.review({ rule: 'structure', kind: 'doubt', line: dropped.line, message: `heading "${dropped.text}" at the end with no text under it (the next part's title?) removed` });
  }
  let end = body.length;
  const last = body[end - 1];
  if (last && isSourceLine(norm(last.text))) {
    last.role = 'source';
    end--;
    ctx.review({ rule: 'structure', kind: 'fixed', line: last.line, message: `source line "${last.text}"` });
  }
  const sig = body[end - 1];
  // a closing kept with its signature (`Yours,` / `Lenin`, one block, lines broken): its last line signs
  if (sig && end > 1 && (isSignature(norm(sig.text)) || (sig.text.includes('\n') && isSignature(norm(sig.text.split('\n').pop()!))))) {
    sig.role = 'signature';
    ctx.review({ rule: 'structure', kind: 'doubt', line: sig.line, message: `"${sig.text}" taken as the signature` });
  } else if (signedBy && sig) {
    // "Published: … Signed: N. Lenin." — the signature the web page left out
    body.splice(end, 0, { text: signedBy, line: sig.line, role: 'signature' });
    ctx.review({ rule: 'structure', kind: 'doubt', line: sig.line, message: `signature "${signedBy}" added after the last paragraph, from "Signed: ${signedBy}" in the credits header` });
  }
  let inLetter = false;
  for (const b of body) {
    if (b.role === 'paragraph' && isSalutation(norm(b.text))) {
      inLetter = true;
      ctx.review({ rule: 'structure', kind: 'fixed', line: b.line, message: `letter from the salutation "${b.text}" on` });
    }
    if (b.role === 'paragraph' && isSectionBreak(b.text)) {
      b.role = 'break';
      ctx.review({ rule: 'structure', kind: 'fixed', line: b.line, message: `section break "${b.text}"` });
    }
    // a block of broken lines (an address, a closing) is never a heading
    if (b.role === 'paragraph' && !b.text.includes('\n') && isBodyHeading(norm(b.text))) {
      b.role = 'heading';
      b.level = 2;
      b.heading = true;
      inLetter = false;
      const weak = !isStrongHeading(norm(b.text)) && isTitleCaseHeading(norm(b.text));
      ctx.review({ rule: 'structure', kind: weak ? 'doubt' : 'fixed', line: b.line, message: weak ? `short line in Title Case "${b.text}" taken as a heading` : `heading "${b.text}"` });
    }
    if (inLetter && b.role !== 'source') b.letter = true;
  }
  return mergeNumberedHeadings(body, ctx);
}

/** "I" + "THE HISTORICAL ROOTS OF LENINISM" → "I. THE HISTORICAL ROOTS OF LENINISM" (a numeral above its heading). */
function mergeNumberedHeadings(body: Placed[], ctx: ImportContext): Placed[] {
  const out: Placed[] = [];
  for (const b of body) {
    const prev = out[out.length - 1];
    const numeral = prev && prev.role === 'heading' && /^(?:[IVXLC]{1,7}|\d{1,2})\.?$/.exec(norm(prev.text));
    if (numeral && b.role === 'heading' && !isNumberedHeading(norm(b.text))) {
      out[out.length - 1] = { ...prev, text: `${norm(prev.text).replace(/\.$/, '')}. ${b.text}` };
      ctx.review({ rule: 'structure', kind: 'fixed', line: b.line, message: `numeral "${norm(prev.text)}" and heading "${b.text}" made one heading` });
      continue;
    }
    out.push(b);
  }
  return out;
}

/** Notes without a reference stay visible: as a paragraph "[label] text" where they stood. */
export function placeUnlinked(body: Placed[], unlinked: RawNote[]): Placed[] {
  const out = [...body];
  for (const n of unlinked) {
    const at = out.findIndex((b) => b.line > n.line);
    const block: Placed = { text: `[${n.label}] ${n.text}`, line: n.line, role: 'paragraph' };
    if (at < 0) out.push(block);
    else out.splice(at, 0, block);
  }
  return out;
}
