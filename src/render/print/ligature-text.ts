/**
 * Ligatures that read as their letters in the PDF's text layer.
 *
 * Chromium (Skia) writes one ToUnicode entry a glyph and, where a glyph stands for other text than that entry,
 * a marked-content span `/Span <</ActualText (…)>> BDC … EMC` around it. At the top of a page, where a
 * paragraph continues from the page before, Chromium gives a ligature's span only its first letter: the
 * "fi" glyph of "fight" carries `/ActualText (f)`, and every extractor (poppler, pdf.js, copy and paste)
 * reads "fght". The glyph's own ToUnicode entry, or the other spans over the same glyph, hold its letters.
 *
 * Here each glyph shown alone in a span gets its letters: the longest of what its ToUnicode entry and its
 * spans say (compared in NFKC, so U+FB01 is "fi"), provided every one of them is a beginning of it; a span
 * that says less (a strict beginning) is rewritten to say all of it, and so is a ToUnicode entry that says
 * less (the glyph's uses outside a span read from it). Nothing else changes; the same input, the same bytes.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream } from 'pdf-lib';

/**
 * A stream's decoded bytes: a plain FlateDecode stream (all of Chromium's) through Node's zlib, some ten
 * times faster than pdf-lib's decoder in JavaScript on a book's every page; anything else, or data zlib
 * refuses (cut short), through pdf-lib.
 */
export function decodeStream(stream: PDFRawStream): Uint8Array {
  if (stream.dict.lookup(PDFName.of('Filter')) === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'))) {
    try {
      return inflateSync(stream.contents);
    } catch {
      /* pdf-lib's decoder reads what it can */
    }
  }
  return decodePDFRawStream(stream).decode();
}

/** The tokens of a content stream that matter here, with where they stand (latin1 offsets). */
const TOKEN = /\((?:\\[\s\S]|[^\\)])*\)|<<|>>|<[0-9A-Fa-f\s]*>|\/[^\s/<>()[\]{}%]+|[A-Za-z'"*]+|%[^\r\n]*/g;

/** A PDF string token (literal or hex) as text (UTF-16BE with its mark, else PDFDocEncoding as Latin-1). */
function decodeStringToken(token: string): string {
  let bytes: number[];
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s+/g, '');
    bytes = [];
    for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2).padEnd(2, '0'), 16));
  } else {
    bytes = [];
    const body = token.slice(1, -1);
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if (c !== '\\') {
        bytes.push(c.charCodeAt(0));
        continue;
      }
      const next = body[++i];
      const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
      if (next in simple) bytes.push(simple[next]);
      else if (/[0-7]/.test(next)) {
        let octal = next;
        while (octal.length < 3 && /[0-7]/.test(body[i + 1] ?? '')) octal += body[++i];
        bytes.push(parseInt(octal, 8) & 0xff);
      } else if (next === '\r' || next === '\n') {
        if (next === '\r' && body[i + 1] === '\n') i++;
      } else if (next !== undefined) bytes.push(next.charCodeAt(0));
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let text = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) text += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
    return text;
  }
  return String.fromCharCode(...bytes);
}

/** Text as a PDF hex string in UTF-16BE with its byte-order mark. */
function encodeHexString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/** A ToUnicode CMap: glyph code (hex, upper case) → text. */
export function parseToUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => {
    let text = '';
    for (let i = 0; i + 3 < hex.length; i += 4) text += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    return text;
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g)) map.set(m[1].toUpperCase(), utf16(m[2]));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])/g)) {
      const lo = parseInt(m[1], 16);
      const hi = parseInt(m[2], 16);
      const width = m[1].length;
      if (hi - lo > 0xffff) continue;
      const targets = m[3].startsWith('[') ? [...m[3].matchAll(/<([0-9A-Fa-f]*)>/g)].map((t) => t[1]) : undefined;
      for (let code = lo; code <= hi; code++) {
        const key = code.toString(16).toUpperCase().padStart(width, '0');
        if (targets) {
          if (targets[code - lo] !== undefined) map.set(key, utf16(targets[code - lo]));
        } else {
          const base = m[3].slice(1, -1);
          const last = parseInt(base.slice(-4), 16) + (code - lo);
          map.set(key, utf16(base.slice(0, -4) + last.toString(16).padStart(4, '0')));
        }
      }
    }
  }
  return map;
}

