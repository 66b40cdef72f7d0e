/**
 * `npm run bench`: the figures of issue 4, one line each, medians of several runs, in a scratch copy of the
 * project (the real dist/ is never touched). Prints figures and ratios; asserts nothing.
 *   GALLEY_BENCH_RUNS=3  runs per figure (cold builds: at most 2)
 *   GALLEY_BENCH_BOOK=works-volume-6  the big book for the per-format figures
 *   GALLEY_BENCH_MEMORY_BOOK=foundations-of-leninism  the book built 1, 3 and 6 times for the memory figure
 */
import { printFiles } from '../render/print/browser/no-network.js';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

const RUNS = Number(process.env.GALLEY_BENCH_RUNS ?? 3);
const BIG = process.env.GALLEY_BENCH_BOOK ?? 'works-volume-6';
const CLI = join(PACKAGE_ROOT, 'lib', 'cli', 'index.js');
const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';
/** a mid-sized book, built 1, 3 and 6 times in one run to show that memory does not grow with books */
const MEMORY_BOOK = process.env.GALLEY_BENCH_MEMORY_BOOK ?? 'foundations-of-leninism';

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
  return { seconds, maxRssMb: reportedRssMb(r.stderr) };
}

/** The peak memory galley reports on stderr (GALLEY_REPORT_RSS), in MB. */
function reportedRssMb(stderr: string): number {
  const rss = /maxrss=(\d+)/.exec(stderr);
  return rss ? Number(rss[1]) / 1024 : NaN;
}

/** The resident memory of Chromium's processes now (those of galley's profile folders), in MB. */
function chromiumRssMb(): number {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('galley-chromium-')) continue;
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* the process ended meanwhile */
    }
  }
  return kb / 1024;
}

/** Run galley as galley() does, sampling Chromium's memory meanwhile (the sum of its processes' RSS). */
async function galleyWithBrowserMemory(cwd: string, args: string[]): Promise<RunResult & { browserMb: number }> {
  const start = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, GALLEY_REPORT_RSS: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let browserMb = 0;
  const timer = setInterval(() => (browserMb = Math.max(browserMb, chromiumRssMb())), 100);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(timer);
  if (status !== 0) throw new Error(`galley ${args.join(' ')} failed:\n${stderr}`);
  return { seconds: (performance.now() - start) / 1000, maxRssMb: reportedRssMb(stderr), browserMb };
}

/** Peak memory building `copies` copies of a book in one run: it must not grow with the number of books. */
async function memoryByBooks(book: string, counts: number[]): Promise<string> {
  const figures: string[] = [];
  for (const copies of counts) {
    const dir = mkdtempSync(join(tmpdir(), 'galley-bench-mem-'));
    try {
      cpSync(join(PACKAGE_ROOT, 'galley.yaml'), join(dir, 'galley.yaml'));
      symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(dir, 'node_modules'));
      for (let i = 1; i <= copies; i++) cpSync(join(PACKAGE_ROOT, 'content', book), join(dir, 'content', `${book}-${i}`), { recursive: true });
      const r = await galleyWithBrowserMemory(dir, ['build', '--quiet', '--out', join(dir, 'dist')]);
      figures.push(`${copies} book${copies > 1 ? 's' : ''}: galley ${r.maxRssMb.toFixed(0)} MB, Chromium ${r.browserMb.toFixed(0)} MB`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return figures.join('; ');
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

    const cold: (RunResult & { browserMb: number })[] = [];
    for (let n = 0; n < Math.min(RUNS, 2); n++) cold.push(await galleyWithBrowserMemory(dir, ['build', '--force', '--quiet', '--out', out]));
    line(
      'cold build, all books (EPUB + PDF)',
      `${median(cold.map((r) => r.seconds)).toFixed(2)} s, peak memory: galley ${Math.max(...cold.map((r) => r.maxRssMb)).toFixed(0)} MB, Chromium ${Math.max(...cold.map((r) => r.browserMb)).toFixed(0)} MB (sum of its processes' RSS)`,
    );
    if (existsSync(join(PACKAGE_ROOT, 'content', MEMORY_BOOK, 'book.yaml'))) {
      line(`peak memory by books in one run (${MEMORY_BOOK} ×n)`, await memoryByBooks(MEMORY_BOOK, [1, 3, 6]));
    }

    const noop = Array.from({ length: Math.max(RUNS, 5) }, () => galley(dir, ['build', '--quiet', '--out', out]));
    line('no-op rebuild, all books', `${median(noop.map((r) => r.seconds)).toFixed(3)} s (whole process, node start included)`);
    {
      // the same, as work: in process, modules loaded (what is left is reading, hashing and comparing)
      const { buildBooks } = await import('../build/build-books.js');
      const { loadProjectConfig } = await import('../config/load-project.js');
      const { listBooks } = await import('../model/read-book.js');
      const { GALLEY_VERSION } = await import('../cli/version.js');
      const { clearHashCache } = await import('../build/input-hash.js');
      const times: number[] = [];
      for (let n = 0; n < Math.max(RUNS, 5); n++) {
        clearHashCache();
        const start = performance.now();
        const results = await buildBooks({ project: loadProjectConfig(dir), books: listBooks(dir), formats: ['epub', 'pdf'], outDir: out, galleyVersion: GALLEY_VERSION });
        times.push((performance.now() - start) / 1000);
        if (results.some((r) => r.outputs.some((o) => o.built))) throw new Error('the no-op build rebuilt something');
      }
      line('no-op rebuild, all books (work, in process)', `${median(times).toFixed(3)} s`);
    }

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

    // the press files (issue 12): interior (typeset again with the preset's margins, then Ghostscript) and cover
    const pressTimes = Array.from({ length: Math.min(RUNS, 2) }, () => galley(dir, ['build', BIG, '--press', '--force', '--quiet', '--out', out]).seconds);
    const { toPdfx } = await import('../render/press/to-pdfx.js');
    const readingPdf = readFileSync(join(out, `${BIG}.pdf`));
    const gs = await (async () => {
      const start = performance.now();
      await toPdfx(readingPdf, { colour: 'gray', pdfx: 'X-1a', title: 'bench', revision: '2026-01-01', timeoutMs: 600_000 });
      return (performance.now() - start) / 1000;
    })();
    line(`${BIG} press files (galley build --press: interior + cover, whole process)`, `${median(pressTimes).toFixed(2)} s, of which Ghostscript (PDF/X, DeviceGray) ${gs.toFixed(2)} s; the reading PDF alone ${pdf.toFixed(2)} s`);

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
          allowFiles: printFiles(book, project),
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
