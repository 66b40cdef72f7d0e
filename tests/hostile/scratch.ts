/**
 * The hostile suite's scratch projects: a copy of content/letter-to-huysmans (`L` is its chapter file) in a
 * fresh folder with galley.yaml and node_modules, and the compiled galley run on it as a user would.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/books.js';
import { runCommand, type RunOptions } from '../helpers/run.js';

/** GALLEY_CLI runs the suite against another galley (the figures before the fixes came from main's lib/) */
export const CLI = process.env.GALLEY_CLI ?? join(ROOT, 'lib/cli/index.js');
export const BOOK = 'letter-to-huysmans';
const SOURCE = join(ROOT, 'content', BOOK);
export const CHAPTER = readdirSync(SOURCE).find((n) => n.endsWith('.md') && n !== 'import-report.md')!;

/** fontconfig's cache of the system fonts takes a minute to make: made once, copied into each project */
const WARM = join(tmpdir(), 'galley-hostile-fontconfig');

export interface Scratch {
  dir: string;
  book: string;
  /** the chapter file, L */
  chapter: string;
  yaml: string;
  read(rel: string): string;
  write(rel: string, text: string | Uint8Array): void;
}

export function scratchProject(): Scratch {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'galley-hostile-')));
  cpSync(join(ROOT, 'galley.yaml'), join(dir, 'galley.yaml'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  mkdirSync(join(dir, 'content'));
  cpSync(SOURCE, join(dir, 'content', BOOK), { recursive: true });
  if (existsSync(join(WARM, 'cache'))) cpSync(join(WARM, 'cache'), join(dir, '.cache/fontconfig/cache'), { recursive: true });
  const book = join(dir, 'content', BOOK);
  return {
    dir,
    book,
    chapter: join(book, CHAPTER),
    yaml: join(book, 'book.yaml'),
    read: (rel) => readFileSync(join(dir, rel), 'utf8'),
    write: (rel, text) => {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), text);
    },
  };
}

/** After a first build, keep its fontconfig cache for the next projects. */
export function keepFontCache(s: Scratch): void {
  const cache = join(s.dir, '.cache/fontconfig/cache');
  if (!existsSync(join(WARM, 'cache')) && existsSync(cache)) cpSync(cache, join(WARM, 'cache'), { recursive: true });
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export const ENV = { ...process.env, SOURCE_DATE_EPOCH: '1767225600', PUPPETEER_EXECUTABLE_PATH: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium' };

/** galley run to its end; asynchronous, so the test worker stays free to answer vitest while it runs. */
export async function galley(cwd: string, args: string[], options: RunOptions = {}): Promise<Run> {
  const r = await runCommand(process.execPath, [CLI, ...args], { cwd, env: ENV, timeout: 300_000, ...options });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** galley started in the background (for signals): resolves when it ends. */
export function startGalley(cwd: string, args: string[], env: NodeJS.ProcessEnv = ENV) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done, output: () => ({ stdout, stderr }) };
}

/** The text of a PDF, by poppler (independent of galley). */
export function pdfText(file: string): string {
  return spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
}

/** Every file of an EPUB, by unzip (independent of galley). */
export function epubEntries(file: string): string[] {
  return spawnSync('unzip', ['-Z1', file], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
}
export function epubFile(file: string, entry: string): string {
  return spawnSync('unzip', ['-p', file, entry], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout;
}

export function setYaml(s: Scratch, key: string, value: string): void {
  const yaml = readFileSync(s.yaml, 'utf8');
  const line = `${key}: ${JSON.stringify(value)}`;
  const re = new RegExp(`^${key}:.*$`, 'm');
  writeFileSync(s.yaml, re.test(yaml) ? yaml.replace(re, line) : `${yaml.trimEnd()}\n${line}\n`);
}

/** Page size in points and the fonts of a PDF, by poppler. */
export function pdfFacts(file: string): { size: string; fonts: string } {
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
  const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout;
  return { size: /Page size:\s+([\d.]+ x [\d.]+)/.exec(info)?.[1] ?? '', fonts };
}
