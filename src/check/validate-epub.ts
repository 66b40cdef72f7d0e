/**
 * validateEpub(bytes): the fast structural validation `galley build` runs on every EPUB it writes, in
 * process and in well under a second (epubcheck, minutes of Java, stays in `galley check` and `build --check`).
 * It reads the package as a reading system would — the zip, then container.xml, the OPF, each XHTML
 * document with a real XML parser (@xmldom/xmldom) — and never trusts what the renderer meant to write.
 * Stable codes:
 *   epub-zip              the file is not a zip that opens
 *   epub-mimetype         `mimetype` is not the first entry, not stored, or not `application/epub+zip`
 *   epub-container        META-INF/container.xml missing, not XML, or naming no package document
 *   epub-opf              the package document is missing, not XML, or has no manifest/spine
 *   epub-manifest-missing a manifest item's file is not in the zip
 *   epub-spine            a spine itemref names no manifest item
 *   epub-nav-missing      no manifest item has properties="nav", or its file is missing
 *   epub-xml              a document is not well-formed XML
 *   epub-id-duplicate     an id used twice in one document (or in the manifest)
 *   epub-resource-missing an img/link/a/image/script/source/CSS url() names a local file that is not packaged
 *                         (not in the zip, or in the zip but not in the manifest)
 *   epub-fragment-missing a link to `file#id` whose document has no element with that id
 */
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import * as zlib from 'node:zlib';
import type { Diagnostic } from '../diagnostics.js';
import { readZipDirectory } from '../render/shared/zip-directory.js';

/** A reference that leaves the package (a scheme such as https:, mailto:, data:) or stays in the page (#id). */
const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

/** Parse as XML; every error (not only the fatal ones) is a violation, with its line and column when known. */
export function parseXml(text: string, onProblem: (message: string) => void): Document | undefined {
  let failed = false;
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level === 'warning') return;
      failed = true;
      onProblem(message.split('\n')[0]);
      throw new Error(message);
    },
  });
  try {
    const dom = parser.parseFromString(text, 'text/xml');
    return failed ? undefined : dom;
  } catch (error) {
    if (!failed) onProblem((error as Error).message.split('\n')[0]);
    return undefined;
  }
}

function elements(dom: Document | Element, name?: string): Element[] {
  return Array.from(dom.getElementsByTagName(name ?? '*')) as unknown as Element[];
}

/** The zip's first local file header: its name, compression method and data, read from the bytes themselves. */
function firstEntry(bytes: Uint8Array): { name: string; method: number; data: Uint8Array } | undefined {
  if (bytes.length < 30) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== 0x04034b50) return undefined;
  const method = view.getUint16(8, true);
  const size = view.getUint32(18, true);
  const nameLength = view.getUint16(26, true);
  const extraLength = view.getUint16(28, true);
  const name = new TextDecoder().decode(bytes.subarray(30, 30 + nameLength));
  const start = 30 + nameLength + extraLength;
  return { name, method, data: bytes.subarray(start, start + size) };
}

/** A reference's packaged path (relative to the document that holds it), without its fragment; undefined if it leaves the package. */
function packagedPath(from: string, ref: string): { path: string; fragment?: string } | undefined {
  const value = ref.trim();
  if (value === '' || value.startsWith('#') || EXTERNAL.test(value) || value.startsWith('//')) return undefined;
  const [target, fragment] = value.split('#', 2);
  let decoded = target.split('?')[0];
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // a malformed escape stays as written: then it is not found, and said so
  }
  return { path: posix.normalize(posix.join(posix.dirname(from), decoded)), fragment };
}

/**
 * What the validation found in one zip entry by itself: its CRC is right; for a document, its XML problems,
 * ids (and those used twice), the references it makes and its links within itself. The same entry (the same
 * compressed bytes, method, CRC and size) always gives the same findings, so a rebuild that changes one
 * chapter need not inflate and parse the others again: see EntryMemo.
 */
export interface EntryFacts {
  /** epub-xml problems, as "is not well-formed: …" messages */
  xml?: string[];
  ids?: string[];
  duplicateIds?: string[];
  refs?: { attr: string; value: string }[];
  /** href="#…" of its a elements */
  anchors?: string[];
}

/** Findings by entry key (see entryKeys), kept between validations: in memory under --watch, in .cache between runs. */
export interface EntryMemo {
  get(key: string): EntryFacts | undefined;
  set(key: string, facts: EntryFacts): void;
}

/** Each entry's key: the sha256 of its method, CRC, size and compressed bytes, from the central directory. */
function entryKeys(bytes: Uint8Array): Map<string, { key: string; crc: number }> | undefined {
  const entries = readZipDirectory(bytes);
  if (!entries) return undefined;
  const keys = new Map<string, { key: string; crc: number }>();
  for (const e of entries) {
    const data = e.data();
    if (!data) return undefined;
    // method, CRC and sizes (not the time and date) and the compressed bytes
    const key = createHash('sha256').update(e.header.subarray(0, 2)).update(e.header.subarray(6)).update(data).digest('hex');
    keys.set(e.name, { key, crc: e.crc });
  }
  return keys;
}

