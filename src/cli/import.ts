/**
 * `galley import <file> [--out dir] [--profile …] [--force [--yes]] [--dry-run] [--slug name]`: a raw text → a book
 * folder (book.yaml, Markdown, source.txt, import-report.md, and the hidden import record `.import/`).
 *
 * People correct books by hand, so an existing book folder is never overwritten without --force, and --force alone
 * only shows what a re-import would change: it writes with --yes. The corrections made by hand since the last
 * import (the folder against its import record) are re-applied to the new import; one that no longer applies stops
 * the import, naming its file and line, and nothing is written. --dry-run never writes. The whole folder is staged
 * beside the book and swapped in; the identifier of an existing book.yaml is kept.
 */
import { Command, Option } from 'commander';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { replaceFolderAtomic, writeFileAtomic } from '../build/write-atomic.js';
import { formatDiagnostic, GalleyError, type Diagnostic } from '../diagnostics.js';
import { SHOWN_CODES } from '../import/codes.js';
import { assertPlainName } from '../paths/resolve-path.js';
import { compareFiles, formatChanges, type FileChange } from '../import/diff-summary.js';
import { mergeHandCorrections, type HandMerge } from '../import/reimport.js';
import { isRecorded, readImportRecord, recordFiles, RECORD_DIR, staleCopies } from './import-record.js';
import { decodeUtf8, importText, readHandCorrections, renderImportReport, slugify, type ImportResult } from '../import/index.js';
import type { ImportProfile } from '../import/types.js';
import { PROFILE_IDS, registry } from '../import/profiles/registry.js';
import { detectEnglishVariant } from '../import/detect-english-variant.js';
import { checkLanguageTag } from '../config/language-tag.js';
import { action } from './output.js';

interface ImportFlags {
  out?: string;
  profile: ImportProfile | 'auto';
  force?: boolean;
  yes?: boolean;
  dryRun?: boolean;
  slug?: string;
  /** a BCP 47 tag; without it (or with a bare `en`) the English variant is read from the spelling */
  language?: string;
}

export interface PlannedBook {
  dir: string;
  /** the text files to write, by name (source.txt as read, for the diff summary) */
  files: Map<string, string>;
  /** source.txt is written as the raw bytes: a byte-for-byte copy (a byte-order mark included) */
  sourceBytes: Uint8Array;
  result: ImportResult;
}

function readExisting(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return files;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isFile() && /\.(md|ya?ml|txt)$/.test(name)) files.set(name, readFileSync(path, 'utf8'));
  }
  return files;
}

