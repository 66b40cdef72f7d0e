/**
 * A PDF's drawing read back from its content streams (pdf-lib decodes them; this module reads the
 * operators): the colour spaces used (any RGB is reported) and the rules drawn (filled rectangles and
 * stroked paths), with their weight on the page after the transformation matrices. Form XObjects are read
 * as they are drawn; images and shadings report their colour space.
 */
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';

type Matrix = [number, number, number, number, number, number];

export interface ContentFacts {
  /** "page 3: 0 0 0 rg" — each distinct use of RGB, by page */
  rgb: { page: number; what: string }[];
  /** rules thinner than `minRule` pt: page, weight in points, length in points */
  thinRules: { page: number; weight: number; length: number }[];
}

function multiply(m: Matrix, n: Matrix): Matrix {
  return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]];
}

/** Operators and their number operands; strings, arrays and dictionaries are skipped (they carry no geometry here). */
export function* tokenize(src: string): Generator<{ op: string; nums: number[]; names: string[] }> {
  let nums: number[] = [];
  let names: string[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\f' || c === '\0') { i++; continue; }
    if (c === '%') { while (i < n && src[i] !== '\n' && src[i] !== '\r') i++; continue; }
    if (c === '(') {
      let depth = 0;
      for (; i < n; i++) {
        const ch = src[i];
        if (ch === '\\') { i++; continue; }
        if (ch === '(') depth++;
        else if (ch === ')' && --depth === 0) { i++; break; }
      }
      continue;
    }
    if (c === '<' && src[i + 1] === '<') { i += 2; continue; }
    if (c === '>' && src[i + 1] === '>') { i += 2; continue; }
    if (c === '<') { const end = src.indexOf('>', i); i = end < 0 ? n : end + 1; continue; }
    if (c === '[' || c === ']' || c === '{' || c === '}') { i++; continue; }
    if (c === '/') {
      let j = i + 1;
      while (j < n && !/[\s/\[\]()<>{}%]/.test(src[j])) j++;
      names.push(src.slice(i + 1, j));
      i = j;
      continue;
    }
    let j = i;
    while (j < n && !/[\s/\[\]()<>{}%]/.test(src[j])) j++;
    if (j === i) { i++; continue; }
    const word = src.slice(i, j);
    i = j;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) { nums.push(Number(word)); continue; }
    if (word === 'true' || word === 'false' || word === 'null') continue;
    if (word === 'ID') {
      // inline image data: skip to EI
      const end = src.indexOf('EI', i + 1);
      i = end < 0 ? n : end + 2;
      nums = [];
      names = [];
      continue;
    }
    yield { op: word, nums, names };
    nums = [];
    names = [];
  }
}

function isRgbSpace(space: PDFObject | undefined, doc: PDFDocument): string | undefined {
  const obj = space instanceof PDFRef ? doc.context.lookup(space) : space;
  if (obj instanceof PDFName) return obj.asString() === '/DeviceRGB' || obj.asString() === '/CalRGB' ? obj.asString() : undefined;
  if (obj instanceof PDFArray && obj.size() > 0) {
    const kind = obj.lookup(0);
    const name = kind instanceof PDFName ? kind.asString() : '';
    if (name === '/CalRGB') return name;
    if (name === '/ICCBased') {
      const stream = obj.lookup(1);
      const components = stream instanceof PDFStream ? stream.dict.lookup(PDFName.of('N')) : undefined;
      return components instanceof PDFNumber && components.asNumber() === 3 ? 'ICCBased RGB' : undefined;
    }
    if (name === '/Indexed' || name === '/Separation' || name === '/DeviceN') {
      const base = obj.lookup(name === '/Indexed' ? 1 : 2);
      return isRgbSpace(base, doc) ? `${name} over RGB` : undefined;
    }
  }
  return undefined;
}

function streamText(stream: PDFObject | undefined): string {
  if (stream instanceof PDFRawStream) return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
  if (stream instanceof PDFStream) return Buffer.from(stream.getContents()).toString('latin1');
  return '';
}

