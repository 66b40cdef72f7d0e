/** `galley lint [book…] [--rules]`: content checks with stable codes; findings are warnings, `--strict` fails on them. */
import { findProjectRoot, resolveProjectRoot } from '../config/find-project.js';
import { selectBooks } from './build.js';
import { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IGNORE_FILE } from '../lint/ignore.js';
import { lintBook, type LintResult } from '../lint/lint-book.js';
import { LINT_RULES } from '../lint/registry.js';
import { readBookFiles } from '../model/read-book.js';
import { action, failsRun, printDiagnostics, type GlobalFlags } from './output.js';

interface LintFlags extends GlobalFlags {
  rules?: boolean;
}

/** Lint one book folder of the project (with its lint-ignore.yaml). */
export function lintBookFolder(root: string, slug: string): LintResult {
  const files = readBookFiles(join(root, 'content', slug), root);
  const ignorePath = join(files.dir, IGNORE_FILE);
  return lintBook({
    displayDir: files.displayDir,
    bookYaml: files.bookYaml,
    markdown: files.markdown,
    ignore: existsSync(ignorePath) ? readFileSync(ignorePath, 'utf8') : undefined,
  });
}

export function lintCommand(): Command {
  return new Command('lint')
    .description('check the books’ text: OCR residue, inconsistent spellings, typography, dates (exceptions in lint-ignore.yaml)')
    .argument('[books...]', 'book folders under content/ (default: all)')
    .option('--rules', 'list the rules with their codes and examples')
    .action(
      action(async (books: string[], flags: LintFlags, command: Command) => {
        const global = command.optsWithGlobals() as LintFlags;
        if (flags.rules) {
          for (const r of LINT_RULES) process.stdout.write(`${r.code}\t${r.description}\n\te.g. ${r.example.found.replace(/\n/g, '⏎')} → ${r.example.corrected.replace(/\n/g, '⏎')}\n`);
          return 0;
        }
        // lint reads only content/: a folder without galley.yaml may be linted too
        const root = global.root ? resolveProjectRoot(global.root) : (findProjectRoot(process.cwd()) ?? process.cwd());
        let failed = false;
        for (const slug of selectBooks(root, books)) {
          const result = lintBookFolder(root, slug);
          printDiagnostics(result.diagnostics);
          const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
          const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
          process.stdout.write(`${slug}: ${warnings} finding(s), ${errors} error(s)${result.ignored ? `, ${result.ignored} accepted in ${IGNORE_FILE}` : ''}\n`);
          if (failsRun(result.diagnostics, global.strict)) failed = true;
        }
        return failed ? 1 : 0;
      }),
    );
}
