/**
 * The apparatus strings of a book's language: `fr-CA` → fr.ts, `en-GB` → en.ts; a language galley has no
 * strings for falls back to English (the build says so once, as a warning: see stringsNotice).
 */
import { lookup } from 'bcp-47-match';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { ru } from './ru.js';
import type { ApparatusStrings } from './strings.js';

export type { ApparatusStrings, DateParts } from './strings.js';

export const STRINGS: Record<string, ApparatusStrings> = { en, fr, de, es, ru };

/** The strings for a BCP 47 tag, by RFC 4647 lookup over the languages galley has ("de-AT" → de). */
export function stringsFor(tag: string): ApparatusStrings {
  const found = lookup(Object.keys(STRINGS), tag);
  return (found && STRINGS[found]) || en;
}

/** Whether galley has apparatus strings for the tag (else the generated pages are in English). */
export function hasStringsFor(tag: string): boolean {
  return lookup(Object.keys(STRINGS), tag) !== undefined;
}
