/**
 * The revision date of a book (colophon, dcterms:modified, zip entry dates), so rebuilds are reproducible:
 * book.yaml `revision`, else SOURCE_DATE_EPOCH, else the date of the last commit touching the book,
 * else the newest modification time of its files. `resolveModified` gives the same moment to the second.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { bookInputFiles } from './input-hash.js';

function isoInstant(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The moment of the revision, to the second (the EPUB's dcterms:modified): book.yaml `revision` at midnight UTC,
 * else SOURCE_DATE_EPOCH, else the time of the last commit touching the book, else the newest modification time. */
export function resolveModified(bookDir: string, fromBookYaml?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (fromBookYaml) return `${fromBookYaml}T00:00:00Z`;
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return isoInstant(Number(epoch));
  const committed = lastCommitSeconds(bookDir);
  if (committed !== undefined) return isoInstant(committed);
  const newest = Math.max(...bookInputFiles(bookDir).map((f) => lstatSync(f).mtimeMs));
  return isoInstant(Math.floor(newest / 1000));
}

function lastCommitSeconds(bookDir: string): number | undefined {
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%ct', '--', '.'], { cwd: bookDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    if (/^\d+$/.test(out)) return Number(out);
  } catch {
    // not a git checkout: fall through
  }
  return undefined;
}

/** `modified`: resolveModified's answer for the same book, when the caller has it already. */
export function resolveRevision(bookDir: string, fromBookYaml?: string, env: NodeJS.ProcessEnv = process.env, modified?: string): string {
  return fromBookYaml ?? (modified ?? resolveModified(bookDir, fromBookYaml, env)).slice(0, 10);
}
