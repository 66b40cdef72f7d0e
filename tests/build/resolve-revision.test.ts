import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveModified, resolveRevision } from '../../src/build/resolve-revision.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function bookDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'galley-revision-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'book.yaml'), 'title: T\n');
  writeFileSync(join(dir, '01-a.md'), '# A\n\nText.\n');
  return dir;
}

describe('the revision moment (dcterms:modified to the second)', () => {
  it('book.yaml revision gives midnight UTC of that day', () => {
    const dir = bookDir();
    expect(resolveModified(dir, '2025-03-04', {})).toBe('2025-03-04T00:00:00Z');
    expect(resolveRevision(dir, '2025-03-04', {})).toBe('2025-03-04');
  });

  it('SOURCE_DATE_EPOCH gives its second, and the revision its day', () => {
    const dir = bookDir();
    expect(resolveModified(dir, undefined, { SOURCE_DATE_EPOCH: '1700000123' })).toBe('2023-11-14T22:15:23Z');
    expect(resolveRevision(dir, undefined, { SOURCE_DATE_EPOCH: '1700000123' })).toBe('2023-11-14');
  });

  it('the last commit that touched the book gives its time to the second', () => {
    const dir = bookDir();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: { ...process.env, GIT_COMMITTER_DATE: '2024-05-06T07:08:09Z', GIT_AUTHOR_DATE: '2024-05-06T07:08:09Z' }, stdio: 'pipe' });
    git('init', '-q');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'book');
    expect(resolveModified(dir, undefined, {})).toBe('2024-05-06T07:08:09Z');
    expect(resolveRevision(dir, undefined, {})).toBe('2024-05-06');
  });

  it('outside git, the newest file time to the second', () => {
    const dir = bookDir();
    const when = new Date('2022-02-03T04:05:06Z');
    utimesSync(join(dir, 'book.yaml'), when, when);
    utimesSync(join(dir, '01-a.md'), new Date('2021-01-01T00:00:00Z'), new Date('2021-01-01T00:00:00Z'));
    expect(resolveModified(dir, undefined, {})).toBe('2022-02-03T04:05:06Z');
  });
});
