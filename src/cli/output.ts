/**
 * The one place that prints and sets the exit code. Commands throw GalleyError or return diagnostics;
 * this prints one clear line per problem (a stack only with --debug), or, with --json, one JSON document.
 *
 * Exit codes: 0 success; 1 the run failed (errors, or warnings under --strict); 2 a usage error.
 */
import { formatDiagnostic, GalleyError, type Diagnostic } from '../diagnostics.js';

export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Errors that mean the command line was wrong, not the books: exit code 2. */
const USAGE_CODES = new Set(['usage', 'book-unknown', 'root-missing', 'init-exists']);

export interface GlobalFlags {
  debug?: boolean;
  strict?: boolean;
  json?: boolean;
  root?: string;
}

export function printDiagnostics(diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
}

/** Do diagnostics fail the run? Errors always; warnings with --strict. */
export function failsRun(diagnostics: Diagnostic[], strict = false): boolean {
  return diagnostics.some((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
}

/** An error's diagnostics: the error itself, then the further problems it carries (every invalid key). */
export function errorDiagnostics(error: unknown): Diagnostic[] {
  if (error instanceof GalleyError) {
    const extra = (error as GalleyError & { diagnostics?: Diagnostic[] }).diagnostics;
    return [error.toDiagnostic(), ...(extra && extra.length > 1 ? extra.slice(1) : [])];
  }
  return [{ severity: 'error', code: 'internal', message: (error as Error)?.message ?? String(error) }];
}

export function reportError(error: unknown, debug = false): void {
  printDiagnostics(errorDiagnostics(error));
  if (debug) process.stderr.write(stackOf(error));
}

/** The stack of an error and of each of its causes. */
export function stackOf(error: unknown): string {
  let out = '';
  let e: unknown = error;
  while (e) {
    out += `${(e as Error).stack ?? String(e)}\n`;
    e = (e as Error).cause;
    if (e) out += 'caused by: ';
  }
  return out;
}

export function exitCodeOf(error: unknown): number {
  return error instanceof GalleyError && USAGE_CODES.has(error.code) ? EXIT_USAGE : EXIT_FAILED;
}

export function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Wrap a command action: errors become one line (or a JSON document) and exit code 1 (2 for usage errors). */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const command = args[args.length - 1] as { optsWithGlobals?: () => GlobalFlags };
    const flags = command.optsWithGlobals?.() ?? {};
    try {
      const code = await fn(...args);
      process.exitCode = code ?? 0;
    } catch (error) {
      const code = exitCodeOf(error);
      if (flags.json) {
        writeJson({ ok: false, exitCode: code, diagnostics: errorDiagnostics(error), ...(flags.debug ? { stack: stackOf(error) } : {}) });
      } else {
        reportError(error, flags.debug);
      }
      process.exitCode = code;
    }
  };
}
