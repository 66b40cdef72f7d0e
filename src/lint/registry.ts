/** The lint rules, in the order their findings are listed. Each has a fixture in tests/fixtures/lint/<code>/. */
import type { LintRule } from './types.js';
import { lostHyphen } from './rules/lost-hyphen.js';
import { splitWord } from './rules/split-word.js';
import { strayMark } from './rules/stray-mark.js';
import { strayFullStop } from './rules/stray-full-stop.js';
import { headingMark } from './rules/heading-mark.js';
import { headingThenCapitals } from './rules/heading-then-capitals.js';
import { pageFurniture } from './rules/page-furniture.js';
import { hyphenForDash } from './rules/hyphen-for-dash.js';
import { abbreviationSpacing } from './rules/abbreviation-spacing.js';
import { headingCase } from './rules/heading-case.js';
import { capitals } from './rules/capitals.js';
import { straightQuotes } from './rules/straight-quotes.js';
import { doubledWord } from './rules/doubled-word.js';
import { unbalanced } from './rules/unbalanced.js';
import { dateContradictsSource } from './rules/date-contradicts-source.js';

export const LINT_RULES: readonly LintRule[] = [
  // OCR and extraction residue
  lostHyphen,
  splitWord,
  strayMark,
  strayFullStop,
  headingMark,
  headingThenCapitals,
  pageFurniture,
  hyphenForDash,
  // consistency and typography
  abbreviationSpacing,
  headingCase,
  capitals,
  straightQuotes,
  doubledWord,
  unbalanced,
  // the metadata against the sources
  dateContradictsSource,
];
