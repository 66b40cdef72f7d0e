/**
 * Embed only the glyphs a book uses: the EPUB's fonts are subset (harfbuzz, through subset-font) to the
 * characters of its files plus printable ASCII. A 490 KB face becomes ~110 KB, so the EPUB is smaller and
 * zips faster. Subsets are cached on disk by face and character set (a proofreading fix rarely brings a new
 * character, so a rebuild never loads harfbuzz) and in memory for --watch.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../build/write-atomic.js';

const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const memory = new Map<string, Promise<Buffer>>();

/** The distinct characters of some texts, sorted, always with printable ASCII. */
export function charactersOf(texts: string[]): string {
  const set = new Set<string>(ASCII);
  for (const t of texts) for (const ch of t) set.add(ch);
  return [...set].sort().join('');
}

async function subset(path: string, characters: string): Promise<Buffer> {
  const { default: subsetFont } = await import('subset-font');
  return subsetFont(readFileSync(path), characters, { targetFormat: 'truetype' });
}

export function subsetFontFile(path: string, characters: string, cacheDir?: string): Promise<Buffer> {
  const stat = statSync(path);
  const key = createHash('sha256').update(`${path}\0${stat.size}\0${stat.mtimeMs}\0${characters}`).digest('hex').slice(0, 32);
  let result = memory.get(key);
  if (!result) {
    const file = cacheDir ? join(cacheDir, `${key}.ttf`) : undefined;
    result = file && existsSync(file)
      ? Promise.resolve(readFileSync(file))
      : subset(path, characters).then((bytes) => {
          if (file && cacheDir) {
            mkdirSync(cacheDir, { recursive: true });
            writeFileAtomic(file, bytes);
          }
          return bytes;
        });
    memory.set(key, result);
    result.catch(() => memory.delete(key));
  }
  return result;
}
