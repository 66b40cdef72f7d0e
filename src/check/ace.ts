/** Ace by DAISY on a built EPUB, with Debian's Chromium → diagnostics (every violation is an error). */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { GalleyError, type Diagnostic } from '../diagnostics.js';
import { runProcess } from './run-process.js';
import { findChromium } from '../tools/find-tools.js';

interface AceReport {
  assertions: {
    'earl:testSubject': { url: string };
    assertions?: { 'earl:test': { 'dct:title': string; 'earl:impact': string }; 'earl:result': { 'dct:description': string; html?: string } }[];
  }[];
}

function aceCli(): string {
  const require = createRequire(import.meta.url);
  try {
    return join(require.resolve('@daisy/ace-cli/package.json'), '..', 'bin', 'ace.js');
  } catch (error) {
    throw new GalleyError('tool-missing', 'Ace by DAISY (@daisy/ace-cli, a dependency of galley) is not installed: reinstall galley, or run galley check --no-ace', { cause: error });
  }
}

export async function runAce(epubPath: string, options: { timeoutMs?: number } = {}): Promise<Diagnostic[]> {
  const chromium = findChromium();
  const outdir = mkdtempSync(join(tmpdir(), 'galley-ace-'));
  try {
    const result = await runProcess(process.execPath, [aceCli(), '--silent', '--force', '--outdir', outdir, epubPath], {
      timeoutMs: options.timeoutMs ?? 300_000,
      tool: 'Ace',
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: chromium, PUPPETEER_SKIP_DOWNLOAD: '1' },
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
