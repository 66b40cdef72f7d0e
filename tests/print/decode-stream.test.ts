/**
 * ligature-text.ts decodeStream: Node's zlib for a plain FlateDecode stream gives the bytes pdf-lib's own
 * decoder gives; a stream cut short or not Flate-encoded goes to pdf-lib's decoder, as before (which refuses
 * the cut one with its own error).
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { decodeStream } from '../../src/render/print/ligature-text.js';

describe('decodeStream', () => {
  it('a FlateDecode stream: the bytes pdf-lib decodes, through zlib', async () => {
    const doc = await PDFDocument.create();
    const text = 'BT /F1 12 Tf (fight) Tj ET\n'.repeat(200);
    const ref = doc.context.register(doc.context.flateStream(text));
    const stream = doc.context.lookup(ref) as PDFRawStream;
    expect(Buffer.from(decodeStream(stream)).toString('latin1')).toBe(text);
    expect(Buffer.from(decodeStream(stream))).toEqual(Buffer.from(decodePDFRawStream(stream).decode()));
  });

  it('cut short or not Flate: what pdf-lib makes of it', async () => {
    const doc = await PDFDocument.create();
    const whole = deflateSync(Buffer.from('q 1 0 0 1 0 0 cm Q\n'.repeat(500)));
    const cut = doc.context.stream(whole.subarray(0, whole.length - 12), { Filter: 'FlateDecode' }) as unknown as PDFRawStream;
    const raw = doc.context.stream(Buffer.from('plain bytes'), {}) as unknown as PDFRawStream;
    expect(() => decodePDFRawStream(cut).decode()).toThrow(/flate/i);
    expect(() => decodeStream(cut)).toThrow(/flate/i);
    expect(Buffer.from(decodeStream(raw)).toString('latin1')).toBe('plain bytes');
    expect(cut.dict.lookup(PDFName.of('Filter'))).toBe(PDFName.of('FlateDecode'));
  });
});
