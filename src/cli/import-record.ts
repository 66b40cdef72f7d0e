/**
 * The import record: what `galley import` wrote into a book folder, kept in the folder's hidden `.import/`:
 *
 *   .import/record.json      { version, galley, profile, source: sha256 of source.txt, files: { name: sha256 } }
 *   .import/files/<name>     a copy of each file as imported (book.yaml and the Markdown files)
 *
 * A re-import compares the folder with it to tell the corrections made by hand from the importer's own output
 * (src/import/reimport.ts). The build, check and lint read only the folder's top level: `.import/` is not part of
 * the book. A record whose copies do not match their hashes is refused (someone edited it): delete `.import/` to
 * re-import as if there were no record.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GalleyError } from '../diagnostics.js';
import { GALLEY_VERSION } from './version.js';

export const RECORD_DIR = '.import';
const RECORD_FILE = 'record.json';
const COPIES = 'files';

export interface ImportRecord {
  version: 1;
  galley: string;
  profile: string;
  /** sha256 of source.txt as written */
  source: string;
  /** sha256 of each recorded file as imported */
  files: Record<string, string>;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The files a record keeps: what people correct by hand (the report's own hand section is kept apart). */
export function isRecorded(name: string): boolean {
  return name === 'book.yaml' || (name.endsWith('.md') && name !== 'import-report.md');
}

/** The record's files, by their path inside the book folder, for the given import. */
export function recordFiles(files: Map<string, string>, profile: string, sourceBytes: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const record: ImportRecord = { version: 1, galley: GALLEY_VERSION, profile, source: sha256(sourceBytes), files: {} };
  for (const [name, text] of files) {
    if (!isRecorded(name)) continue;
    record.files[name] = sha256(text);
    out.set(join(RECORD_DIR, COPIES, name), text);
  }
  out.set(join(RECORD_DIR, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
  return out;
}

/** The files as the previous import wrote them, or undefined when the folder has no record. */
export function readImportRecord(dir: string, displayDir: string): { record: ImportRecord; files: Map<string, string> } | undefined {
  const path = join(dir, RECORD_DIR, RECORD_FILE);
  if (!existsSync(path)) return undefined;
  const shown = `${displayDir}/${RECORD_DIR}/${RECORD_FILE}`;
  const damaged = (why: string, file = shown) =>
    new GalleyError('import-record-damaged', `the import record is damaged (${why}); delete ${displayDir}/${RECORD_DIR} to re-import without it (every difference then counts as a change)`, { file });
  let record: ImportRecord;
  try {
    record = JSON.parse(readFileSync(path, 'utf8')) as ImportRecord;
  } catch (error) {
    throw damaged(`not JSON: ${(error as Error).message}`);
  }
  if (record?.version !== 1 || typeof record.files !== 'object' || record.files === null) throw damaged('unknown version');
  const files = new Map<string, string>();
  for (const [name, hash] of Object.entries(record.files)) {
    // names come from our own writes; anything else is refused rather than read
    if (!isRecorded(name) || name.includes('/') || name.startsWith('.')) throw damaged(`unexpected name "${name}"`);
    const copy = join(dir, RECORD_DIR, COPIES, name);
    if (!existsSync(copy) || !statSync(copy).isFile()) throw damaged(`${name} is missing`);
    const text = readFileSync(copy, 'utf8');
    if (sha256(text) !== hash) throw damaged(`${name} does not match its hash`, `${displayDir}/${RECORD_DIR}/${COPIES}/${name}`);
    files.set(name, text);
  }
  return { record, files };
}

/** The record's copies that a new record does not have (to remove from the staged folder). */
export function staleCopies(dir: string, next: Map<string, string>): string[] {
  const copies = join(dir, RECORD_DIR, COPIES);
  if (!existsSync(copies)) return [];
  return readdirSync(copies)
    .map((n) => join(RECORD_DIR, COPIES, n))
    .filter((p) => !next.has(p));
}
