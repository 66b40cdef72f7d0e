/**
 * `galley build --shard i/n`: one CI runner's part of a library. The books (slugs under content/, or those
 * named) are put in sorted order (by code point, so every machine and locale agrees) and dealt out in turn:
 * the k-th book (0-based) goes to shard (k mod n) + 1. Shards are disjoint, together they are the whole
 * library, and their sizes differ by at most one book. Adding a book moves only the books sorted after it,
 * and with a shared cache (GALLEY_CACHE_DIR) a book that changed shard is fetched, not built again.
 */
import { GalleyError } from '../diagnostics.js';

export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

/** "2/4" → { index: 2, count: 4 }; anything else is a usage error that says what is expected. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new GalleyError('usage', `--shard expects i/n with 1 ≤ i ≤ n (as 1/4), found "${text}"`);
  }
  return { index, count };
}

/** The books of one shard, in sorted order. */
export function shardBooks(books: string[], shard: Shard): string[] {
  const sorted = [...new Set(books)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted.filter((_, k) => k % shard.count === shard.index - 1);
}
