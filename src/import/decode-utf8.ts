/** Raw bytes → text. Bytes that are not UTF-8 are an error with the line and column of the first bad byte. */
import { GalleyError } from '../diagnostics.js';

export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    const at = findInvalidByte(bytes);
    throw new GalleyError('import-encoding', `The file is not valid UTF-8 (byte 0x${bytes[at.offset]?.toString(16).padStart(2, '0') ?? '??'}); convert it to UTF-8 first`, {
      cause,
      file,
      line: at.line,
      column: at.column,
    });
  }
}

/** The first byte that does not start or continue a valid UTF-8 sequence; column counts characters, from 1. */
export function findInvalidByte(bytes: Uint8Array): { offset: number; line: number; column: number } {
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const size = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (size === 0 || i + size > bytes.length) return { offset: i, line, column };
    for (let k = 1; k < size; k++) {
      if ((bytes[i + k] & 0xc0) !== 0x80) return { offset: i, line, column };
    }
    if (size === 3 && ((b === 0xe0 && bytes[i + 1] < 0xa0) || (b === 0xed && bytes[i + 1] >= 0xa0))) return { offset: i, line, column };
    if (size === 4 && ((b === 0xf0 && bytes[i + 1] < 0x90) || (b === 0xf4 && bytes[i + 1] >= 0x90))) return { offset: i, line, column };
    if (b === 0x0a) {
      line++;
      column = 1;
    } else {
      column++;
    }
    i += size;
  }
  return { offset: i, line, column };
}
