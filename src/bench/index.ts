/**
 * `npm run bench`: the figures of issue 4, one line each, medians of several runs, in a scratch copy of the
 * project (the real dist/ is never touched). Prints figures and ratios; asserts nothing.
 *   GALLEY_BENCH_RUNS=3  runs per figure (cold builds: at most 2)
 *   GALLEY_BENCH_BOOK=works-volume-6  the big book for the per-format figures
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

const RUNS = Number(process.env.GALLEY_BENCH_RUNS ?? 3);
const BIG = process.env.GALLEY_BENCH_BOOK ?? 'works-volume-6';
const CLI = join(PACKAGE_ROOT, 'lib', 'cli', 'index.js');
const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

interface RunResult {
  seconds: number;
  maxRssMb: number;
}

/** Run galley in the scratch project; wall time and the peak memory it reports. */
function galley(cwd: string, args: string[]): RunResult {
  const start = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, GALLEY_REPORT_RSS: '1' } });
  const seconds = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`galley ${args.join(' ')} failed:\n${r.stderr}`);
  const rss = /maxrss=(\d+)/.exec(r.stderr);
  return { seconds, maxRssMb: rss ? Number(rss[1]) / 1024 : NaN };
}

function timeIt(fn: () => void): number {
  const start = performance.now();
  fn();
  return (performance.now() - start) / 1000;
}

