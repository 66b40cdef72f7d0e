/**
 * `galley import <file> [--out dir] [--profile auto|web|pdf|scan] [--force] [--slug name]`: a raw text → a book
 * folder (book.yaml, Markdown, source.txt, import-report.md). Never overwrites an existing book folder without
 * --force (people correct books by hand); with --force it prints what would change, then writes. Every file is
 * written atomically; the identifier of an existing book.yaml is kept.
 */
import { Command, Option } from 'commander';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { replaceFolderAtomic, writeFileAtomic } from '../build/write-atomic.js';
import { GalleyError } from '../diagnostics.js';
import { assertPlainName } from '../paths/resolve-path.js';
import { compareFiles, formatChanges } from '../import/diff-summary.js';
import { decodeUtf8, importText, readHandCorrections, renderImportReport, slugify, type ImportResult } from '../import/index.js';
import type { ImportProfile } from '../import/types.js';
import { action } from './output.js';

interface ImportFlags {
  out?: string;
  profile: ImportProfile | 'auto';
  force?: boolean;
  slug?: string;
  language: string;
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

/** Everything the command will write, computed before anything is written. */
export function planImport(file: string, flags: ImportFlags, cwd = process.cwd()): PlannedBook & { existing: Map<string, string> } {
  const path = resolve(cwd, file);
  if (!existsSync(path) || !statSync(path).isFile()) throw new GalleyError('import-missing', `No such file: ${file}`, { file });
  const bytes = readFileSync(path);
  const raw = decodeUtf8(bytes, file);

  if (flags.slug !== undefined) assertPlainName(flags.slug, '--slug');
  const probe = flags.out ? undefined : importText(raw, { profile: flags.profile, sourcePath: file, language: flags.language });
  const dir = resolve(cwd, flags.out ?? join('content', flags.slug ?? slugify(probe!.meta.title)));
  const existing = readExisting(dir);
  const identifier = existingIdentifier(existing) ?? `urn:uuid:${randomUUID()}`;
  const result = importText(raw, { profile: flags.profile, sourcePath: file, language: flags.language, identifier });

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
      review: result.review,
      handCorrections: hand,
    }),
  );
  return { dir, files, sourceBytes: bytes, result, existing };
}

export function importCommand(): Command {
  return new Command('import')
    .description('turn a raw text (web transcription, PDF text, scanned volume) into a book folder')
    .argument('<file>', 'the raw text, UTF-8')
    .option('-o, --out <dir>', 'the book folder to write (default: content/<slug>)')
    .addOption(new Option('-p, --profile <kind>', 'the kind of text').choices(['auto', 'web', 'pdf', 'scan']).default('auto'))
    .option('-f, --force', 'overwrite an existing book folder (prints what changes first)')
    .option('--slug <name>', 'the book folder name under content/ when --out is not given')
    .option('--language <code>', 'the language of the text (BCP 47)', 'en')
    .action(
      action(async (file: string, flags: ImportFlags) => {
        const plan = planImport(file, flags);
        const shown = relative(process.cwd(), plan.dir) || '.';
        if (existsSync(plan.dir) && !statSync(plan.dir).isDirectory()) {
          throw new GalleyError('import-exists', `${shown} exists and is not a folder`, { file: shown });
        }
        const occupied = existsSync(plan.dir) && readdirSync(plan.dir).length > 0;
        if (occupied && !flags.force) {
          throw new GalleyError('import-exists', `${shown} exists and may hold corrections made by hand; use --force to overwrite it (what changes is shown first)`, {
            file: shown,
          });
        }
        if (occupied) {
          const changes = compareFiles(plan.existing, plan.files);
          process.stdout.write(`${shown}: changes from re-importing ${file}\n${formatChanges(changes)}\n`);
          for (const name of plan.existing.keys()) {
            if (name.endsWith('.md') && name !== 'import-report.md' && !plan.files.has(name)) {
              process.stdout.write(`${shown}/${name} is kept but no longer listed in book.yaml\n`);
            }
          }
        }
        // the whole book at once: staged beside the folder and swapped in, the old one kept until the swap is done
        replaceFolderAtomic(plan.dir, (stage) => {
          for (const [name, text] of plan.files) writeFileAtomic(join(stage, name), name === 'source.txt' ? plan.sourceBytes : text);
        });
        const doubts = plan.result.review.filter((r) => r.kind === 'doubt').length;
        const fixed = plan.result.review.filter((r) => r.kind === 'fixed').reduce((n, r) => n + (r.count ?? 1), 0);
        process.stdout.write(
          `${shown}: imported with the ${plan.result.profile} profile, ${plan.result.files.length} Markdown file(s), ${fixed} fixes, ${doubts} doubts (see ${shown}/import-report.md)\n`,
        );
        return 0;
      }),
    );
}
