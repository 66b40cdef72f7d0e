/** The import context: where the stages report repairs and doubts (see ReviewItem). */
import { Diagnostics } from '../diagnostics.js';
import type { ImportContext, ReviewItem } from './types.js';

export interface CollectingContext extends ImportContext {
  /** everything reported so far, in order */
  readonly items: ReviewItem[];
}

export function createImportContext(sourcePath: string, diagnostics = new Diagnostics()): CollectingContext {
  const items: ReviewItem[] = [];
  return {
    sourcePath,
    diagnostics,
    items,
    review(item: ReviewItem) {
      items.push(item);
    },
  };
}