function line(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(48)} ${value}\n`);
}

function makeScratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'galley-bench-'));
  cpSync(join(PACKAGE_ROOT, 'content'), join(dir, 'content'), { recursive: true });
  cpSync(join(PACKAGE_ROOT, 'galley.yaml'), join(dir, 'galley.yaml'));
  symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** Change one word of one paragraph of the big book (a proofreading fix). */
function editParagraph(dir: string, n: number): void {
  const bookDir = join(dir, 'content', BIG);
  const files = readdirSync(bookDir).filter((f) => /^\d.*\.md$/.test(f)).sort();
  const file = join(bookDir, files[Math.min(files.length - 1, 3 + n)]);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const i = lines.findIndex((l, k) => k > 5 && l.length > 200 && !l.startsWith('[^'));
  lines[i] = lines[i].replace(/ the /, n % 2 ? ' the ' : ' the  ').replace(/ {2}/, ' ') + (n % 2 ? '' : ' ');
  writeFileSync(file, lines.join('\n'));
}

async function main(): Promise<void> {
  const dir = makeScratch();
  const out = join(dir, 'dist');
  try {
    if (!existsSync(join(dir, 'content', BIG, 'book.yaml'))) {
      // the big book is not in content/ yet: measure a synthetic volume of its size (~40 works, ~850 KB)
      execFileSync(process.execPath, [join(PACKAGE_ROOT, 'tests', 'print', 'make-big-book.mjs'), join(dir, 'content', BIG)], { stdio: 'ignore' });
      line('big book', `${BIG} not in content/: a synthetic volume of the same size stands in`);
    }
    line('machine', `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
    const books = readdirSync(join(dir, 'content')).filter((b) => existsSync(join(dir, 'content', b, 'book.yaml')));
    line('books', `${books.length}: ${books.join(', ')}`);

    const cold = Array.from({ length: Math.min(RUNS, 2) }, () => galley(dir, ['build', '--force', '--quiet', '--out', out]));
    line('cold build, all books (EPUB + PDF)', `${median(cold.map((r) => r.seconds)).toFixed(2)} s, peak memory ${Math.max(...cold.map((r) => r.maxRssMb)).toFixed(0)} MB`);

    const noop = Array.from({ length: Math.max(RUNS, 5) }, () => galley(dir, ['build', '--quiet', '--out', out]));
    line('no-op rebuild, all books', `${median(noop.map((r) => r.seconds)).toFixed(3)} s (whole process, node start included)`);

    const editEpub: number[] = [];
    const editPdf: number[] = [];
    for (let n = 0; n < RUNS; n++) {
      editParagraph(dir, n);
      editEpub.push(galley(dir, ['build', '--epub', '--quiet', '--out', out]).seconds);
      editPdf.push(galley(dir, ['build', '--pdf', '--quiet', '--out', out]).seconds);
    }
    line(`one-paragraph edit in ${BIG}: EPUB rebuild`, `${median(editEpub).toFixed(2)} s (whole process; other books stay current)`);
    line(`one-paragraph edit in ${BIG}: PDF rebuild`, `${median(editPdf).toFixed(2)} s`);

    // in-process EPUB work, without node start-up and module loading
    const { loadProjectConfig } = await import('../config/load-project.js');
    const { Diagnostics } = await import('../diagnostics.js');
    const { parseBook } = await import('../model/parse-book.js');
    const { readBookFiles } = await import('../model/read-book.js');
    const { renderEpub } = await import('../render/epub/render-epub.js');
    const project = loadProjectConfig(dir);
    const cover = readFileSync(join(PACKAGE_ROOT, 'tests/fixtures/cover.jpg'));
    const epubTimes: number[] = [];
    for (let n = 0; n < RUNS + 1; n++) {
      const start = performance.now();
      const book = parseBook(readBookFiles(join(dir, 'content', BIG), dir), new Diagnostics());
      await renderEpub(book, project, { galleyVersion: 'bench', revision: '2026-01-01', cover });
      epubTimes.push((performance.now() - start) / 1000);
    }
    const epubWork = median(epubTimes.slice(1)); // the first run warms the JIT
    let pandocNote = 'pandoc not installed';
    if (spawnSync('pandoc', ['--version']).status === 0) {
      const bookDir = join(dir, 'content', BIG);
      const mds = readdirSync(bookDir).filter((f) => /^\d.*\.md$/.test(f)).sort().map((f) => join(bookDir, f));
      const pandoc = median(Array.from({ length: RUNS }, () => timeIt(() => execFileSync('pandoc', ['-o', join(dir, 'pandoc.epub'), '--metadata', 'title=Bench', ...mds]))));
      pandocNote = `pandoc ${pandoc.toFixed(2)} s, ratio ${(epubWork / pandoc).toFixed(2)}`;
    }
    line(`${BIG} EPUB (parse + render + zip, in process)`, `${epubWork.toFixed(3)} s; ${pandocNote}`);

    // PDF: galley's typesetting against Chromium's own print of the very same HTML
    const pdfTimes = Array.from({ length: Math.min(RUNS, 2) }, () => galley(dir, ['build', BIG, '--pdf', '--force', '--quiet', '--out', out]).seconds);
    const { renderPrintHtml } = await import('../render/print/render-print-html.js');
    const book = parseBook(readBookFiles(join(dir, 'content', BIG), dir), new Diagnostics());
    const htmlPath = join(dir, 'content', BIG, '.bench-print.html');
    writeFileSync(htmlPath, renderPrintHtml(book, project, { galleyVersion: 'bench', revision: '2026-01-01' }));
    const floor = median(
      Array.from({ length: Math.min(RUNS, 2) }, () =>
        timeIt(() =>
          execFileSync(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--print-to-pdf=${join(dir, 'floor.pdf')}`, '--no-pdf-header-footer', `file://${htmlPath}`], { stdio: 'ignore', timeout: 600_000 }),
        ),
      ),
    );
    const pdf = median(pdfTimes);
    line(`${BIG} PDF (galley build --pdf, whole process)`, `${pdf.toFixed(2)} s; chromium --print-to-pdf ${floor.toFixed(2)} s; ratio ${(pdf / floor).toFixed(2)}`);

    // the typesetting alone (browser start included, node start and parsing not), and where its time goes
    const { typesetPdf, closeTypesetter } = await import('../render/print/typeset-pdf.js');
    const html = readFileSync(htmlPath, 'utf8');
    const stages: string[] = [];
    const typesetTimes: number[] = [];
    try {
      for (let n = 0; n < Math.min(RUNS, 2); n++) {
        await closeTypesetter();
        stages.length = 0;
        const start = performance.now();
        await typesetPdf(html, {
          baseDir: join(dir, 'content', BIG),
          timeoutMs: 600_000,
          title: book.meta.title,
          author: 'bench',
          language: book.meta.language,
          revision: '2026-01-01',
          onTiming: (stage, ms) => stages.push(`${stage} ${(ms / 1000).toFixed(1)}`),
        });
        typesetTimes.push((performance.now() - start) / 1000);
      }
    } finally {
      await closeTypesetter();
    }
    const typeset = median(typesetTimes);
    line(`${BIG} PDF (typesetPdf alone, in process)`, `${typeset.toFixed(2)} s; ratio ${(typeset / floor).toFixed(2)}; stages (s): ${stages.join(', ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