/** A span over one glyph: where its ActualText string stands in the stream, what it says, and the glyph. */
interface GlyphSpan {
  stream: number;
  start: number;
  end: number;
  actual: string;
  glyph: string;
}

/**
 * The spans of a content stream that show exactly one glyph (one code of a two-byte font), with the font
 * (its resource name) current there.
 */
export function findGlyphSpans(content: string): { start: number; end: number; actual: string; font: string; code: string }[] {
  const spans: { start: number; end: number; actual: string; font: string; code: string }[] = [];
  const fonts: (string | undefined)[] = [];
  let font: string | undefined;
  let operands: { token: string; at: number }[] = [];
  let open: { start: number; end: number; actual: string; codes: string[]; font?: string } | undefined;
  let depth = 0;
  for (const m of content.matchAll(TOKEN)) {
    const token = m[0];
    const at = m.index ?? 0;
    if (token.startsWith('%')) continue;
    if (/^[A-Za-z'"*]+$/.test(token) && token !== 'true' && token !== 'false' && token !== 'null') {
      if (token === 'Tf') font = operands.find((o) => o.token.startsWith('/'))?.token.slice(1);
      else if (token === 'q') fonts.push(font);
      else if (token === 'Q') font = fonts.length > 0 ? fonts.pop() : font;
      else if (token === 'BDC' || token === 'BMC') {
        depth++;
        const key = operands.findIndex((o) => o.token === '/ActualText');
        const value = key >= 0 ? operands[key + 1] : undefined;
        if (depth === 1 && operands[0]?.token === '/Span' && value && /^[(<]/.test(value.token) && value.token !== '<<') {
          open = { start: value.at, end: value.at + value.token.length, actual: decodeStringToken(value.token), codes: [] };
        } else open = undefined;
      } else if (token === 'EMC') {
        depth = Math.max(0, depth - 1);
        if (open && depth === 0) {
          if (open.codes.length === 1 && open.font) spans.push({ start: open.start, end: open.end, actual: open.actual, font: open.font, code: open.codes[0] });
          open = undefined;
        }
      } else if ((token === 'Tj' || token === "'" || token === '"' || token === 'TJ') && open) {
        for (const o of operands) {
          if (!o.token.startsWith('<') || o.token === '<<') continue;
          const hex = o.token.slice(1, -1).replace(/\s+/g, '').toUpperCase();
          for (let i = 0; i + 3 < hex.length; i += 4) open.codes.push(hex.slice(i, i + 4));
        }
        if (open.font === undefined) open.font = font;
        else if (open.font !== font) open.codes.push('', '');
      }
      operands = [];
      continue;
    }
    operands.push({ token, at });
  }
  return spans;
}

/** A stream deflated by Node's zlib (pdf-lib's flateStream deflates in JavaScript, several times slower). */
function flateStream(doc: PDFDocument, bytes: Buffer): PDFRawStream {
  const contents = deflateSync(bytes);
  return PDFRawStream.of(doc.context.obj({ Filter: 'FlateDecode', Length: contents.length }), contents);
}

/** Whether `a` is a beginning of `b` (or the same). */
const begins = (a: string, b: string) => b.startsWith(a);

/**
 * Rewrite the ActualText of every span over a ligature glyph, and the ToUnicode entry of the glyph, that
 * says fewer letters than the glyph stands for. Returns the number of spans and entries rewritten.
 */
export function repairLigatureText(doc: PDFDocument): number {
  const context = doc.context;
  const streams: { ref: PDFRef; text: string; dict: PDFDict }[] = [];
  const spans: GlyphSpan[] = [];
  const toUnicode = new Map<string, Map<string, string>>();
  /** each glyph shown in a span (font reference # code) → its ToUnicode text */
  const glyphText = new Map<string, string>();
  /** each font's ToUnicode stream, by the font's reference */
  const cmapRefs = new Map<string, PDFRef>();
  const unicodeOf = (fontRef: string, fontDict: PDFDict): Map<string, string> => {
    let map = toUnicode.get(fontRef);
    if (map) return map;
    map = new Map();
    const cmapRef = fontDict.get(PDFName.of('ToUnicode'));
    if (cmapRef instanceof PDFRef) cmapRefs.set(fontRef, cmapRef);
    const cmap = fontDict.lookup(PDFName.of('ToUnicode'));
    if (cmap instanceof PDFRawStream) map = parseToUnicode(Buffer.from(decodeStream(cmap)).toString('latin1'));
    toUnicode.set(fontRef, map);
    return map;
  };
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const resolved = contents instanceof PDFRef ? context.lookup(contents) : contents;
    const refs = resolved instanceof PDFArray ? resolved.asArray() : [contents];
    const fontsDict = page.node.Resources()?.lookup(PDFName.of('Font'));
    for (const ref of refs) {
      if (!(ref instanceof PDFRef)) continue;
      const stream = context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      const text = Buffer.from(decodeStream(stream)).toString('latin1');
      if (!text.includes('/ActualText') || !(fontsDict instanceof PDFDict)) continue;
      const index = streams.push({ ref, text, dict: stream.dict }) - 1;
      for (const span of findGlyphSpans(text)) {
        const fontRef = fontsDict.get(PDFName.of(span.font));
        const fontDict = fontsDict.lookup(PDFName.of(span.font));
        if (!(fontDict instanceof PDFDict)) continue;
        const key = fontRef instanceof PDFRef ? fontRef.toString() : `${index}/${span.font}`;
        const map = unicodeOf(key, fontDict);
        const glyph = `${key}#${span.code}`;
        if (!glyphText.has(glyph)) glyphText.set(glyph, map.get(span.code) ?? '');
        spans.push({ stream: index, start: span.start, end: span.end, actual: span.actual, glyph });
      }
    }
  }
  // each glyph's letters: the longest thing said of it, when all the others begin it
  const said = new Map<string, string[]>();
  for (const span of spans) {
    const list = said.get(span.glyph) ?? [(glyphText.get(span.glyph) ?? '').normalize('NFKC')];
    list.push(span.actual.normalize('NFKC'));
    said.set(span.glyph, list);
  }
  const letters = new Map<string, string>();
  for (const [glyph, list] of said) {
    const longest = list.reduce((a, b) => (b.length > a.length ? b : a), '');
    if (longest.length >= 2 && /^\p{L}+$/u.test(longest) && list.every((t) => t === '' || begins(t, longest))) letters.set(glyph, longest);
  }
  const edits = new Map<number, GlyphSpan[]>();
  for (const span of spans) {
    const full = letters.get(span.glyph);
    const actual = span.actual.normalize('NFKC');
    if (!full || actual === full || !begins(actual, full) || actual === '') continue;
    edits.set(span.stream, [...(edits.get(span.stream) ?? []), span]);
  }
  let rewritten = 0;
  for (const [index, list] of edits) {
    const { ref, dict } = streams[index];
    let text = streams[index].text;
    for (const span of [...list].sort((a, b) => b.start - a.start)) {
      text = text.slice(0, span.start) + encodeHexString(letters.get(span.glyph) as string) + text.slice(span.end);
      rewritten++;
    }
    const stream: PDFStream = flateStream(doc, Buffer.from(text, 'latin1'));
    // keep the stream's other entries (none but /Length and /Filter from Chromium, which flateStream sets)
    for (const [key, value] of dict.entries()) if (key !== PDFName.of('Length') && key !== PDFName.of('Filter') && key !== PDFName.of('DecodeParms')) stream.dict.set(key, value);
    context.assign(ref, stream);
  }
  // a glyph whose ToUnicode entry says less than its letters (Chromium took the entry from the glyph's first
  // use, at the top of a continued page): the entry says all of them, for the glyph's uses outside a span
  const entries = new Map<string, { code: string; text: string }[]>();
  for (const [glyph, full] of letters) {
    const own = (glyphText.get(glyph) ?? '').normalize('NFKC');
    if (own === '' || own === full || !begins(own, full)) continue;
    const [font, code] = glyph.split('#');
    entries.set(font, [...(entries.get(font) ?? []), { code, text: full }]);
  }
  for (const [font, list] of [...entries].sort(([a], [b]) => a.localeCompare(b))) {
    const ref = cmapRefs.get(font);
    const stream = ref ? context.lookup(ref) : undefined;
    if (!ref || !(stream instanceof PDFRawStream)) continue;
    let cmap = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
    for (const { code, text } of list) {
      const hex = encodeHexString(text).slice(5, -1);
      const before = cmap;
      cmap = cmap.replace(/beginbfchar[\s\S]*?endbfchar/g, (block) => block.replace(new RegExp(`<${code}>\\s*<[0-9A-Fa-f]*>`, 'i'), `<${code}> <${hex}>`));
      if (cmap !== before) rewritten++;
    }
    context.assign(ref, flateStream(doc, Buffer.from(cmap, 'latin1')));
  }
  return rewritten;
}
