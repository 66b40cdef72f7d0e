/**
 * Packaging through epub-gen-memory: its zip (mimetype first and stored, META-INF/container.xml), driven by our own files instead of its templates. Its defaults (random identifier,
 * "All rights reserved", flat TOC, today's date) never reach the book: we write every XHTML, the OPF, nav and
 * NCX ourselves. Every zip entry gets the same fixed date so the same content gives the same bytes.
 *
 * A rebuild after a correction changes one chapter and the OPF; deflating the other 30-odd files again is most
 * of the packaging's time. Given the earlier package (`previous`, made by the same zip writer: ZIP_WRITER), each
 * entry whose content is the same byte for byte (compared with the earlier entry inflated, not trusted from its
 * CRC) keeps its deflated bytes: JSZip writes a loaded entry it was not asked to change without compressing it
 * again. Deflate is deterministic, so the bytes are those of a package made from nothing
 * (tests/epub/package-reuse.test.ts proves it).
 */
import { createRequire } from 'node:module';
import { inflateRawSync } from 'node:zlib';
import { EPub } from 'epub-gen-memory';
import JSZip from 'jszip';
import { readZipDirectory } from '../shared/zip-directory.js';

export interface EpubFile {
  /** path inside OEBPS/ */
  path: string;
  data: string | Uint8Array;
}

export interface PackageInput {
  title: string;
  lang: string;
  files: EpubFile[];
  /** fixed timestamp for every zip entry */
  date: Date;
  /** an earlier package written by the same zip writer (ZIP_WRITER): its unchanged entries are not deflated again */
  previous?: Uint8Array;
}

export interface PackageResult {
  bytes: Buffer;
  /** the entries whose deflated bytes were taken from `previous` */
  reused: string[];
}

const LEVEL = 6;
const MIMETYPE = 'application/epub+zip';
const CONTAINER =
  '<?xml version="1.0" encoding="UTF-8"?>\n<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>\n';

const require = createRequire(import.meta.url);
const versionOf = (pkg: string, from?: string): string => {
  try {
    const path = require.resolve(`${pkg}/package.json`, from ? { paths: [from] } : undefined);
    return (require(path) as { version: string }).version;
  } catch {
    return 'unknown';
  }
};
/** What makes the deflated bytes: JSZip, its pako, the level. A package by another writer is never reused. */
export const ZIP_WRITER = `jszip ${versionOf('jszip')} pako ${versionOf('pako', require.resolve('jszip'))} level ${LEVEL}`;

const stored = (path: string) => path === 'mimetype' || /\.(jpe?g|png)$/i.test(path);

/** An earlier package's entries, in order, read from its central directory; `content()` inflates one. */
interface OldEntry {
  name: string;
  method: number;
  content: () => Buffer | undefined;
}

function readEntries(bytes: Uint8Array): OldEntry[] | undefined {
  return readZipDirectory(bytes)?.map((e) => ({
    name: e.name,
    method: e.method,
    content: () => {
      const data = e.data();
      if (!data) return undefined;
      try {
        const out = e.method === 0 ? data : e.method === 8 ? inflateRawSync(data) : undefined;
        return out && out.length === e.size ? out : undefined;
      } catch {
        return undefined;
      }
    },
  }));
}

class GalleyEpub extends EPub {
  /** what we put in the zip, by its full name (the mimetype is epub-gen-memory's) */
  private readonly contents = new Map<string, Buffer>([['mimetype', Buffer.from(MIMETYPE)]]);
  reused: string[] = [];

  constructor(private readonly input: PackageInput) {
    super(
      {
        title: input.title,
        lang: input.lang,
        verbose: false,
        ignoreFailedDownloads: false,
        retryTimes: 1,
      },
      [],
    );
  }

  /** Our files replace the library's templates; as bytes, so the zip need not encode the text itself. */
  protected override async generateTemplateFiles(): Promise<void> {
    const oebps = this.zip.folder('OEBPS')!;
    for (const file of this.input.files) {
      const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength);
      this.contents.set(`OEBPS/${file.path}`, data);
      oebps.file(file.path, data);
    }
    this.contents.set('META-INF/container.xml', Buffer.from(CONTAINER));
    this.zip.folder('META-INF')!.file('container.xml', this.contents.get('META-INF/container.xml')!);
  }

  /**
   * The earlier package loaded, its changed entries replaced: when it has the same entries in the same order
   * (a correction to the text); otherwise undefined, and the package is made from nothing.
   */
  private async reuseFrom(previous: Uint8Array): Promise<JSZip | undefined> {
    const fresh: { path: string; dir: boolean }[] = [];
    this.zip.forEach((path, entry) => fresh.push({ path, dir: entry.dir }));
    const old = readEntries(previous);
    if (!old || old.length !== fresh.length || old.some((e, i) => e.name !== fresh[i].path)) return undefined;
    if (fresh.some((e) => !e.dir && !this.contents.has(e.path))) return undefined;
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(previous);
    } catch {
      return undefined;
    }
    const loaded: string[] = [];
    zip.forEach((path) => loaded.push(path));
    if (loaded.length !== fresh.length || loaded.some((p, i) => p !== fresh[i].path)) return undefined;
    const reused: string[] = [];
    for (const [i, entry] of fresh.entries()) {
      const target = zip.files[entry.path];
      if (target.dir !== entry.dir) return undefined;
      // the compression as the fresh zip has it (epub-gen-memory stores the mimetype), images stored below
      (target as unknown as { options: { compression: string | null } }).options.compression = (this.zip.files[entry.path] as unknown as { options: { compression: string | null } }).options.compression;
      if (entry.dir) continue;
      const data = this.contents.get(entry.path)!;
      const before = old[i].content();
      if (before && before.equals(data) && old[i].method === (stored(entry.path) ? 0 : 8)) reused.push(entry.path);
      else zip.file(entry.path, data);
    }
    this.reused = reused;
    return zip;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override async generateAsync(options: any): Promise<any> {
    const zip = (this.input.previous && (await this.reuseFrom(this.input.previous))) || this.zip;
    zip.forEach((path, entry) => {
      entry.date = this.input.date;
      // images are compressed already: store them
      if (/\.(jpe?g|png)$/i.test(path)) (entry as unknown as { options: { compression: string } }).options.compression = 'STORE';
    });
    return zip.generateAsync({ ...options, compressionOptions: { level: LEVEL } });
  }
}

export async function packageEpubReusing(input: PackageInput): Promise<PackageResult> {
  const epub = new GalleyEpub(input);
  const bytes = (await epub.genEpub()) as Buffer;
  return { bytes, reused: epub.reused };
}

export async function packageEpub(input: PackageInput): Promise<Buffer> {
  return (await packageEpubReusing(input)).bytes;
}