export async function readContentFacts(pdf: Uint8Array, minRule = 0.75): Promise<ContentFacts> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const facts: ContentFacts = { rgb: [], thinRules: [] };
  const seenRgb = new Set<string>();
  const rgb = (page: number, what: string) => {
    const key = `${page}:${what}`;
    if (!seenRgb.has(key)) facts.rgb.push({ page, what }), seenRgb.add(key);
  };

  const run = (content: string, resources: PDFDict | undefined, start: Matrix, page: number, depth: number) => {
    let ctm = start;
    const stack: { ctm: Matrix; width: number }[] = [];
    let lineWidth = 1;
    let rects: number[][] = [];
    let path: { x0: number; y0: number; x1: number; y1: number } | undefined;
    const lookup = (kind: string, name: string): PDFObject | undefined => {
      const dict = resources?.lookup(PDFName.of(kind));
      return dict instanceof PDFDict ? dict.get(PDFName.of(name)) : undefined;
    };
    const extend = (x: number, y: number) => {
      path = path ? { x0: Math.min(path.x0, x), y0: Math.min(path.y0, y), x1: Math.max(path.x1, x), y1: Math.max(path.y1, y) } : { x0: x, y0: y, x1: x, y1: y };
    };
    const scales = () => [Math.hypot(ctm[0], ctm[1]), Math.hypot(ctm[2], ctm[3])];
    for (const { op, nums, names } of tokenize(content)) {
      switch (op) {
        case 'q': stack.push({ ctm, width: lineWidth }); break;
        case 'Q': { const s = stack.pop(); if (s) { ctm = s.ctm; lineWidth = s.width; } break; }
        case 'cm': if (nums.length === 6) ctm = multiply(nums as Matrix, ctm); break;
        case 'w': if (nums.length === 1) lineWidth = nums[0]; break;
        case 'm': case 'l': if (nums.length >= 2) extend(nums[nums.length - 2], nums[nums.length - 1]); break;
        case 'c': case 'v': case 'y': if (nums.length >= 2) extend(nums[nums.length - 2], nums[nums.length - 1]); break;
        case 're': if (nums.length === 4) { rects.push(nums); extend(nums[0], nums[1]); extend(nums[0] + nums[2], nums[1] + nums[3]); } break;
        case 'f': case 'F': case 'f*': case 'B': case 'B*': case 'b': case 'b*': {
          const [sx, sy] = scales();
          // a filled path drawn with m/l (not re) counts by its extent
          if (rects.length === 0 && path) rects.push([path.x0, path.y0, path.x1 - path.x0, path.y1 - path.y0]);
          for (const [, , w, h] of rects) {
            const a = Math.abs(w) * sx;
            const b = Math.abs(h) * sy;
            const weight = Math.min(a, b);
            const length = Math.max(a, b);
            if (length >= 4 && weight > 0 && weight < minRule - 0.005) facts.thinRules.push({ page, weight, length });
          }
          if (op.startsWith('B') || op.startsWith('b')) {
            const weight = lineWidth * Math.min(sx, sy);
            if (path && weight < minRule - 0.005) facts.thinRules.push({ page, weight, length: Math.max(path.x1 - path.x0, path.y1 - path.y0) * Math.max(sx, sy) });
          }
          rects = [];
          path = undefined;
          break;
        }
        case 'S': case 's': {
          const [sx, sy] = scales();
          const weight = lineWidth * Math.min(sx, sy);
          const length = path ? Math.max(path.x1 - path.x0, path.y1 - path.y0) * Math.max(sx, sy) : 0;
          if (length >= 4 && weight < minRule - 0.005) facts.thinRules.push({ page, weight, length });
          rects = [];
          path = undefined;
          break;
        }
        case 'n': rects = []; path = undefined; break;
        case 'rg': case 'RG': rgb(page, `${nums.join(' ')} ${op}`); break;
        case 'cs': case 'CS': {
          const name = names[0];
          if (name === 'DeviceRGB' || name === 'CalRGB') rgb(page, `/${name} ${op}`);
          else if (name) { const why = isRgbSpace(lookup('ColorSpace', name), doc); if (why) rgb(page, `colour space /${name} (${why})`); }
          break;
        }
        case 'sh': {
          const sh = lookup('Shading', names[0] ?? '');
          const obj = sh instanceof PDFRef ? doc.context.lookup(sh) : sh;
          const dict = obj instanceof PDFStream ? obj.dict : obj instanceof PDFDict ? obj : undefined;
          const why = dict && isRgbSpace(dict.get(PDFName.of('ColorSpace')), doc);
          if (why) rgb(page, `shading /${names[0]} (${why})`);
          break;
        }
        case 'Do': {
          const ref = lookup('XObject', names[0] ?? '');
          const xobject = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
          if (!(xobject instanceof PDFStream)) break;
          const subtype = xobject.dict.lookup(PDFName.of('Subtype'));
          if (subtype === PDFName.of('Image')) {
            const why = isRgbSpace(xobject.dict.get(PDFName.of('ColorSpace')), doc);
            if (why) rgb(page, `image /${names[0]} (${why})`);
          } else if (subtype === PDFName.of('Form') && depth < 8) {
            const m = xobject.dict.lookup(PDFName.of('Matrix'));
            const matrix = m instanceof PDFArray && m.size() === 6 ? (m.asArray().map((x) => (x instanceof PDFNumber ? x.asNumber() : 0)) as Matrix) : ([1, 0, 0, 1, 0, 0] as Matrix);
            const res = xobject.dict.lookup(PDFName.of('Resources'));
            run(streamText(xobject), res instanceof PDFDict ? res : resources, multiply(matrix, ctm), page, depth + 1);
          }
          break;
        }
        default:
          break;
      }
    }
  };

  doc.getPages().forEach((page, i) => {
    const contents = page.node.Contents();
    const parts = contents instanceof PDFArray ? contents.asArray().map((x) => (x instanceof PDFRef ? doc.context.lookup(x) : x)) : [contents];
    const text = parts.map((p) => streamText(p as PDFObject)).join('\n');
    run(text, page.node.Resources(), [1, 0, 0, 1, 0, 0], i + 1, 0);
  });
  return facts;
}
