/** Shared tests for page furniture: page-number lines and running heads. */
import type { RepairItem } from './types.js';

/** A printed page number on a line of its own: `6`, `443`. */
export function isPageNumberLine(text: string): boolean {
  return /^\d{1,4}$/.test(text.trim());
}

/** Could be a running head: short, starts like a title, does not end like running text. */
export function isHeadLike(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > 70) return false;
  if (!/^[\p{Lu}\d]/u.test(t)) return false;
  return !/[,;:—-]$/.test(t);
}

/**
 * The head's text for comparison: letters and digits only, in capitals, with a note number after a title in
 * capitals dropped (`THE FOUNDATIONS OF LENINISM 15`; not `January 16`).
 */
export function normaliseHead(text: string): string {
  const t = text.trim();
  return (/^[^\p{Ll}]+\s\d{1,3}$/u.test(t) ? t.replace(/\s+\d{1,3}$/, '') : t)
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toUpperCase();
}

export function isBlankOrEdge(items: RepairItem[], i: number): boolean {
  return i < 0 || i >= items.length || items[i]!.kind === 'blank' || items[i]!.kind === 'page';
}
