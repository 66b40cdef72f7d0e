/** The compiled CLI as a user runs it: exit codes, one clear line per problem, no-op rebuilds. */
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SAMPLE_BOOK } from '../helpers/books.js';
import { runCommand } from '../helpers/run.js';

const CLI = join(ROOT, 'lib/cli/index.js');

function scratchProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'galley-cli-'));
  cpSync(join(ROOT, 'galley.yaml'), join(dir, 'galley.yaml'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  cpSync(SAMPLE_BOOK, join(dir, 'content/sample'), { recursive: true });
  return dir;
}

async function galley(cwd: string, ...args: string[]) {
  const r = await runCommand(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('galley build (EPUB)', () => {
  it('builds, then says dist/ is current', async () => {
    const dir = scratchProject();
    const first = await galley(dir, 'build', '--epub', '--quiet');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^sample: dist\/sample\.epub built in \d+\.\d\d s$/m);
    const bytes = readFileSync(join(dir, 'dist/sample.epub'));
    const second = await galley(dir, 'build', '--epub', '--quiet');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('sample: dist/sample.epub current');
    expect(second.stdout).toContain('dist/ is current: nothing to rebuild');
    const forced = await galley(dir, 'build', '--epub', '--quiet', '--force');
    expect(forced.stdout).toMatch(/built in/);
    expect(Buffer.compare(readFileSync(join(dir, 'dist/sample.epub')), bytes)).toBe(0);
  });

  it('fails with one line naming file, line and key, and exit code 1', async () => {
    const dir = scratchProject();
    const yaml = join(dir, 'content/sample/book.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('role: translator', 'role: typist'));
    const r = await galley(dir, 'build', '--epub', '--quiet');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('content/sample/book.yaml:10:11 error /creators/1/role must be one of: author, translator, editor, transcriber (found "typist") [config-invalid]');
    expect(existsSync(join(dir, 'dist/sample.epub'))).toBe(false);
  });

  it('names an unknown book', async () => {
    const r = await galley(scratchProject(), 'build', 'nosuchbook');
    expect(r.code).toBe(2); // a usage error
    expect(r.stderr.trim()).toBe('content/nosuchbook error No book "nosuchbook" in content/ [book-unknown]');
  });

  it('turns content warnings into a failure with --strict', async () => {
    const dir = scratchProject();
    writeFileSync(join(dir, 'content/sample/01-first-work.md'), `${readFileSync(join(dir, 'content/sample/01-first-work.md'), 'utf8')}\n[^9]: An orphan note.\n`);
    const lax = await galley(dir, 'build', '--epub', '--quiet');
    expect(lax.code).toBe(0);
    expect(lax.stderr).toMatch(/^content\/sample\/01-first-work\.md:\d+ warning Footnote \[\^9\] is never referenced \[note-unused\]$/m);
    const strict = await galley(dir, '--strict', 'build', '--epub', '--quiet', '--force');
    expect(strict.code).toBe(1);
  });
});
