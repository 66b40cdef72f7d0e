/**
 * A book's cache entry, dist/.galley/<book>.json: for each output, the key of its inputs (input-hash.ts)
 * and the files outside the book folder its build read, the sha256 and size of the file as it was written,
 * what it told the outputs that need it; and the book's diagnostics from that build, printed again
 * while it stays current (so `--strict` fails the same, cached or not).
 *
 * An entry is only ever trusted whole: one that is not valid JSON, or not of this shape, is reported
 * (`cache-corrupt`) and ignored, and the build rewrites it. An output whose file no longer has the
 * recorded hash (truncated, edited, replaced) is not current.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { OutputFacts, OutputId } from '../outputs/types.js';
import { fileDigest } from './input-hash.js';
import { writeFileAtomic } from './write-atomic.js';

export interface OutputRecord {
  key: string;
  /** absolute paths of the files outside the book folder that its build read (their content is in the key) */
  reads: string[];
  sha256: string;
  bytes: number;
  facts?: OutputFacts;
  /** for an output made in the browser: the browser's version then (the next build's guess, build-books.ts) */
  browser?: string;
}

export interface Manifest {
  version: 2;
  outputs: Partial<Record<OutputId, OutputRecord>>;
  diagnostics: Diagnostic[];
}

export const emptyManifest = (): Manifest => ({ version: 2, outputs: {}, diagnostics: [] });

export function manifestPath(outDir: string, slug: string): string {
  return join(outDir, '.galley', `${slug}.json`);
}

const OUTPUT_IDS = new Set(['epub', 'pdf', 'interior', 'cover']);
const SEVERITIES = new Set(['error', 'warning', 'info']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isRecord(v: unknown): v is OutputRecord {
  return (
    isObject(v) &&
    typeof v.key === 'string' &&
    Array.isArray(v.reads) &&
    v.reads.every((r) => typeof r === 'string') &&
    typeof v.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(v.sha256) &&
    Number.isSafeInteger(v.bytes) &&
    (v.facts === undefined || (isObject(v.facts) && (v.facts.pages === undefined || Number.isSafeInteger(v.facts.pages)))) &&
    (v.browser === undefined || typeof v.browser === 'string')
  );
}

function isDiagnostic(v: unknown): v is Diagnostic {
  return isObject(v) && SEVERITIES.has(v.severity as string) && typeof v.code === 'string' && typeof v.message === 'string';
}

/** Why a parsed entry is not one galley wrote, or undefined if it is. */
function problemOf(data: unknown): string | undefined {
  if (!isObject(data)) return `holds ${data === null ? 'null' : Array.isArray(data) ? 'a list' : `a ${typeof data}`}, not a cache entry`;
  if (data.version !== 2) return `is not a cache entry of this galley (version ${JSON.stringify(data.version)})`;
  if (!isObject(data.outputs)) return 'has no outputs';
  for (const [id, record] of Object.entries(data.outputs)) {
    if (!OUTPUT_IDS.has(id) || !isRecord(record)) return `has a malformed record for ${id}`;
  }
  if (!Array.isArray(data.diagnostics) || !data.diagnostics.every(isDiagnostic)) return 'has malformed diagnostics';
  return undefined;
}

/** An entry of galley before 0.2 (`{ "epub": "<hash>", "facts": … }`): simply out of date, not corrupt. */
function isLegacy(data: unknown): boolean {
  return isObject(data) && data.version === undefined && Object.entries(data).every(([k, v]) => (OUTPUT_IDS.has(k) && typeof v === 'string') || k === 'facts');
}

export function readManifest(outDir: string, slug: string): { manifest: Manifest; problem?: string } {
  const path = manifestPath(outDir, slug);
  if (!existsSync(path)) return { manifest: emptyManifest() };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { manifest: emptyManifest(), problem: `is not valid JSON (${String((error as Error).message).split('\n')[0]})` };
  }
  if (isLegacy(data)) return { manifest: emptyManifest() };
  const problem = problemOf(data);
  return problem ? { manifest: emptyManifest(), problem } : { manifest: data as unknown as Manifest };
}

export function writeManifest(outDir: string, slug: string, manifest: Manifest): void {
  writeFileAtomic(manifestPath(outDir, slug), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Is the file at `path` the one the record says was written (same size, same sha256)? */
export function outputIntact(path: string, record: OutputRecord | undefined): boolean {
  if (!record) return false;
  try {
    const s = statSync(path);
    if (!s.isFile() || s.size !== record.bytes) return false;
  } catch {
    return false;
  }
  return fileDigest(path) === record.sha256;
}

/** The outputs a cache entry names, for removing a deleted book's files; unreadable entries name none. */
export function recordedOutputs(outDir: string, slug: string): OutputId[] {
  try {
    const data = JSON.parse(readFileSync(manifestPath(outDir, slug), 'utf8')) as unknown;
    if (isObject(data) && isObject(data.outputs)) return Object.keys(data.outputs).filter((k) => OUTPUT_IDS.has(k)) as OutputId[];
    if (isObject(data)) return Object.keys(data).filter((k) => OUTPUT_IDS.has(k)) as OutputId[];
  } catch {
    /* corrupt: the entry alone is removed */
  }
  return [];
}

export function removeManifest(outDir: string, slug: string): void {
  rmSync(manifestPath(outDir, slug), { force: true });
}
