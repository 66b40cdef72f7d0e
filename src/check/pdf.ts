/** Placeholder replaced below. */
import type { Diagnostic } from '../diagnostics.js';
import type { Book } from '../model/types.js';
export async function checkPdf(_pdfPath: string, _book: Book): Promise<Diagnostic[]> {
  return [];
}
