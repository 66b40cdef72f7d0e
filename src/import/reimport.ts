/**
 * Re-importing a book that people have corrected by hand. The first import records what it wrote (the
 * `.import/` snapshot, see src/cli/import-record.ts); on re-import every recorded file that differs from its
 * snapshot was corrected by hand since, and those corrections are taken as a patch (snapshot → the file as it
 * stands, by the `diff` library) and re-applied, hunk by hunk, to the new import. A hunk whose lines the new import
 * changed does not apply: that is a conflict, named by file and line, and the import writes nothing.
 *
 * Pure: it is given the texts and returns the texts to write.
 */
import { applyPatch, structuredPatch, type StructuredPatchHunk } from 'diff';
import type { Diagnostic } from '../diagnostics.js';

/** Lines of context around each correction; the lines a correction removes must be found exactly. */
const CONTEXT = 3;
/** Context lines that may differ (a neighbouring paragraph the new import changed) and the hunk still applies. */
const FUZZ = 2;

export interface KeptCorrection {
  file: string;
  /** the first line of each correction re-applied, in the file as it was corrected (1-based) */
  lines: number[];
}

export interface HandMerge {
  /** what to write, by file name: the new import with the corrections re-applied */
  files: Map<string, string>;
  /** files of the previous import that the new one no longer makes and nobody changed: to remove */
  removed: string[];
  /** files the previous import made that were deleted by hand and that stay deleted */
  keptDeleted: string[];
  kept: KeptCorrection[];
  /** corrections that cannot be re-applied, as `import-conflict` errors with their file and line */
  conflicts: Diagnostic[];
}

/** The first changed line of a hunk, in the corrected file, and the lines it removes and adds. */
function describeHunk(h: StructuredPatchHunk): { line: number; removed: string[]; added: string[] } {
  let line = h.newStart;
  let first: number | undefined;
  const removed: string[] = [];
  const added: string[] = [];
  for (const l of h.lines) {
    const mark = l[0];
    if (mark === '-' || mark === '+') first ??= line;
    if (mark === '-') removed.push(l.slice(1));
    if (mark === '+') added.push(l.slice(1));
    if (mark === ' ' || mark === '+') line++;
  }
  return { line: first ?? h.newStart, removed, added };
}

function clip(text: string, n = 70): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n)}…` : one;
}

/** Does `text` hold `lines` one after the other? */
function holdsRun(text: string[], lines: string[]): boolean {
  if (lines.length === 0) return true;
  for (let i = 0; i + lines.length <= text.length; i++) {
    let k = 0;
    while (k < lines.length && text[i + k] === lines[k]) k++;
    if (k === lines.length) return true;
  }
  return false;
}

/**
 * Re-applies to `fresh` (the new import of one file) the corrections that turned `base` (what the previous import
 * wrote) into `current` (the file as it stands). Returns the merged text, the lines of the corrections kept, and
 * the corrections that no longer apply.
 */
export function reapplyCorrections(
  name: string,
  base: string,
  current: string,
  fresh: string,
  displayPath = name,
): { text: string; kept: number[]; conflicts: Diagnostic[] } {
  const patch = structuredPatch(name, name, base, current, undefined, undefined, { context: CONTEXT });
  let text = fresh;
  let shift = 0;
  const kept: number[] = [];
  const conflicts: Diagnostic[] = [];
  for (const h of patch.hunks) {
    const hunk = { ...h, oldStart: Math.max(1, h.oldStart + shift) };
    const one = { ...patch, hunks: [hunk] };
    const applied = applyPatch(text, one, { fuzzFactor: FUZZ });
    const what = describeHunk(h);
    if (applied !== false) {
      text = applied;
      shift += h.newLines - h.oldLines;
      kept.push(what.line);
      continue;
    }
    // the new import already reads as corrected (the importer learnt the same fix): nothing to re-apply
    const lines = text.split('\n');
    const replaced = what.removed.length > 0 && what.added.some((l) => l.trim() !== '');
    if (replaced && holdsRun(lines, what.added) && !holdsRun(lines, what.removed)) {
      kept.push(what.line);
      continue;
    }
    const was = what.removed.length ? `"${clip(what.removed.join(' '))}"` : 'nothing';
    const now = what.added.length ? `"${clip(what.added.join(' '))}"` : 'nothing';
    conflicts.push({
      severity: 'error',
      code: 'import-conflict',
      message: `the correction made by hand here (${was} → ${now}) cannot be re-applied: the new import changed these lines`,
      file: displayPath,
      line: what.line,
    });
  }
  return { text, kept, conflicts };
}

/**
 * The whole book: `existing` is the folder as it stands, `base` what the previous import wrote there (undefined
 * when there is no record), `fresh` the new import. `recorded` names the files the corrections are looked for in
 * (the Markdown files and book.yaml); the others (source.txt, import-report.md) are written as imported.
 */
export function mergeHandCorrections(
  existing: Map<string, string>,
  base: Map<string, string> | undefined,
  fresh: Map<string, string>,
  recorded: (name: string) => boolean,
  displayDir = '.',
): HandMerge {
  const files = new Map(fresh);
  const merge: HandMerge = { files, removed: [], keptDeleted: [], kept: [], conflicts: [] };
  if (!base) return merge;
  const where = (name: string) => (displayDir === '.' ? name : `${displayDir}/${name}`);
  const conflict = (name: string, message: string, line?: number) =>
    merge.conflicts.push({ severity: 'error', code: 'import-conflict', message, file: where(name), ...(line ? { line } : {}) });

  for (const [name, before] of base) {
    const current = existing.get(name);
    const next = fresh.get(name);
    if (current === undefined) {
      // deleted by hand: it stays deleted, unless the new import changes it
      if (next === undefined || next === before) {
        files.delete(name);
        merge.keptDeleted.push(name);
      } else conflict(name, 'this file was deleted by hand since the import, and the new import changes it; restore it or delete it from the new import by hand');
      continue;
    }
    if (current === before) {
      if (next === undefined) merge.removed.push(name);
      continue;
    }
    if (next === undefined) {
      conflict(name, 'this file was corrected by hand since the import, and the new import no longer makes it (its chapters are named differently now)', 1);
      continue;
    }
    const r = reapplyCorrections(name, before, current, next, where(name));
    files.set(name, r.text);
    if (r.kept.length) merge.kept.push({ file: name, lines: r.kept });
    merge.conflicts.push(...r.conflicts);
  }
  for (const [name, next] of fresh) {
    if (base.has(name) || !recorded(name)) continue;
    const current = existing.get(name);
    if (current !== undefined && current !== next) conflict(name, 'a file made by hand has the name of a file the new import makes; rename it first');
  }
  return merge;
}
