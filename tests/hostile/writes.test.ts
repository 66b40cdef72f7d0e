/**
 * Safe writes. Before the fix writeFileAtomic wrote `.name.PID.tmp` and followed symlinks: a symlink planted
 * at that name made galley (often run as root) overwrite any file. And a failed `import --force` left a
 * book.yaml listing chapter files that were never written.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceFolderAtomic, writeFileAtomic } from '../../src/build/write-atomic.js';

const scratch = () => realpathSync(mkdtempSync(join(tmpdir(), 'galley-writes-')));

describe('writeFileAtomic', () => {
  it.each([['flushed', {}], ['unflushed (a cache entry)', { flush: false }]] as const)('%s: never writes through a symlink planted at the old temporary name or at the target', (_name, options) => {
    const dir = scratch();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const target = join(dir, 'out', 'book.epub');
    mkdirSync(join(dir, 'out'));
    symlinkSync(victim, join(dir, 'out', `.book.epub.${process.pid}.tmp`));
    writeFileAtomic(target, 'new bytes', options);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(readFileSync(target, 'utf8')).toBe('new bytes');
    // a symlink at the target itself is replaced, not followed
    const linked = join(dir, 'out', 'book.pdf');
    symlinkSync(victim, linked);
    writeFileAtomic(linked, 'pdf', options);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(linked).isSymbolicLink()).toBe(false);
    // no temporary file is left behind
    expect(readdirSync(join(dir, 'out')).filter((n) => n.endsWith('.tmp') && !n.includes(String(process.pid)))).toEqual([]);
  });
});

describe('replaceFolderAtomic (import --force)', () => {
  it('a failure while the new book is written leaves the old book whole', () => {
    const dir = scratch();
    const book = join(dir, 'content', 'b');
    mkdirSync(book, { recursive: true });
    writeFileSync(join(book, 'book.yaml'), 'title: hand-corrected\n');
    writeFileSync(join(book, '01-a.md'), '# A\n');
    expect(() =>
      replaceFolderAtomic(book, (stage) => {
        writeFileAtomic(join(stage, 'book.yaml'), 'title: new\nfiles: [01-a.md, 02-b.md]\n');
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }),
    ).toThrow(/ENOSPC/);
    expect(readFileSync(join(book, 'book.yaml'), 'utf8')).toBe('title: hand-corrected\n');
    expect(readdirSync(join(dir, 'content'))).toEqual(['b']);
  });

  it('a success swaps the whole book in, keeping files it does not write, and leaves no stage or backup', () => {
    const dir = scratch();
    const book = join(dir, 'content', 'b');
    mkdirSync(book, { recursive: true });
    writeFileSync(join(book, 'book.yaml'), 'old');
    writeFileSync(join(book, 'notes-by-hand.txt'), 'mine');
    replaceFolderAtomic(book, (stage) => {
      writeFileAtomic(join(stage, 'book.yaml'), 'new');
      writeFileAtomic(join(stage, '01-a.md'), '# A\n');
    });
    expect(readFileSync(join(book, 'book.yaml'), 'utf8')).toBe('new');
    expect(readFileSync(join(book, 'notes-by-hand.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(book, '01-a.md'))).toBe(true);
    expect(readdirSync(join(dir, 'content'))).toEqual(['b']);
  });
});
