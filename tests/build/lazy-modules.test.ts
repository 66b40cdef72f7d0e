/**
 * What a build loads: parsing a book without images never loads sharp (libvips, a large native library that
 * costs a one-edit PDF rebuild its start-up time); a book that shows an image still has it read by sharp.
 * Read from the process's own memory map (Linux), in a child process of its own, on the compiled lib/.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../helpers/run.js';
import { ROOT } from '../helpers/books.js';

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
