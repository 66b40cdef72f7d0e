/**
 * Parse YAML and validate it against a JSON Schema; every problem names the file, the line and the key:
 * `content/x/book.yaml:12:5 error /creators/0/role must be one of: author, translator, editor [config-invalid]`.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { GalleyError, type Diagnostic } from '../diagnostics.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case 'enum':
      return `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}`;
    case 'additionalProperties':
      return `has an unknown key "${error.params.additionalProperty}"`;
    case 'required':
      return `is missing the key "${error.params.missingProperty}"`;
    case 'not':
      return 'has a value that is not allowed here';
    default:
      return error.message ?? 'is not valid';
  }
}

function positionOf(doc: Document, counter: LineCounter, pointer: string): { line?: number; column?: number } {
  const path = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
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

/** Returns the data, or throws a GalleyError listing every problem (also in `diagnostics`). */
export function validateYaml<T>(text: string, schema: object, displayPath: string): T {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = counter.linePos(e.pos[0]);
    throw new GalleyError('yaml-syntax', `${e.message.split('\n')[0]}`, { file: displayPath, line: pos.line, column: pos.col });
  }
  const data = doc.toJS() ?? {};
  const validate = validatorFor(schema);
  if (validate(data)) return data as T;
  const diagnostics: Diagnostic[] = (validate.errors ?? []).map((err) => {
    const key = err.instancePath || '/';
    return {
      severity: 'error',
      code: 'config-invalid',
      message: `${key} ${describe(err)}`,
      file: displayPath,
      ...positionOf(doc, counter, err.instancePath),
    };
  });
  const first = diagnostics[0];
  const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
  const error = new GalleyError('config-invalid', `${first.message}${more}`, { file: first.file, line: first.line, column: first.column });
  (error as GalleyError & { diagnostics?: Diagnostic[] }).diagnostics = diagnostics;
  throw error;
}