/** A document's own findings, from its text. */
function documentFacts(text: string): EntryFacts {
  const xml: string[] = [];
  const dom = parseXml(text, (m) => xml.push(m));
  if (!dom) return { xml };
  const ids = new Set<string>();
  const duplicateIds: string[] = [];
  const refs: { attr: string; value: string }[] = [];
  const anchors: string[] = [];
  for (const el of elements(dom)) {
    const id = el.getAttribute('id');
    if (id !== null) {
      if (ids.has(id)) duplicateIds.push(id);
      ids.add(id);
    }
    // the references: images, style sheets, links, scripts, media
    const name = el.localName;
    const take = (attr: string) => {
      const value = el.getAttribute(attr);
      if (value !== null) refs.push({ attr: `${name} ${attr}`, value });
    };
    if (name === 'img' || name === 'script' || name === 'source' || name === 'audio' || name === 'video' || name === 'iframe' || name === 'embed') take('src');
    if (name === 'link' || name === 'a' || name === 'area') take('href');
    if (name === 'image' || name === 'use') {
      const value = el.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ?? el.getAttribute('href');
      if (value !== null) refs.push({ attr: `${name} href`, value });
    }
    if (name === 'object') take('data');
    if (name === 'a') {
      const href = el.getAttribute('href');
      if (href && href.startsWith('#') && href.length > 1) anchors.push(href);
    }
  }
  return { ids: [...ids], duplicateIds, refs, anchors };
}

function cssFacts(css: string): EntryFacts {
  const refs: { attr: string; value: string }[] = [];
  for (const m of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)/g)) refs.push({ attr: 'url()', value: m[1] ?? m[2] ?? m[3] ?? '' });
  return { refs };
}

