/**
 * Parse YAML and validate it against a JSON Schema; every problem names the file, the line and the key:
 * `content/x/book.yaml:12:5 error /creators/0/role must be one of: author, translator, editor [config-invalid]`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import type { Document, LineCounter as LineCounterClass } from 'yaml';
import { GalleyError, type Diagnostic } from '../diagnostics.js';
import { writeFileAtomic } from '../build/write-atomic.js';

/**
 * yaml and ajv are loaded when a file must be read and checked, not with this module: a rebuild whose
 * galley.yaml and book.yaml were checked before (the memo below) loads neither (400 modules, and the
 * schemas' compilation: a third of a one-edit EPUB rebuild's time).
 */
const require = createRequire(import.meta.url);
const yaml = () => require('yaml') as typeof import('yaml');
let ajv: AjvClass | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

export function validatorFor(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    // verbose: the error carries its schema (for `explain` and the known keys) and the value found
    ajv ??= new (require('ajv') as typeof import('ajv')).Ajv({ allErrors: true, strict: false, verbose: true });
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/**
 * Files found valid, by the hash of their text, their schema and the versions of yaml and ajv: the data read
 * from them, kept in memory and (when the command layer names a folder: keepValidConfigIn) on disk, so the
 * next run reads a galley.yaml or book.yaml it has checked before without parsing or validating it again.
 * Only a valid file is kept, and only data that JSON keeps as it is; a kept file that does not read is not used.
 */
let memoDir: string | undefined;
const remembered = new Map<string, string>();
const schemaHashes = new WeakMap<object, string>();
let versions: string | undefined;

export function keepValidConfigIn(dir: string | undefined): void {
  memoDir = dir;
}

function memoKey(text: string, schema: object): string {
  let schemaHash = schemaHashes.get(schema);
  if (!schemaHash) {
    schemaHash = createHash('sha256').update(JSON.stringify(schema)).digest('hex');
    schemaHashes.set(schema, schemaHash);
  }
  versions ??= ['yaml', 'ajv'].map((pkg) => {
    try {
      return `${pkg} ${(JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version}`;
    } catch {
      return `${pkg} ?`;
    }
  }).join(', ');
  return createHash('sha256').update(`${versions}\0${schemaHash}\0${text}`).digest('hex');
}

function recall(key: string): unknown {
  let json = remembered.get(key);
  if (json === undefined && memoDir) {
    try {
      json = readFileSync(join(memoDir, `${key}.json`), 'utf8');
    } catch {
      return undefined;
    }
  }
  if (json === undefined) return undefined;
  try {
    const data = JSON.parse(json) as unknown;
    remembered.set(key, json);
    return data;
  } catch {
    return undefined;
  }
}

/** Data that JSON gives back as it was: strings, finite numbers, booleans, null, lists, plain mappings. */
function plainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(plainJson);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.entries(value as object).every(([k, v]) => k !== '__proto__' && plainJson(v));
  return false;
}

function remember(key: string, data: unknown): void {
  if (!plainJson(data)) return;
  const json = JSON.stringify(data);
  remembered.set(key, json);
  if (!memoDir) return;
  try {
    writeFileAtomic(join(memoDir, `${key}.json`), json);
  } catch {
    // a memo not written is only a slower next run
  }
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

function positionOf(doc: Document, counter: LineCounterClass, pointer: string, keyItself = false): { line?: number; column?: number } {
  const path = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const { isMap, isNode } = yaml();
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
  const key = memoKey(text, schema);
  const known = recall(key);
  if (known !== undefined) {
    // checked before: the positions only if a later check asks for one (a font file not found)
    let parsed: { doc: Document; counter: LineCounterClass } | undefined;
    const locate: Locate = (pointer) => {
      if (!parsed) {
        const counter = new (yaml().LineCounter)();
        parsed = { doc: yaml().parseDocument(text, { lineCounter: counter, prettyErrors: false }), counter };
      }
      return positionOf(parsed.doc, parsed.counter, pointer);
    };
    return { data: known as T, locate };
  }
  const { LineCounter, parseDocument } = yaml();
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
  if (validate(data)) {
    remember(key, data);
    return { data: data as T, locate };
  }
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
