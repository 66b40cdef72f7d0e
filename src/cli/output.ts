/**
 * The one place that prints and sets the exit code. Commands throw GalleyError or return diagnostics;
 * this prints one clear line per problem (a stack only with --debug).
 */
import { formatDiagnostic, GalleyError, type Diagnostic } from '../diagnostics.js';

export interface GlobalFlags {
  debug?: boolean;
  strict?: boolean;
}

export function printDiagnostics(diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
}

/** Do diagnostics fail the run? Errors always; warnings with --strict. */
export function failsRun(diagnostics: Diagnostic[], strict = false): boolean {
  return diagnostics.some((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
}

export function reportError(error: unknown, debug = false): void {
  if (error instanceof GalleyError) {
    process.stderr.write(`${formatDiagnostic(error.toDiagnostic())}\n`);
    const extra = (error as GalleyError & { diagnostics?: Diagnostic[] }).diagnostics;
    if (extra && extra.length > 1) printDiagnostics(extra.slice(1));
  } else {
    process.stderr.write(`error ${(error as Error)?.message ?? String(error)} [internal]\n`);
  }
  if (debug) {
    let e: unknown = error;
    while (e) {
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      e = (e as Error).cause;
      if (e) process.stderr.write('caused by: ');
    }
  }
}

/** Wrap a command action: errors become one line and exit code 1. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const command = args[args.length - 1] as { optsWithGlobals?: () => GlobalFlags };
    const flags = command.optsWithGlobals?.() ?? {};
    try {
      const code = await fn(...args);
      process.exitCode = code ?? 0;
    } catch (error) {
      reportError(error, flags.debug);
      process.exitCode = 1;
    }
  };
}
