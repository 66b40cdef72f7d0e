/**
 * Parse YAML and validate it against a JSON Schema; every problem names the file, the line and the key:
 * `content/x/book.yaml:12:5 error /creators/0/role must be one of: author, translator, editor [config-invalid]`.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument, isMap, isNode, type Document } from 'yaml';
import { GalleyError, type Diagnostic } from '../diagnostics.js';

// verbose: the error carries its schema (for `explain` and the known keys) and the value found
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** Edit distance counting a swap of two neighbours as one slip ("titel" → "title"), for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known key closest to an unknown one, if it is close enough to be a slip. */
export function closestKey(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

function describe(error: ErrorObject): string {
  const schema = (error.parentSchema ?? {}) as { explain?: string; properties?: Record<string, unknown> };
  switch (error.keyword) {
    case 'enum':
      return `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')} (found ${shown(error.data)})`;
    case 'additionalProperties': {
      const key = error.params.additionalProperty as string;
      const known = Object.keys(schema.properties ?? {});
      const near = closestKey(key, known);
      return `has an unknown key "${key}"${near ? `: did you mean "${near}"?` : known.length > 0 ? ` (known keys: ${known.join(', ')})` : ''}`;
    }
    case 'required':
      return `is missing the key "${error.params.missingProperty}"`;
    case 'pattern':
    case 'type':
    case 'minLength':
    case 'minimum':
    case 'maximum':
      // the schema says in words what it wants ("a language code such as en or en-GB")
      if (schema.explain) return `must be ${schema.explain} (found ${shown(error.data)})`;
      return `${error.message ?? 'is not valid'} (found ${shown(error.data)})`;
    case 'not':
      return schema.explain ? `must be ${schema.explain} (found ${shown(error.data)})` : 'has a value that is not allowed here';
    default:
      return error.message ?? 'is not valid';
  }
}

function positionOf(doc: Document, counter: LineCounter, pointer: string, keyItself = false): { line?: number; column?: number } {
  const path = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (keyItself && path.length > 0) {
    // the key's own node (its value may be empty)
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === path[path.length - 1]);
      if (pair && isNode(pair.key) && pair.key.range) {
        const pos = counter.linePos(pair.key.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
  }
  // walk up until a node exists (a missing key is reported at its parent)
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      const pos = counter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
}

/** Where in the file a JSON pointer's value is (`/fonts/body/faces/0`), for errors found after validation. */
export type Locate = (pointer: string) => { line?: number; column?: number };

/** Returns the data, or throws a GalleyError listing every problem (also in `diagnostics`). */
export function validateYaml<T>(text: string, schema: object, displayPath: string): T {
  return validateYamlWithPositions<T>(text, schema, displayPath).data;
}

/** validateYaml, also returning `locate`, so that later checks (a font file) can point at the key's own line. */
export function validateYamlWithPositions<T>(text: string, schema: object, displayPath: string): { data: T; locate: Locate } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = counter.linePos(e.pos[0]);
    throw new GalleyError('yaml-syntax', `${e.message.split('\n')[0]}`, { file: displayPath, line: pos.line, column: pos.col });
  }
  const locate: Locate = (pointer) => positionOf(doc, counter, pointer);
  const data = doc.toJS() ?? {};
  const validate = validatorFor(schema);
  if (validate(data)) return { data: data as T, locate };
  const diagnostics: Diagnostic[] = (validate.errors ?? []).map((err) => {
    const key = err.instancePath || '/';
    // an unknown key is reported at its own line, not at its parent's
    const at = err.keyword === 'additionalProperties' ? `${err.instancePath}/${String(err.params.additionalProperty).replace(/~/g, '~0').replace(/\//g, '~1')}` : err.instancePath;
    return {
      severity: 'error',
      code: 'config-invalid',
      message: `${key} ${describe(err)}`,
      file: displayPath,
      ...positionOf(doc, counter, at, err.keyword === 'additionalProperties'),
    };
  });
  const first = diagnostics[0];
  const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
  const error = new GalleyError('config-invalid', `${first.message}${more}`, { file: first.file, line: first.line, column: first.column });
  (error as GalleyError & { diagnostics?: Diagnostic[] }).diagnostics = diagnostics;
  throw error;
}
