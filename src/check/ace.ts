/** Ace by DAISY on a built EPUB, with Debian's Chromium → diagnostics (every violation is an error). */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { GalleyError, type Diagnostic } from '../diagnostics.js';
import { runProcess } from './run-process.js';

export const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium';

interface AceReport {
  assertions: {
    'earl:testSubject': { url: string };
    assertions?: { 'earl:test': { 'dct:title': string; 'earl:impact': string }; 'earl:result': { 'dct:description': string; html?: string } }[];
  }[];
}

function aceCli(): string {
  const require = createRequire(import.meta.url);
  return join(require.resolve('@daisy/ace-cli/package.json'), '..', 'bin', 'ace.js');
}

export async function runAce(epubPath: string, options: { timeoutMs?: number } = {}): Promise<Diagnostic[]> {
  if (!existsSync(CHROMIUM)) throw new GalleyError('tool-missing', `Chromium is not installed (${CHROMIUM}); run the setup command of the README`);
  const outdir = mkdtempSync(join(tmpdir(), 'galley-ace-'));
  try {
    const result = await runProcess(process.execPath, [aceCli(), '--silent', '--force', '--outdir', outdir, epubPath], {
      timeoutMs: options.timeoutMs ?? 300_000,
      tool: 'Ace',
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: CHROMIUM, PUPPETEER_SKIP_DOWNLOAD: '1' },
    });
    const reportPath = join(outdir, 'report.json');
    if (!existsSync(reportPath)) throw new GalleyError('ace-failed', `Ace wrote no report (exit ${result.code}): ${(result.stderr || result.stdout).trim().split('\n').slice(-1)[0] ?? ''}`);
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as AceReport;
    const display = relative(process.cwd(), epubPath);
    return report.assertions.flatMap((doc) =>
      (doc.assertions ?? []).map((a) => ({
        severity: 'error' as const,
        code: `ace-${a['earl:test']['dct:title']}`,
        message: `${a['earl:test']['earl:impact']}: ${a['earl:result']['dct:description'].split('\n')[0]}${a['earl:result'].html ? ` — ${a['earl:result'].html.slice(0, 120)}` : ''}`,
        file: `${display}/${doc['earl:testSubject'].url}`,
      })),
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
