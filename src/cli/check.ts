/**
 * `galley check [book…]`: validate what was built — epubcheck and Ace on the EPUB, the PDF checks on the PDF,
 * and the press checks (src/check/press.ts) on the press interior and cover when they are built.
 */
import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Diagnostics, type Diagnostic } from '../diagnostics.js';
import { runAce } from '../check/ace.js';
import { runEpubcheck } from '../check/epubcheck.js';
import { listBooks, readBookFiles } from '../model/read-book.js';
import { action, failsRun, printDiagnostics, type GlobalFlags } from './output.js';

interface CheckFlags extends GlobalFlags {
  out: string;
  ace: boolean;
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
    diagnostics.push(...(await runEpubcheck(epub)));
    checked.push('epubcheck');
    if (useAce) {
      diagnostics.push(...(await runAce(epub)));
      checked.push('Ace');
    }
  }
  if (existsSync(epub) || existsSync(pdf)) {
    const { parseBook } = await import('../model/parse-book.js');
    const { checkEpubParity, checkPdfParity } = await import('../check/parity.js');
    const book = parseBook(readBookFiles(join(root, 'content', slug), root), new Diagnostics());
    if (existsSync(epub)) {
      diagnostics.push(...(await checkEpubParity(epub, book)).diagnostics);
      checked.push('EPUB parity');
    }
    if (existsSync(pdf)) {
      const { checkPdf } = await import('../check/pdf.js');
      diagnostics.push(...(await checkPdf(pdf, book)));
      checked.push('PDF');
      diagnostics.push(...(await checkPdfParity(pdf, book)).diagnostics);
      checked.push('PDF parity');
      const { checkPdfLinks } = await import('../check/pdf-links.js');
      diagnostics.push(...(await checkPdfLinks(pdf, book)).diagnostics);
      checked.push('PDF links');
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
    .argument('[books...]', 'book folders under content/ (default: all)')
    .option('-o, --out <dir>', 'folder holding the built books', 'dist')
    .option('--no-ace', 'skip Ace by DAISY')
    .action(
      action(async (books: string[], flags: CheckFlags, command: Command) => {
        const global = command.optsWithGlobals() as CheckFlags;
        const root = process.cwd();
        let failed = false;
        for (const slug of listBooks(root, books)) {
          const { diagnostics, checked } = await checkBook(root, resolve(root, flags.out), slug, flags.ace);
          printDiagnostics(diagnostics);
          const errors = diagnostics.filter((d) => d.severity === 'error').length;
          const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
          process.stdout.write(`${slug}: ${checked.join(', ') || 'nothing'} — ${errors} error(s), ${warnings} warning(s)\n`);
          if (failsRun(diagnostics, global.strict)) failed = true;
        }
        return failed ? 1 : 0;
      }),
    );
}
