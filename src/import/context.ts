/**
 * The import context: where the stages report repairs and doubts (see ReviewItem). Each one is also reported to
 * `diagnostics` as the build's Diagnostic (codes in src/import/codes.ts): a doubt a warning, a fix an info,
 * positioned in source.txt.
 */
import { Diagnostics } from '../diagnostics.js';
import { reviewToDiagnostic } from './codes.js';
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
      diagnostics.report(reviewToDiagnostic(item));
    },
  };
}
