/**
 * The import profiles, one registry: each profile describes itself in its own folder
 * (`src/import/profiles/<id>/profile.ts`: `{ id, description, detect, repair, structure }`), and the CLI's
 * `--profile` choices, `detectProfile` and the `ImportProfile` type all read this list.
 *
 * - `detect(evidence)` scores how well the text fits the profile (undefined: not at all) with the reason, for the
 *   report; the highest score wins, ties in the order of the list.
 * - `repair(text, ctx) → RepairedText`: the page-level repair stage.
 * - `structure(repaired, ctx, options) → ImportedBook`: the shared structure stage or the profile's own.
 *
 * A text that is not web and comes as pages (form feeds, or page numbers that show where its pages turned) is read
 * by the page reader (src/import/paged/) whichever print profile it is given (src/import/index.ts).
 */
import type { StructureOptions } from '../structure/build-structure.js';
import type { ImportContext, ImportedBook, RepairedText } from '../types.js';
import { pdfProfile } from './pdf/profile.js';
import { scanProfile } from './scan/profile.js';
import { webProfile } from './web/profile.js';

/** The profiles' ids, in the order detection breaks ties. */
export const PROFILE_IDS = ['web', 'pdf', 'scan'] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

/** What detection measures once on the raw text, for every profile's `detect`. */
export interface TextEvidence {
  /** the lines that are not blank */
  lines: string[];
  /** form feeds (pdftotext's page breaks) */
  feeds: number;
  /** share of lines over 150 characters (a web paragraph on one line) */
  long: number;
  /** share of lines ending with a space (pdftotext) */
  trailing: number;
  /** share of lines of running text (40+ characters, no `|`) that stop in the middle of a sentence */
  open: number;
  /** the longest line's length (a printed or scanned page's line holds about a hundred characters at most) */
  longest: number;
}

export interface ProfileGuess {
  score: number;
  reason: string;
}

export type RepairStage = (text: string, ctx: ImportContext) => RepairedText;
/** `raw` is the text after the text rules, for profiles that look at the whole (running heads, a volume's contents) */
export type StructureStage = (repaired: RepairedText, ctx: ImportContext, options: StructureOptions & { raw: string }) => ImportedBook;

export interface ProfileDefinition<Id extends string = ProfileId> {
  id: Id;
  /** one line, for --help and the docs */
  description: string;
  detect(evidence: TextEvidence): ProfileGuess | undefined;
  repair: RepairStage;
  structure: StructureStage;
}

export const registry: { readonly [K in ProfileId]: ProfileDefinition<K> } = {
  web: webProfile,
  pdf: pdfProfile,
  scan: scanProfile,
};

export function isProfileId(id: string): id is ProfileId {
  return (PROFILE_IDS as readonly string[]).includes(id);
}
