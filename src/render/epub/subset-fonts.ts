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
  // a table of the UTF-16 units seen (a book is a million of them; a Set of one-letter strings took 10× as long),
  // and the characters beyond the BMP (a surrogate pair) apart; a lone surrogate counts as itself, as in for…of
  const seen = new Uint8Array(0x10000);
  const astral = new Set<string>();
  for (const t of texts) {
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < t.length) {
        const d = t.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          astral.add(t.slice(i, i + 2));
          i++;
          continue;
        }
      }
      seen[c] = 1;
    }
  }
  const set = new Set<string>(ASCII);
  for (let c = 0; c < 0x10000; c++) if (seen[c]) set.add(String.fromCharCode(c));
  for (const ch of astral) set.add(ch);
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
