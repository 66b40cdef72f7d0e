/**
 * A zip's central directory read straight from its bytes, nothing inflated: each entry's name, method, CRC,
 * sizes and where its compressed bytes stand. One reader for what several stages ask of a built EPUB: the
 * change report (which entries changed), the package writer (the deflated bytes of entries a correction did
 * not touch) and the validation memo (a key per entry).
 */

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** the central directory record's bytes from the method to the sizes (method, time, date, CRC, sizes) */
  header: Buffer;
  /** the entry's compressed bytes, from its local header; undefined when the local header is damaged */
  data(): Buffer | undefined;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/**
 * The entries of a zip, in directory order; undefined when there is no end-of-directory record or a directory
 * record is damaged (`lenient`: the entries read before the damage).
 */
export function readZipDirectory(bytes: Uint8Array, options: { lenient?: boolean } = {}): ZipEntry[] | undefined {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // the end-of-central-directory record: the last signature PK\5\6 (a comment of up to 64 KiB may follow it)
  let end = -1;
  for (let at = view.length - 22; at >= Math.max(0, view.length - 22 - 0xffff); at--) {
    if (view.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const entries: ZipEntry[] = [];
  let at = view.readUInt32LE(end + 16);
  for (let k = view.readUInt16LE(end + 10); k > 0; k--) {
    if (at + 46 > view.length || view.readUInt32LE(at) !== DIRECTORY_ENTRY) return options.lenient ? entries : undefined;
    const compressedSize = view.readUInt32LE(at + 20);
    const nameLength = view.readUInt16LE(at + 28);
    const local = view.readUInt32LE(at + 42);
    entries.push({
      name: view.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
      method: view.readUInt16LE(at + 10),
      crc: view.readUInt32LE(at + 16),
      compressedSize,
      size: view.readUInt32LE(at + 24),
      header: view.subarray(at + 10, at + 28),
      data: () => {
        if (local + 30 > view.length || view.readUInt32LE(local) !== LOCAL_HEADER) return undefined;
        const start = local + 30 + view.readUInt16LE(local + 26) + view.readUInt16LE(local + 28);
        return start + compressedSize > view.length ? undefined : view.subarray(start, start + compressedSize);
      },
    });
    at += 46 + nameLength + view.readUInt16LE(at + 30) + view.readUInt16LE(at + 32);
  }
  return entries;
}
