/**
 * `galley check [book…]`: validate what was built — epubcheck and Ace on the EPUB, the PDF checks on the PDF,
 * and the press checks (src/check/press.ts) on the press interior and cover when they are built.
 */
import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveProjectRoot } from '../config/find-project.js';
import { Diagnostics, type Diagnostic } from '../diagnostics.js';
import { readBookFiles } from '../model/read-book.js';
import type { Book } from '../model/types.js';
import { selectBooks } from './build.js';
import { action, errorDiagnostics, failsRun, printDiagnostics, writeJson, type GlobalFlags } from './output.js';

interface CheckFlags extends GlobalFlags {
  out: string;
  ace: boolean;
}

/** One checker's findings; a checker that cannot run (a missing tool) is one error, and the others still run. */
async function run(checked: string[], name: string, diagnostics: Diagnostic[], fn: () => Promise<Diagnostic[]>): Promise<void> {
  try {
    diagnostics.push(...(await fn()));
    checked.push(name);
  } catch (error) {
    diagnostics.push(...errorDiagnostics(error));
  }
}

export async function checkBook(root: string, outDir: string, slug: string, useAce = true): Promise<{ diagnostics: Diagnostic[]; checked: string[] }> {
  const diagnostics: Diagnostic[] = [];
  const checked: string[] = [];
  const epub = join(outDir, `${slug}.epub`);
  const pdf = join(outDir, `${slug}.pdf`);
  const { OUTPUTS } = await import('../outputs/registry.js');
  const pressFiles = OUTPUTS.filter((o) => o.check && existsSync(join(outDir, o.file(slug))));
  if (!existsSync(epub) && !existsSync(pdf) && pressFiles.length === 0) {
    diagnostics.push({ severity: 'error', code: 'not-built', message: `Nothing built for ${slug}: run galley build ${slug}`, file: `content/${slug}` });
  }
  if (existsSync(epub)) {
    await run(checked, 'epubcheck', diagnostics, async () => (await import('../check/epubcheck.js')).runEpubcheck(epub));
    if (useAce) await run(checked, 'Ace', diagnostics, async () => (await import('../check/ace.js')).runAce(epub));
  }
  if (existsSync(epub) || existsSync(pdf)) {
    const { parseBook } = await import('../model/parse-book.js');
    const { checkEpubParity, checkPdfParity } = await import('../check/parity.js');
    const book = parseBook(readBookFiles(join(root, 'content', slug), root), new Diagnostics());
    if (existsSync(epub)) {
      await run(checked, 'EPUB parity', diagnostics, async () => (await checkEpubParity(epub, book)).diagnostics);
    }
    if (existsSync(pdf)) {
      await run(checked, 'PDF', diagnostics, async () => (await import('../check/pdf.js')).checkPdf(pdf, book));
      await run(checked, 'PDF parity', diagnostics, async () => (await checkPdfParity(pdf, book)).diagnostics);
      await run(checked, 'PDF links', diagnostics, async () => (await (await import('../check/pdf-links.js')).checkPdfLinks(pdf, book)).diagnostics);
    }
  }
  if (pressFiles.length > 0) {
    // the press files: each output of the registry checks its own file
    const { parseBook } = await import('../model/parse-book.js');
    const { loadProjectConfig } = await import('../config/load-project.js');
    const { resolvePress } = await import('../press/presets.js');
    const book = parseBook(readBookFiles(join(root, 'content', slug), root), new Diagnostics());
    const project = loadProjectConfig(root);
    const press = () => resolvePress(project.press, book.meta.press, book.meta.language);
    for (const output of pressFiles) {
      diagnostics.push(...(await output.check!(join(outDir, output.file(slug)), { project, root, outDir, book, press })));
      checked.push(`press ${output.id}`);
    }
  }
  return { diagnostics, checked };
}

export function checkCommand(): Command {
  return new Command('check')
    .description('validate the built EPUB (epubcheck, Ace) and PDF (fonts, contents pages, footnote placement, every word of the book once and in order)')
    .argument('[books...]', 'book folders under content/ (default: the book galley runs in, else all)')
    .option('-o, --out <dir>', 'folder holding the built books, relative to the project', 'dist')
    .option('--no-ace', 'skip Ace by DAISY')
    .action(
      action(async (books: string[], flags: CheckFlags, command: Command) => {
        const global = command.optsWithGlobals() as CheckFlags;
        const root = resolveProjectRoot(global.root);
        const results = [];
        let failed = false;
        for (const slug of selectBooks(root, books)) {
          if (!global.json) process.stderr.write(`${slug}: checking${flags.ace ? ' (epubcheck, Ace, PDF)' : ''}…\n`);
          const { diagnostics, checked } = await checkBook(root, resolve(root, flags.out), slug, flags.ace);
          const errors = diagnostics.filter((d) => d.severity === 'error').length;
          const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
          const fails = failsRun(diagnostics, global.strict);
          if (fails) failed = true;
          results.push({ book: slug, ok: !fails, checked, errors, warnings, diagnostics });
          if (!global.json) {
            printDiagnostics(diagnostics);
            process.stdout.write(`${slug}: ${checked.join(', ') || 'nothing'} — ${errors} error(s), ${warnings} warning(s)\n`);
          }
        }
        if (global.json) writeJson({ ok: !failed, exitCode: failed ? 1 : 0, books: results });
        return failed ? 1 : 0;
      }),
    );
}
