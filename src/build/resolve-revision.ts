/**
 * The revision date of a book (colophon, dcterms:modified, zip entry dates), so rebuilds are reproducible:
 * book.yaml `revision`, else SOURCE_DATE_EPOCH, else the date of the last commit touching the book,
 * else the newest modification time of its files.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { bookInputFiles } from './input-hash.js';

function isoDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

export function resolveRevision(bookDir: string, fromBookYaml?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (fromBookYaml) return fromBookYaml;
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return isoDate(Number(epoch));
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%ct', '--', '.'], { cwd: bookDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    if (/^\d+$/.test(out)) return isoDate(Number(out));
  } catch {
    // not a git checkout: fall through
  }
  const newest = Math.max(...bookInputFiles(bookDir).map((f) => lstatSync(f).mtimeMs));
  return isoDate(Math.floor(newest / 1000));
}
