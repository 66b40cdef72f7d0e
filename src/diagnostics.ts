/**
 * Diagnostics: positioned messages with stable codes, collected and printed together.
 * `content/foundations/03-theory.md:41:7 warning Footnote [^12] is never referenced [note-unused]`
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** stable code, e.g. `note-unused`, `config-invalid` */
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''} ` : '';
  return `${where}${d.severity} ${d.message} [${d.code}]`;
}

/** A collector passed through the stages; library code reports here instead of printing. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];
  report(d: Diagnostic): void {
    this.items.push(d);
  }
  error(code: string, message: string, where: Partial<Pick<Diagnostic, 'file' | 'line' | 'column'>> = {}): void {
    this.report({ severity: 'error', code, message, ...where });
  }
  warn(code: string, message: string, where: Partial<Pick<Diagnostic, 'file' | 'line' | 'column'>> = {}): void {
    this.report({ severity: 'warning', code, message, ...where });
  }
  info(code: string, message: string, where: Partial<Pick<Diagnostic, 'file' | 'line' | 'column'>> = {}): void {
    this.report({ severity: 'info', code, message, ...where });
  }
  get errors(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'error');
  }
  get warnings(): Diagnostic[] {
    return this.items.filter((d) => d.severity === 'warning');
  }
}

/** An error that the CLI prints as one clear line; `cause` keeps the underlying error for --debug. */
export class GalleyError extends Error {
  readonly code: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; file?: string; line?: number; column?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GalleyError';
    this.code = code;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
  }
  toDiagnostic(): Diagnostic {
    return { severity: 'error', code: this.code, message: this.message, file: this.file, line: this.line, column: this.column };
  }
}
