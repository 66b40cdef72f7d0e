/** The shape of a cleaning rule: a small pure function with an id, a one-line description and an example. */
import type { ImportProfile } from '../types.js';

/** How a rule tells what it changed or doubts; `lineOffset` counts lines from the start of the text it was given. */
export interface RuleReport {
  fixed(message: string, lineOffset?: number, count?: number): void;
  doubt(message: string, lineOffset?: number): void;
  /**
   * A change that must not pass in silence: a doubt under its own code (`char-c1-mapped`, `char-invisible`, …,
   * in src/import/codes.ts SHOWN_CODES), which `galley import` prints as a warning with the file and line.
   */
  warn(code: string, message: string, lineOffset?: number, kind?: 'fixed' | 'doubt'): void;
}

export interface CleanRule {
  id: string;
  description: string;
  /** what the rule does to a small input: the fixture test checks exactly this */
  example: { input: string; output: string };
  /**
   * `text`: runs once on the whole raw text and never adds or removes a line (line numbers stay true);
   * `paragraph`: runs on each paragraph, heading and note text (one line each) after the structure is known
   */
  scope: 'text' | 'paragraph';
  /** the profiles the rule is for; all when absent */
  profiles?: ImportProfile[];
  apply(text: string, report: RuleReport): string;
}

/** A text rule that looks at one line at a time (the line count cannot change). */
export function mapLines(text: string, fn: (line: string, index: number) => string): string {
  return text
    .split('\n')
    .map((line, i) => fn(line, i))
    .join('\n');
}

/** Characters that mark a note reference inside paragraph text between the stages: U+E000 label U+E001. */
export const REF_OPEN = '\uE000';
export const REF_CLOSE = '\uE001';
