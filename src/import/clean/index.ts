/**
 * The cleaning rules, in the order they run. Text rules run once on the raw text (before a profile's
 * page-level repair) and keep every line where it was; paragraph rules (typography) run on each paragraph,
 * heading and note after the structure stage has found them.
 */
import type { ImportContext, ImportProfile } from '../types.js';
import { collapseSpaces } from './collapse-spaces.js';
import { curlyQuotes } from './curly-quotes.js';
import { doubleApostropheQuotes } from './double-apostrophe-quotes.js';
import { ellipses } from './ellipses.js';
import { emDashes } from './em-dashes.js';
import { fixMojibake } from './fix-mojibake.js';
import { nonBreakingSpaces } from './non-breaking-spaces.js';
import { normalizeLineEndings } from './normalize-line-endings.js';
import { numberRanges } from './number-ranges.js';
import { mapWindowsControls } from './map-windows-controls.js';
import { removeAnsiEscapes } from './remove-ansi-escapes.js';
import { removeControlCharacters } from './remove-control-characters.js';
import { reportInvisibleCharacters } from './report-invisible-characters.js';
import { removeNavigationLines } from './remove-navigation-lines.js';
import { stripArchiveBoilerplate } from './strip-archive-boilerplate.js';
import { stripBom } from './strip-bom.js';
import type { CleanRule, RuleReport } from './types.js';

export type { CleanRule, RuleReport } from './types.js';

/** Encoding and characters, then the web archive's furniture. */
export const textRules: CleanRule[] = [
  stripBom,
  normalizeLineEndings,
  fixMojibake,
  mapWindowsControls,
  removeAnsiEscapes,
  removeControlCharacters,
  reportInvisibleCharacters,
  removeNavigationLines,
  stripArchiveBoilerplate,
];

/** Typography, in order: spaces, quotes typed as apostrophes, ranges before dashes, ellipses, quotes, spaces. */
export const typographyRules: CleanRule[] = [
  collapseSpaces,
  doubleApostropheQuotes,
  numberRanges,
  emDashes,
  ellipses,
  curlyQuotes,
  nonBreakingSpaces,
];

export const allRules: CleanRule[] = [...textRules, ...typographyRules];

function reporterFor(rule: CleanRule, ctx: ImportContext, firstLine: number | undefined): RuleReport {
  const at = (offset = 0) => (firstLine === undefined ? undefined : firstLine + offset);
  return {
    fixed: (message, offset, count) => ctx.review({ rule: rule.id, kind: 'fixed', line: at(offset), message, ...(count && count > 1 ? { count } : {}) }),
    doubt: (message, offset) => ctx.review({ rule: rule.id, kind: 'doubt', line: at(offset), message }),
    // a review item under its own code, a doubt: the context makes it a warning, and the command prints it
    warn: (code, message, offset) => ctx.review({ rule: code, kind: 'doubt', line: at(offset), message }),
  };
}

function ruleApplies(rule: CleanRule, profile: ImportProfile | undefined): boolean {
  return !rule.profiles || profile === undefined || rule.profiles.includes(profile);
}

/** Run the text rules on the raw text: encoding, characters, archive furniture. Line numbers are kept. */
export function applyTextRules(raw: string, ctx: ImportContext, profile?: ImportProfile, rules = textRules): string {
  let text = raw;
  for (const rule of rules) {
    if (rule.scope === 'text' && ruleApplies(rule, profile)) text = rule.apply(text, reporterFor(rule, ctx, 1));
  }
  return text;
}

/** Run the typography rules on one paragraph (or heading, or note) that starts at raw line `line`. */
export function applyTypography(text: string, ctx: ImportContext, line?: number, rules = typographyRules): string {
  let out = text;
  for (const rule of rules) {
    if (rule.scope === 'paragraph') out = rule.apply(out, reporterFor(rule, ctx, line));
  }
  return out;
}