export async function validateEpub(bytes: Uint8Array, where: string, memo?: EntryMemo): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const error = (code: string, message: string) => out.push({ severity: 'error', code, message, file: where });

  const first = firstEntry(bytes);
  if (!first || first.name !== 'mimetype') error('epub-mimetype', `The first entry of the zip is ${first ? `"${first.name}"` : 'unreadable'}, expected "mimetype"`);
  else {
    if (first.method !== 0) error('epub-mimetype', `The mimetype entry is compressed (method ${first.method}); it must be stored`);
    const text = new TextDecoder().decode(first.data);
    if (first.method === 0 && text !== 'application/epub+zip') error('epub-mimetype', `The mimetype entry reads "${text}", expected "application/epub+zip"`);
  }

  // with a memo, each entry is inflated and its CRC checked only when its key is not in the memo
  const keys = memo && typeof zlib.crc32 === 'function' ? entryKeys(bytes) : undefined;
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: !keys });
  } catch (e) {
    error('epub-zip', `The EPUB is not a zip that opens: ${(e as Error).message}`);
    return out;
  }
  const names = Object.keys(zip.files);
  if (keys && (names.length !== keys.size || names.some((n) => !keys.has(n)))) {
    error('epub-zip', 'The EPUB is not a zip that opens: its central directory and its entries disagree');
    return out;
  }
  const has = (path: string) => zip.file(path) !== null;
  const contents = new Map<string, Promise<Buffer>>();
  const readBytes = (path: string): Promise<Buffer> => {
    let got = contents.get(path);
    if (!got) {
      got = zip.file(path)!.async('nodebuffer').then((data) => {
        if (keys && zlib.crc32(data) !== keys.get(path)!.crc) throw new Error('Corrupted zip : CRC32 mismatch');
        return data;
      });
      contents.set(path, got);
    }
    return got;
  };
  const read = async (path: string) => (await readBytes(path)).toString('utf8');
  /** an entry's findings: from the memo, or found (after its CRC is checked) and kept */
  const factsOf = async (path: string, find: (text: string) => EntryFacts): Promise<EntryFacts> => {
    const key = keys?.get(path)?.key;
    const known = key ? memo!.get(key) : undefined;
    if (known) return known;
    const facts = find(await read(path));
    if (key) memo!.set(key, facts);
    return facts;
  };

  try {
    if (keys) {
      // every entry's CRC, as JSZip checks them when it loads: those of the memo were checked when they were kept
      for (const [name, { key }] of keys) {
        if (zip.files[name].dir || memo!.get(key)) continue;
        await readBytes(name);
        if (!/\.(x?html|svg|css)$/i.test(name)) memo!.set(key, {});
      }
    }
    return await checkPackage();
  } catch (e) {
    error('epub-zip', `The EPUB is not a zip that opens: ${(e as Error).message}`);
    return out;
  }

  async function checkPackage(): Promise<Diagnostic[]> {
    if (!has('META-INF/container.xml')) {
      error('epub-container', 'META-INF/container.xml is missing');
      return out;
    }
    const container = parseXml(await read('META-INF/container.xml'), (m) => error('epub-xml', `META-INF/container.xml is not well-formed: ${m}`));
    const opfPath = container ? elements(container, 'rootfile')[0]?.getAttribute('full-path') : undefined;
    if (!container) return out;
    if (!opfPath) {
      error('epub-container', 'META-INF/container.xml names no rootfile full-path');
      return out;
    }
    if (!has(opfPath)) {
      error('epub-opf', `The package document ${opfPath} named by container.xml is not in the zip`);
      return out;
    }
    const opf = parseXml(await read(opfPath), (m) => error('epub-xml', `${opfPath} is not well-formed: ${m}`));
    if (!opf) return out;
    const items = elements(opf, 'item');
    if (elements(opf, 'manifest').length === 0 || items.length === 0) error('epub-opf', `${opfPath} has no manifest items`);
    if (elements(opf, 'spine').length === 0) error('epub-opf', `${opfPath} has no spine`);

    // the manifest: unique ids, every file present
    const manifest = new Map<string, { id: string; type: string; properties: string[] }>();
    const itemIds = new Set<string>();
    for (const item of items) {
      const id = item.getAttribute('id') ?? '';
      const href = item.getAttribute('href') ?? '';
      if (itemIds.has(id)) error('epub-id-duplicate', `${opfPath}: manifest id "${id}" is used twice`);
      itemIds.add(id);
      const target = packagedPath(opfPath, href);
      if (!target) continue; // a remote resource: epubcheck judges it
      if (!has(target.path)) error('epub-manifest-missing', `${opfPath}: manifest item "${id}" (${href}) is not in the zip`);
      manifest.set(target.path, { id, type: item.getAttribute('media-type') ?? '', properties: (item.getAttribute('properties') ?? '').split(/\s+/).filter(Boolean) });
    }
    for (const ref of elements(opf, 'itemref')) {
      const idref = ref.getAttribute('idref') ?? '';
      if (!itemIds.has(idref)) error('epub-spine', `${opfPath}: spine itemref "${idref}" names no manifest item`);
    }
    const nav = [...manifest.entries()].find(([, m]) => m.properties.includes('nav'));
    if (!nav) error('epub-nav-missing', `${opfPath}: no manifest item has properties="nav" (the EPUB 3 navigation document)`);

    // each XHTML document: well-formed, ids unique; then every reference packaged
    const docs = new Map<string, { ids: Set<string>; anchors: string[] }>();
    const refs: { from: string; attr: string; value: string }[] = [];
    for (const [path, item] of manifest) {
      if (!has(path)) continue;
      if (item.type === 'application/xhtml+xml' || item.type === 'image/svg+xml') {
        const facts = await factsOf(path, documentFacts);
        for (const m of facts.xml ?? []) error('epub-xml', `${path} is not well-formed: ${m}`);
        if (!facts.ids) continue;
        for (const id of facts.duplicateIds ?? []) error('epub-id-duplicate', `${path}: id "${id}" is used twice`);
        for (const r of facts.refs ?? []) refs.push({ from: path, ...r });
        docs.set(path, { ids: new Set(facts.ids), anchors: facts.anchors ?? [] });
      } else if (item.type === 'text/css') {
        for (const r of (await factsOf(path, cssFacts)).refs ?? []) refs.push({ from: path, ...r });
      }
    }
    if (nav && !docs.has(nav[0]) && has(nav[0])) error('epub-nav-missing', `${opfPath}: the navigation document ${nav[0]} could not be read`);

    const seen = new Set<string>();
    for (const ref of refs) {
      const target = packagedPath(ref.from, ref.value);
      if (!target) continue;
      const key = `${ref.from}\0${ref.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (!has(target.path)) error('epub-resource-missing', `${ref.from}: ${ref.attr} "${ref.value}" names ${target.path}, which is not in the EPUB`);
      else if (!manifest.has(target.path)) error('epub-resource-missing', `${ref.from}: ${ref.attr} "${ref.value}" names ${target.path}, which is in the zip but not in the manifest`);
      else if (target.fragment && docs.has(target.path) && !docs.get(target.path)!.ids.has(decodeURIComponentSafe(target.fragment))) {
        error('epub-fragment-missing', `${ref.from}: ${ref.attr} "${ref.value}": ${target.path} has no id "${target.fragment}"`);
      }
    }
    // links within a document (#id) must land too
    for (const [path, doc] of docs) {
      for (const href of doc.anchors) {
        if (!doc.ids.has(decodeURIComponentSafe(href.slice(1)))) error('epub-fragment-missing', `${path}: a href "${href}" names no id of its document`);
      }
    }
    return out;
  }
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
