/**
 * The validation's findings per zip entry (check/validate-epub.ts EntryFacts), kept between builds of a book:
 * in memory for a process that builds again (--watch, preview) and in `.cache/epub-checked/<book>.json`
 * between runs. An entry's key is the hash of its compressed bytes, CRC and size, so a finding is used again
 * only for the very same entry. The file keeps the entries of the last validation only; one that does not
 * read as a memo is ignored (the book's entries are then inflated and parsed again).
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../build/write-atomic.js';
import type { EntryFacts, EntryMemo } from './validate-epub.js';

const VERSION = 1;
const inMemory = new Map<string, Map<string, EntryFacts>>();

const strings = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
function isFacts(v: unknown): v is EntryFacts {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const f = v as Record<string, unknown>;
  const refsOk = f.refs === undefined || (Array.isArray(f.refs) && f.refs.every((r) => typeof r === 'object' && r !== null && typeof (r as { attr?: unknown }).attr === 'string' && typeof (r as { value?: unknown }).value === 'string'));
  return strings(f.xml) && strings(f.ids) && strings(f.duplicateIds) && strings(f.anchors) && refsOk;
}

function readMemo(file: string): Map<string, EntryFacts> {
  const found = new Map<string, EntryFacts>();
  if (!existsSync(file)) return found;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown; entries?: Record<string, unknown> };
    if (data.version !== VERSION || typeof data.entries !== 'object' || data.entries === null) return found;
    for (const [key, facts] of Object.entries(data.entries)) {
      if (!/^[0-9a-f]{64}$/.test(key) || !isFacts(facts)) return new Map();
      found.set(key, facts);
    }
  } catch {
    return new Map();
  }
  return found;
}

/** The memo kept in `file`; save() writes the entries this validation used (and nothing if they are those it read). */
export function openEntryMemo(file: string): EntryMemo & { save(): void } {
  let known = inMemory.get(file);
  if (!known) {
    known = readMemo(file);
    inMemory.set(file, known);
  }
  const used = new Map<string, EntryFacts>();
  let added = false;
  return {
    get(key) {
      const facts = known!.get(key);
      if (facts) used.set(key, facts);
      return facts;
    },
    set(key, facts) {
      used.set(key, facts);
      added = true;
    },
    save() {
      if (!added && used.size === known!.size) return;
      inMemory.set(file, used);
      writeFileAtomic(file, `${JSON.stringify({ version: VERSION, entries: Object.fromEntries(used) })}\n`);
    },
  };
}
