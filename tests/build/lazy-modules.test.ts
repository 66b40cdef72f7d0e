/**
 * What a build loads: parsing a book without images never loads sharp (libvips, a large native library that
 * costs a one-edit PDF rebuild its start-up time); a book that shows an image still has it read by sharp.
 * Read from the process's own memory map (Linux), in a child process of its own, on the compiled lib/.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../helpers/run.js';
import { ROOT } from '../helpers/books.js';
import { scratchProject } from '../hostile/scratch.js';

/** Parse `book` as the build does; then whether libvips is mapped into the process. */
async function vipsMappedAfterParsing(book: string, thenImportSharp = false): Promise<boolean> {
  const script = `
    import { readFileSync } from 'node:fs';
    const { parseBookFiles } = await import(${JSON.stringify(join(ROOT, 'lib/build/build-books.js'))});
    const { loadProjectConfig } = await import(${JSON.stringify(join(ROOT, 'lib/config/load-project.js'))});
    const { readBookFiles } = await import(${JSON.stringify(join(ROOT, 'lib/model/read-book.js'))});
    const { Diagnostics } = await import(${JSON.stringify(join(ROOT, 'lib/diagnostics.js'))});
    const project = loadProjectConfig(${JSON.stringify(ROOT)});
    await parseBookFiles(readBookFiles(${JSON.stringify(join(ROOT, 'content', book))}, project.root), project, new Diagnostics());
    ${thenImportSharp ? "await import('sharp');" : ''}
    process.stdout.write(/libvips/.test(readFileSync('/proc/self/maps', 'utf8')) ? 'mapped' : 'not mapped');
  `;
  const r = await runCommand(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout === 'mapped';
}

describe.runIf(process.platform === 'linux')('modules a build loads', () => {
  it('a book without images is parsed without sharp; the probe sees sharp once it is loaded', async () => {
    expect(await vipsMappedAfterParsing('works-volume-6')).toBe(false);
    expect(await vipsMappedAfterParsing('works-volume-6', true)).toBe(true);
  });
});

/**
 * A one-edit EPUB rebuild loads only what the work needs: galley.yaml and book.yaml checked before are not
 * parsed nor validated again (config/validate-yaml.ts keeps them in .cache/config-checked), so neither yaml nor
 * ajv is loaded; a book.yaml edited into an error is still found, at its line.
 */
describe('modules a one-edit EPUB rebuild loads', () => {
  /** a build in `dir`; then which of the packages were loaded (the CommonJS module cache, at exit) */
  async function loadedBy(dir: string, args: string[]): Promise<{ code: number | null; loaded: string[]; stdout: string; stderr: string }> {
    const probe = join(dir, 'probe.cjs');
    writeFileSync(probe, `process.on('exit', () => { const seen = new Set(Object.keys(require.cache).map((f) => (/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(f) || [])[1]).filter(Boolean)); require('fs').writeFileSync(${JSON.stringify(join(dir, 'loaded.json'))}, JSON.stringify([...seen].sort())); });`);
    const r = await runCommand(process.execPath, ['--require', probe, join(ROOT, 'lib/cli/index.js'), ...args], { cwd: dir, env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' } });
    return { code: r.status, loaded: JSON.parse(readFileSync(join(dir, 'loaded.json'), 'utf8')) as string[], stdout: r.stdout, stderr: r.stderr };
  }

  it('the second build, after one word changed, loads neither yaml nor ajv; an invalid book.yaml is still an error at its line', async () => {
    const s = scratchProject();
    try {
      const first = await loadedBy(s.dir, ['build', '--epub', '--quiet']);
      expect(first.code).toBe(0);
      expect(first.loaded).toEqual(expect.arrayContaining(['yaml', 'ajv']));
      const text = readFileSync(s.chapter, 'utf8');
      writeFileSync(s.chapter, text.replace(/ the /, ' this '));
      const second = await loadedBy(s.dir, ['build', '--epub', '--quiet']);
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/built/);
      expect(second.loaded).not.toContain('yaml');
      expect(second.loaded).not.toContain('ajv');
      expect(second.loaded).toContain('epub-gen-memory');
      // an edit of book.yaml is a new text: parsed and checked, and its error found where it is
      writeFileSync(s.yaml, readFileSync(s.yaml, 'utf8').replace(/^language: .*$/m, 'language: 42'));
      const third = await loadedBy(s.dir, ['build', '--epub', '--quiet']);
      expect(third.code).toBe(1);
      expect(third.stderr).toMatch(/book\.yaml:\d+:\d+ .*language/);
    } finally {
      rmSync(s.dir, { recursive: true, force: true });
    }
  });
});