function existingIdentifier(existing: Map<string, string>): string | undefined {
  const yaml = existing.get('book.yaml');
  if (!yaml) return undefined;
  try {
    const id = (parseYaml(yaml) as { identifier?: unknown } | null)?.identifier;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The book's language: --language checked against the IANA registry (config/language-tag.ts); English
 * without a region (no flag, or `en`) becomes en-GB or en-US when the spelling says which.
 */
export function importLanguage(raw: string, flag: string | undefined): string {
  const checked = checkLanguageTag(flag ?? 'en');
  if (!checked.ok) throw new GalleyError('language-invalid', `--language: ${checked.reason}`);
  return checked.tag === 'en' ? detectEnglishVariant(raw).tag : checked.tag;
}

/** Everything the command will write, computed before anything is written. */
export function planImport(file: string, flags: ImportFlags, cwd = process.cwd()): PlannedBook & { existing: Map<string, string> } {
  const path = resolve(cwd, file);
  if (!existsSync(path) || !statSync(path).isFile()) throw new GalleyError('import-missing', `No such file: ${file}`, { file });
  const bytes = readFileSync(path);
  const raw = decodeUtf8(bytes, file);

  if (flags.slug !== undefined) assertPlainName(flags.slug, '--slug');
  const language = importLanguage(raw, flags.language);
  const probe = flags.out ? undefined : importText(raw, { profile: flags.profile, sourcePath: file, language });
  const dir = resolve(cwd, flags.out ?? join('content', flags.slug ?? slugify(probe!.meta.title)));
  const existing = readExisting(dir);
  const identifier = existingIdentifier(existing) ?? `urn:uuid:${randomUUID()}`;
  const result = importText(raw, { profile: flags.profile, sourcePath: file, language, identifier });

  const files = new Map<string, string>();
  const meta = { ...result.meta, files: result.files.map((f) => f.name) };
  files.set('book.yaml', stringifyYaml(meta, { lineWidth: 0 }));
  for (const f of result.files) files.set(f.name, f.markdown);
  files.set('source.txt', Buffer.from(bytes).toString('utf8'));
  const hand = existing.has('import-report.md') ? readHandCorrections(existing.get('import-report.md')!) : undefined;
  files.set(
    'import-report.md',
    renderImportReport({
      title: result.meta.title,
      sourceFile: basename(path),
      lineCount: raw.split('\n').length - (raw.endsWith('\n') ? 1 : 0),
      profile: result.profile,
      profileReason: result.profileReason,
      diagnostics: result.diagnostics,
      handCorrections: hand,
    }),
  );
  return { dir, files, sourceBytes: bytes, result, existing };
}

/** What a re-import will do to the folder, computed before anything is written. */
export interface PreparedWrite {
  /** the folder holds files already */
  occupied: boolean;
  /** it has an import record (without one, corrections made by hand cannot be told apart from the import) */
  recorded: boolean;
  merge: HandMerge;
  /** the folder's text files before and after, per file */
  changes: FileChange[];
  /** Markdown files in the folder that the book will not list (made by hand: kept as they are) */
  unlisted: string[];
}

export function prepareWrite(plan: PlannedBook & { existing: Map<string, string> }, shown: string): PreparedWrite {
  if (existsSync(plan.dir) && !statSync(plan.dir).isDirectory()) {
    throw new GalleyError('import-exists', `${shown} exists and is not a folder`, { file: shown });
  }
  const occupied = existsSync(plan.dir) && readdirSync(plan.dir).length > 0;
  const record = occupied ? readImportRecord(plan.dir, shown) : undefined;
  const merge = mergeHandCorrections(plan.existing, record?.files, plan.files, isRecorded, shown);
  const after = new Map(plan.existing);
  for (const name of merge.removed) after.delete(name);
  for (const [name, text] of merge.files) after.set(name, text);
  let listed: string[] = [];
  try {
    listed = ((parseYaml(merge.files.get('book.yaml') ?? '') as { files?: string[] } | null)?.files ?? []).map(String);
  } catch {
    /* a book.yaml corrected into something unreadable: the build will say so */
  }
  const unlisted = [...after.keys()].filter((n) => isRecorded(n) && n !== 'book.yaml' && !listed.includes(n));
  return { occupied, recorded: record !== undefined, merge, changes: compareFiles(plan.existing, after), unlisted };
}

/** What the command prints before writing (or instead of it): the changes, the corrections kept, the notes. */
export function describeWrite(prepared: PreparedWrite, shown: string, file: string): string {
  const out: string[] = [];
  if (prepared.occupied) {
    out.push(`${shown}: what re-importing ${file} changes`, formatChanges(prepared.changes));
    if (!prepared.recorded) {
      out.push(`${shown} has no import record (${RECORD_DIR}/): corrections made by hand cannot be told from the import, and every difference above would be undone`);
    }
  }
  for (const k of prepared.merge.kept) {
    out.push(`${shown}/${k.file}: ${k.lines.length} correction(s) made by hand kept (line${k.lines.length > 1 ? 's' : ''} ${k.lines.join(', ')})`);
  }
  for (const name of prepared.merge.keptDeleted) out.push(`${shown}/${name}: deleted by hand, stays deleted`);
  for (const name of prepared.unlisted) out.push(`${shown}/${name}: kept, but not listed in book.yaml`);
  return out.filter((l) => l !== '').join('\n');
}

/** The conflicts as one error carrying each of them (printed one a line). */
export function conflictError(prepared: PreparedWrite, shown: string): GalleyError {
  const n = prepared.merge.conflicts.length;
  const error = new GalleyError(
    'import-conflict',
    `${n} correction${n > 1 ? 's' : ''} made by hand cannot be re-applied to the new import; nothing written (make them again after a re-import into a new folder, or undo them and re-import)`,
    { file: shown },
  );
  (error as GalleyError & { diagnostics?: Diagnostic[] }).diagnostics = [error.toDiagnostic(), ...prepared.merge.conflicts];
  return error;
}

/** Writes the book: the whole folder staged beside it and swapped in, the old one kept until the swap is done. */
export function writeImport(plan: PlannedBook, prepared: PreparedWrite): void {
  const record = recordFiles(plan.files, plan.result.profile, plan.sourceBytes);
  replaceFolderAtomic(plan.dir, (stage) => {
    for (const [name, text] of prepared.merge.files) writeFileAtomic(join(stage, name), name === 'source.txt' ? plan.sourceBytes : text);
    for (const name of prepared.merge.removed) rmSync(join(stage, name), { force: true });
    for (const path of staleCopies(stage, record)) rmSync(join(stage, path), { force: true });
    for (const [path, text] of record) writeFileAtomic(join(stage, path), text);
  });
}

/**
 * The warnings that must not pass in silence (SHOWN_CODES: characters read, removed or kept, chapter names
 * made unique), at their line of the book's source.txt; at most 20 of a code, then a count.
 */
function printShown(diagnostics: ImportResult['diagnostics'], file: string): void {
  const count = new Map<string, number>();
  for (const d of diagnostics) {
    if (d.severity !== 'warning' || !SHOWN_CODES.has(d.code)) continue;
    const n = (count.get(d.code) ?? 0) + 1;
    count.set(d.code, n);
    if (n <= 20) process.stderr.write(`${formatDiagnostic({ ...d, file })}\n`);
  }
  for (const [code, n] of count) if (n > 20) process.stderr.write(`… and ${n - 20} more [${code}] (all in import-report.md)\n`);
}

export function importCommand(): Command {
  return new Command('import')
    .description('turn a raw text (web transcription, PDF text, scanned volume) into a book folder')
    .argument('<file>', 'the raw text, UTF-8')
    .option('-o, --out <dir>', 'the book folder to write (default: content/<slug>)')
    .addOption(
      new Option('-p, --profile <kind>', `the kind of text: ${PROFILE_IDS.map((id) => `${id} (${registry[id].description})`).join(', ')}`).choices(['auto', ...PROFILE_IDS]).default('auto'),
    )
    .option('-f, --force', 're-import into an existing book folder: shows what changes, keeping corrections made by hand; writes with --yes')
    .option('-y, --yes', 'with --force: write the changes shown')
    .option('-n, --dry-run', 'show what would be written and changed; write nothing')
    .option('--slug <name>', 'the book folder name under content/ when --out is not given')
    .option('--language <code>', 'the language of the text, a BCP 47 tag (default: English, en-GB or en-US as the spelling shows)')
    .action(
      action(async (file: string, flags: ImportFlags) => {
        const plan = planImport(file, flags);
        const shown = relative(process.cwd(), plan.dir) || '.';
        if (existsSync(plan.dir) && statSync(plan.dir).isDirectory() && readdirSync(plan.dir).length > 0 && !flags.force && !flags.dryRun) {
          throw new GalleyError(
            'import-exists',
            `${shown} exists and may hold corrections made by hand; use --force to see what a re-import changes (corrections made by hand are kept), then --force --yes to write it`,
            { file: shown },
          );
        }
        const prepared = prepareWrite(plan, shown);
        // the changes shown with a conflict would mislead (the new import stands where the correction was)
        if (prepared.merge.conflicts.length) throw conflictError(prepared, shown);
        const summary = describeWrite(prepared, shown, file);
        if (summary) process.stdout.write(`${summary}\n`);
        const doubts = plan.result.review.filter((r) => r.kind === 'doubt').length;
        const fixed = plan.result.review.filter((r) => r.kind === 'fixed').reduce((n, r) => n + (r.count ?? 1), 0);
        const counts = `the ${plan.result.profile} profile, ${plan.result.files.length} Markdown file(s), ${fixed} fixes, ${doubts} doubts`;
        if (flags.dryRun) {
          if (!prepared.occupied) process.stdout.write(`${shown}: would write ${[...prepared.merge.files.keys()].join(', ')}\n`);
          process.stdout.write(`${shown}: dry run with ${counts}; nothing written\n`);
          return 0;
        }
        if (prepared.occupied && prepared.recorded && prepared.changes.every((c) => c.status === 'unchanged')) {
          process.stdout.write(`${shown}: the re-import changes nothing; nothing written\n`);
          return 0;
        }
        if (prepared.occupied && !flags.yes) {
          throw new GalleyError('import-unconfirmed', `nothing written: run again with --force --yes to write the changes shown`, { file: shown });
        }
        writeImport(plan, prepared);
        printShown(plan.result.diagnostics, `${shown}/source.txt`);
        process.stdout.write(`${shown}: imported with ${counts} (see ${shown}/import-report.md)\n`);
        return 0;
      }),
    );
}
