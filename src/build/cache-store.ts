/**
 * A build cache shared by several processes or machines (CI runners on shared storage): each output is
 * stored under the key of its inputs (input-hash.ts, machine-independent), so a book built by one runner is
 * fetched, never built again, by the others. Set by GALLEY_CACHE_DIR or galley.yaml `cache: dir:`.
 *
 *   <dir>/v2/<k0k1>/<key>        one file: a JSON header line (sha256, size, facts), then the output's bytes
 *   <dir>/v2/<k0k1>/<key>.lock   held while one process builds that output (created exclusively)
 *
 * Writes are atomic (a temporary file created exclusively beside the target, then renamed), so two
 * processes never leave a half-written entry, and a reader sees the old entry or the whole new one. An
 * entry whose bytes do not have its recorded hash is reported and ignored (and rewritten by the build).
 * While one process builds an output, another that needs the same key waits for it rather than building
 * it a second time; a lock left by a process that died (same machine, process gone; or older than the
 * typesetting limit) is taken over.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { OutputFacts } from '../outputs/types.js';
import { onStop } from './stop.js';
import { writeFileAtomic } from './write-atomic.js';

export interface StoredOutput {
  bytes: Uint8Array;
  facts?: OutputFacts;
}

interface Header {
  galley: 2;
  sha256: string;
  bytes: number;
  facts?: OutputFacts;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The shared cache folder of a run: GALLEY_CACHE_DIR, else galley.yaml's `cache: dir:`, else none. */
export function sharedCacheDir(project: { cache?: { dir: string }; root: string }, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.GALLEY_CACHE_DIR) return join(env.GALLEY_CACHE_DIR.startsWith('/') ? '' : project.root, env.GALLEY_CACHE_DIR);
  return project.cache?.dir;
}

export class CacheStore {
  constructor(readonly dir: string) {}

  private entry(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`not a cache key: ${key}`);
    return join(this.dir, 'v2', key.slice(0, 2), key);
  }

  /** The stored output, undefined if there is none, or a problem if the entry is damaged. */
  get(key: string): StoredOutput | { problem: string } | undefined {
    const path = this.entry(key);
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch {
      return undefined;
    }
    const nl = data.indexOf(0x0a);
    try {
      if (nl < 0) throw new Error('no header');
      const header = JSON.parse(data.subarray(0, nl).toString('utf8')) as Header;
      const bytes = data.subarray(nl + 1);
      if (header?.galley !== 2 || bytes.length !== header.bytes || sha256(bytes) !== header.sha256) throw new Error('its bytes do not match its header');
      return { bytes: new Uint8Array(bytes), ...(header.facts ? { facts: header.facts } : {}) };
    } catch (error) {
      return { problem: `${path} is damaged (${(error as Error).message.split('\n')[0]})` };
    }
  }

  put(key: string, bytes: Uint8Array, facts?: OutputFacts): void {
    const header: Header = { galley: 2, sha256: sha256(bytes), bytes: bytes.length, ...(facts ? { facts } : {}) };
    writeFileAtomic(this.entry(key), Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), bytes]));
  }

  /**
   * Take the right to build `key`: resolves to a release function once this process holds it, or to
   * 'stored' when another process stored the output meanwhile. Waits at most `waitMs` for another's build.
   */
  async claim(key: string, waitMs: number): Promise<(() => void) | 'stored'> {
    const lock = `${this.entry(key)}.lock`;
    mkdirSync(dirname(lock), { recursive: true });
    const until = Date.now() + waitMs;
    for (;;) {
      if (existsSync(this.entry(key))) return 'stored';
      try {
        const fd = openSync(lock, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
        writeSync(fd, JSON.stringify({ host: hostname(), pid: process.pid, at: new Date().toISOString() }));
        closeSync(fd);
        const forget = onStop(() => rmSync(lock, { force: true }));
        return () => {
          rmSync(lock, { force: true });
          forget();
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      if (this.abandoned(lock, waitMs) || Date.now() > until) {
        rmSync(lock, { force: true });
        continue;
      }
      await sleep(150);
    }
  }

  /** A lock whose process is gone (on this machine), or older than the longest a build may take. */
  private abandoned(lock: string, maxAgeMs: number): boolean {
    try {
      const { host, pid } = JSON.parse(readFileSync(lock, 'utf8')) as { host?: string; pid?: number };
      if (host === hostname() && typeof pid === 'number' && pid !== process.pid) {
        try {
          process.kill(pid, 0);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ESRCH') return true;
        }
      }
      return Date.now() - statSync(lock).mtimeMs > maxAgeMs;
    } catch {
      // being written, or just removed: look again
      return false;
    }
  }
}
