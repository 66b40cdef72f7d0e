/** epubcheck (Debian's jar) on a built EPUB → diagnostics. */
import { relative } from 'node:path';
import { GalleyError, type Diagnostic } from '../diagnostics.js';
import { findEpubcheckJar, findJava } from '../tools/find-tools.js';
import { runProcess } from './run-process.js';

interface EpubcheckJson {
  messages: { ID: string; severity: string; message: string; locations: { path: string; line: number; column: number }[] }[];
}

const SEVERITY: Record<string, Diagnostic['severity']> = { FATAL: 'error', ERROR: 'error', WARNING: 'warning', USAGE: 'info', INFO: 'info' };

export async function runEpubcheck(epubPath: string, options: { timeoutMs?: number } = {}): Promise<Diagnostic[]> {
  const jar = findEpubcheckJar();
  const result = await runProcess(findJava(), ['-jar', jar, '--json', '-', epubPath], { timeoutMs: options.timeoutMs ?? 180_000, tool: 'epubcheck' });
  const start = result.stdout.indexOf('{');
  if (start < 0) throw new GalleyError('epubcheck-failed', `epubcheck gave no report: ${result.stderr.trim().split('\n')[0] ?? ''}`);
  const report = JSON.parse(result.stdout.slice(start)) as EpubcheckJson;
  const display = relative(process.cwd(), epubPath);
  return report.messages
    .filter((m) => m.severity !== 'USAGE' && m.severity !== 'INFO')
    .flatMap((m) =>
      (m.locations.length > 0 ? m.locations : [undefined]).map((loc) => ({
        severity: SEVERITY[m.severity] ?? 'error',
        code: `epubcheck-${m.ID}`,
        message: m.message,
        file: loc ? `${display}/${loc.path}` : display,
        line: loc && loc.line > 0 ? loc.line : undefined,
        column: loc && loc.column > 0 ? loc.column : undefined,
      })),
    );
}
