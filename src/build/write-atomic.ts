/**
 * Write a file so that it is either the old one or the whole new one, never half-written, and never through
 * a symlink someone planted: the temporary file is created exclusively (O_EXCL | O_NOFOLLOW, a random name)
 * beside its target, written and flushed, then renamed over the target (rename replaces a symlink at the
 * target itself, it does not follow it). On any failure the temporary file is removed.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, cpSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A fresh name beside `path` that nobody can have guessed. */
export function tempNameBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
}

/**
 * `flush: false` skips the fsync (a cache's entry, which its reader checks whole: after a power cut it may be
 * empty or cut short, never another entry's bytes, and is then made again); outputs and manifests flush.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: { flush?: boolean } = {}): void {
  mkdirSync(dirname(path), { recursive: true });
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const temp = tempNameBeside(path);
  // fails (EEXIST) rather than open anything already there, a symlink included
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  try {
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    if (options.flush !== false) fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, path);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      /* closed already */
    }
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Replace a whole folder at once: a copy of it (or an empty folder) is staged beside it, `fill` writes the
 * new files into the stage, then the old folder becomes a backup, the stage takes its name, and the backup
 * is removed. A failure before the swap leaves the old folder untouched; a failure during it puts the
 * backup back. Files of the old folder that `fill` does not write are kept.
 */
export function replaceFolderAtomic(dir: string, fill: (stage: string) => void): void {
  const stage = tempNameBeside(dir).replace(/\.tmp$/, '.staging');
  const backup = tempNameBeside(dir).replace(/\.tmp$/, '.backup');
  mkdirSync(dirname(dir), { recursive: true });
  try {
    if (existsSync(dir)) cpSync(dir, stage, { recursive: true, verbatimSymlinks: true, errorOnExist: true });
    else mkdirSync(stage);
    fill(stage);
  } catch (error) {
    rmSync(stage, { recursive: true, force: true });
    throw error;
  }
  const had = existsSync(dir);
  if (had) renameSync(dir, backup);
  try {
    renameSync(stage, dir);
  } catch (error) {
    if (had) renameSync(backup, dir);
    rmSync(stage, { recursive: true, force: true });
    throw error;
  }
  if (had) rmSync(backup, { recursive: true, force: true });
}
