/**
 * A small library for the parallel and sharded build tests: copies of two short seed books under four slugs
 * in a fresh project folder (galley.yaml, node_modules linked), and the compiled galley run on it in a child
 * process, as a CI runner would. Several can run at once (startGalley).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/books.js';

export const CLI = process.env.GALLEY_CLI ?? join(ROOT, 'lib/cli/index.js');
/** slug → the seed it copies */
export const LIBRARY: Record<string, string> = {
  'a-letter': 'letter-to-huysmans',
  'b-party': 'for-the-party',
  'c-letter': 'letter-to-huysmans',
  'd-party': 'for-the-party',
};
/** fontconfig's cache of the system fonts takes a while to make: made once, copied into each project */
const WARM = join(tmpdir(), 'galley-library-fontconfig');

export function makeLibrary(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'galley-library-')));
  cpSync(join(ROOT, 'galley.yaml'), join(dir, 'galley.yaml'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  mkdirSync(join(dir, 'content'));
  for (const [slug, seed] of Object.entries(LIBRARY)) cpSync(join(ROOT, 'content', seed), join(dir, 'content', slug), { recursive: true });
  if (existsSync(WARM)) cpSync(WARM, join(dir, '.cache/fontconfig/cache'), { recursive: true });
  return dir;
}

/** After a first build, keep its fontconfig cache for the next projects. */
export function keepFontCache(dir: string): void {
  const cache = join(dir, '.cache/fontconfig/cache');
  if (!existsSync(WARM) && existsSync(cache)) cpSync(cache, WARM, { recursive: true });
}

export interface BookJson {
  book: string;
  ok: boolean;
  outputs: { format: string; path: string; built: boolean; fromCache?: boolean }[];
}
export interface RunJson {
  code: number | null;
  stderr: string;
  books: BookJson[];
}

export const ENV = { ...process.env, SOURCE_DATE_EPOCH: '1767225600', PUPPETEER_EXECUTABLE_PATH: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium' };

/** `galley --json build …` in `cwd`, in the background; resolves with its exit code and the books' results. */
export function startGalley(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunJson> {
  const child = spawn(process.execPath, [CLI, '--json', 'build', '--quiet', ...args], { cwd, env: { ...ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      let books: BookJson[] = [];
      try {
        books = (JSON.parse(stdout) as { books: BookJson[] }).books;
      } catch {
        stderr += `\n(stdout was not JSON: ${stdout.slice(0, 400)})`;
      }
      resolve({ code, stderr, books });
    }),
  );
}

/** sha256 of every output in an out folder (the cache entries of dist/.galley left aside). */
export function outputDigests(outDir: string): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const name of readdirSync(outDir).sort()) {
    if (name.startsWith('.')) continue;
    digests[name] = createHash('sha256').update(readFileSync(join(outDir, name))).digest('hex');
  }
  return digests;
}

/** "book format" of each output a run built itself (not current, not from the shared cache). */
export function builtBy(run: RunJson): string[] {
  return run.books.flatMap((b) => b.outputs.filter((o) => o.built).map((o) => `${b.book} ${o.format}`));
}
