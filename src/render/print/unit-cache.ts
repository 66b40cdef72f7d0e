/**
 * The typeset units of a book (units.ts), kept on disk between builds: for each unit, what its layout
 * measured (keyed by the unit's HTML, the files it loads and the typesetter's build) and its printed pages,
 * prepared for the join (prepare-unit.ts; keyed by that and the folios and contents numbers written on them). A rebuild takes from here every unit
 * a correction did not touch. One folder per book and output; after a build it holds that build's units
 * only. Entries are written atomically and read whole; one that does not parse is taken as absent.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../build/write-atomic.js';
import type { PageFacts } from './in-page.js';
import { readPreparedUnit, type PreparedUnit } from './prepare-unit.js';

export interface UnitCacheOptions {
  /** the folder of this book's units (created when needed) */
  dir: string;
  /** false: take nothing from the folder (a forced build), only write this build's units into it */
  read?: boolean;
}

export function sha256(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const part of parts) {
    h.update(part);
    h.update('\0');
  }
  return h.digest('hex');
}

/** The content of the files a unit's page may load (fonts, images): a changed font is a changed layout. */
export function filesDigest(files: string[]): string {
  const h = createHash('sha256');
  for (const file of [...files].sort()) {
    h.update(file);
    h.update('\0');
    try {
      h.update(readFileSync(file));
    } catch {
      h.update('(missing)');
    }
    h.update('\0');
  }
  return h.digest('hex');
}

export class UnitCache {
  private readonly used = new Set<string>();
  constructor(private readonly options: UnitCacheOptions) {}

  private path(name: string): string {
    return join(this.options.dir, name);
  }

  private read(name: string): Buffer | undefined {
    this.used.add(name);
    if (this.options.read === false) return undefined;
    try {
      return readFileSync(this.path(name));
    } catch {
      return undefined;
    }
  }

  private write(name: string, bytes: Uint8Array | string): void {
    this.used.add(name);
    try {
      mkdirSync(this.options.dir, { recursive: true });
      // read back whole or not at all (facts parse, a prepared unit says its length): no flush to wait for
      writeFileAtomic(this.path(name), bytes, { flush: false });
    } catch {
      /* a cache that cannot be written costs time next build, nothing else */
    }
  }

  facts(key: string): PageFacts | undefined {
    const bytes = this.read(`${key}.json`);
    if (!bytes) return undefined;
    try {
      const facts = JSON.parse(bytes.toString('utf8')) as PageFacts;
      return Array.isArray(facts.counters) && Array.isArray(facts.texts) ? facts : undefined;
    } catch {
      return undefined;
    }
  }

  putFacts(key: string, facts: PageFacts): void {
    this.write(`${key}.json`, JSON.stringify(facts));
  }

  /** A printed unit as the join takes it (prepare-unit.ts); undefined when absent or not whole. */
  unit(key: string): PreparedUnit | undefined {
    const bytes = this.read(`${key}.unit`);
    return bytes && readPreparedUnit(bytes);
  }

  putUnit(key: string, bytes: Uint8Array): void {
    this.write(`${key}.unit`, bytes);
  }

  /** Remove what this build did not use (the units of earlier versions of the book). */
  prune(): void {
    if (!existsSync(this.options.dir)) return;
    for (const name of readdirSync(this.options.dir)) {
      if (this.used.has(name)) continue;
      const path = this.path(name);
      try {
        if (statSync(path).isFile()) rmSync(path, { force: true });
      } catch {
        /* gone meanwhile */
      }
    }
  }
}
