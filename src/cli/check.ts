/**
 * `galley check [book…]`: validate what was built — epubcheck and Ace on the EPUB, the PDF checks on the PDF,
 * and the press checks (src/check/press.ts) on the press interior and cover when they are built.
 */
import { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { resolveProjectRoot } from '../config/find-project.js';
import { loadProjectConfig, projectForBook, type ProjectConfig } from '../config/load-project.js';
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

/** The PDF read as a file first (src/check/validate-pdf.ts): a file cut short or that does not parse is one error, and the checks that read its pages are not run on it. */
const PDF_UNREADABLE = new Set(['pdf-unreadable', 'pdf-no-pages']);

/**
 * One book's checks. Each checker reports into the same list and a checker that fails is one error, so every
 * problem of the book is reported: a book whose sources no longer read still has its EPUB and PDF checked
 * with the checks that need no book (epubcheck, Ace, the PDF's structure and fonts).
 */
export async function checkBook(
  root: string,
  outDir: string,
  slug: string,
  useAce = true,
  /** only these outputs (`galley build --check` checks what it built or found current); default every one found */
  only?: readonly string[],
): Promise<{ diagnostics: Diagnostic[]; checked: string[] }> {
  const diagnostics: Diagnostic[] = [];
  const checked: string[] = [];
  const wanted = (id: string, file: string) => (only === undefined || only.includes(id)) && existsSync(file);
  const epub = join(outDir, `${slug}.epub`);
  const pdf = join(outDir, `${slug}.pdf`);
  const hasEpub = wanted('epub', epub);
  const hasPdf = wanted('pdf', pdf);
  const { OUTPUTS } = await import('../outputs/registry.js');
  const pressFiles = OUTPUTS.filter((o) => o.check && wanted(o.id, join(outDir, o.file(slug))));
  if (!hasEpub && !hasPdf && pressFiles.length === 0) {
    diagnostics.push({ severity: 'error', code: 'not-built', message: `Nothing built for ${slug}: run galley build ${slug}`, file: `content/${slug}` });
    return { diagnostics, checked };
  }
  // the book and its project (its own fonts), read once; when they cannot be read, that is one error
  let book: Book | undefined;
  let project: ProjectConfig | undefined;
  try {
    const { parseBook } = await import('../model/parse-book.js');
    const files = readBookFiles(join(root, 'content', slug), root);
    project = projectForBook(loadProjectConfig(root), files.bookYaml, `${files.displayDir}/book.yaml`);
    book = parseBook(files, new Diagnostics());
  } catch (error) {
    diagnostics.push(...errorDiagnostics(error));
  }
  if (hasEpub) {
    await run(checked, 'epubcheck', diagnostics, async () => (await import('../check/epubcheck.js')).runEpubcheck(epub));
    if (useAce) await run(checked, 'Ace', diagnostics, async () => (await import('../check/ace.js')).runAce(epub));
    if (book) {
      const { checkEpubParity } = await import('../check/parity.js');
      await run(checked, 'EPUB parity', diagnostics, async () => (await checkEpubParity(epub, book)).diagnostics);
    }
  }
  if (hasPdf) {
    const where = relative(root, pdf) || pdf;
    const structure: Diagnostic[] = [];
    await run(checked, 'PDF structure', structure, async () => checkPdfStructure(pdf, project, where));
    diagnostics.push(...structure);
    // pages, parity and links only on a PDF that reads (else each would say it cannot, in its own words)
    const readable = checked.includes('PDF structure') && !structure.some((d) => d.code && PDF_UNREADABLE.has(d.code));
    if (book && readable) {
      const { checkPdfParity } = await import('../check/parity.js');
      await run(checked, 'PDF', diagnostics, async () => (await import('../check/pdf.js')).checkPdf(pdf, book));
      await run(checked, 'PDF parity', diagnostics, async () => (await checkPdfParity(pdf, book)).diagnostics);
      await run(checked, 'PDF links', diagnostics, async () => (await (await import('../check/pdf-links.js')).checkPdfLinks(pdf, book)).diagnostics);
    }
  }
  if (pressFiles.length > 0 && book && project) {
    // the press files: each output of the registry checks its own file
    const { resolvePress } = await import('../press/presets.js');
    const meta = book.meta;
    const ctx = { project, root, outDir, book, press: () => resolvePress(project!.press, meta.press, meta.language) };
    for (const output of pressFiles) {
      await run(checked, `press ${output.id}`, diagnostics, async () => output.check!(join(outDir, output.file(slug)), ctx));
    }
  }
  return { diagnostics, checked };
}

/**
 * The PDF as a file (the build's own validation, src/check/validate-pdf.ts): whole, parses, has pages, every
 * font embedded and asked for (a fallback font is an error). Fonts that cannot be read are their own error,
 * and the rest still runs.
 */
async function checkPdfStructure(pdf: string, project: ProjectConfig | undefined, where: string): Promise<Diagnostic[]> {
  const { askedFonts, validatePdf } = await import('../check/validate-pdf.js');
  const out: Diagnostic[] = [];
  let asked = { family: '', names: [] as string[] };
  if (project) {
    try {
      asked = askedFonts(project);
    } catch (error) {
      out.push(...errorDiagnostics(error));
    }
  }
  out.push(...(await validatePdf(readFileSync(pdf), asked, where)));
  return out;
}

export interface CheckResult {
  book: string;
  ok: boolean;
  checked: string[];
  errors: number;
  warnings: number;
  diagnostics: Diagnostic[];
}

/**
 * Every book checked, each reported as it is done (unless json): a book whose check fails outright is one
 * error in its result, and the next books are still checked.
 */
export async function checkBooks(
  root: string,
  outDir: string,
  slugs: string[],
  flags: { ace: boolean; json?: boolean; strict?: boolean; only?: (slug: string) => readonly string[] | undefined },
): Promise<{ results: CheckResult[]; failed: boolean }> {
  const results: CheckResult[] = [];
  let failed = false;
  for (const slug of slugs) {
    if (!flags.json) process.stderr.write(`${slug}: checking${flags.ace ? ' (epubcheck, Ace, PDF)' : ' (epubcheck, PDF)'}…\n`);
    let found: { diagnostics: Diagnostic[]; checked: string[] };
    try {
      found = await checkBook(root, outDir, slug, flags.ace, flags.only?.(slug));
    } catch (error) {
      found = { diagnostics: errorDiagnostics(error), checked: [] };
    }
    const { diagnostics, checked } = found;
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    const fails = failsRun(diagnostics, flags.strict);
    if (fails) failed = true;
    results.push({ book: slug, ok: !fails, checked, errors, warnings, diagnostics });
    if (!flags.json) {
      printDiagnostics(diagnostics);
      process.stdout.write(`${slug}: ${checked.join(', ') || 'nothing'} — ${errors} error(s), ${warnings} warning(s)\n`);
    }
  }
  return { results, failed };
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
        const { results, failed } = await checkBooks(root, resolve(root, flags.out), selectBooks(root, books), { ace: flags.ace, json: global.json, strict: global.strict });
        if (global.json) writeJson({ ok: !failed, exitCode: failed ? 1 : 0, books: results });
        return failed ? 1 : 0;
      }),
    );
}
