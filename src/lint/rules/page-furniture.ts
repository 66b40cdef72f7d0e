/**
 * Page numbers and running heads left in the text: a paragraph that is only a number, or only the book's or a
 * chapter's title (with or without a page number), stands where a printed page ended.
 */
import { eachBlock, findingAt, type LintBook } from '../document.js';
import type { LintFinding, LintRule } from '../types.js';

const FOLIO = /^[\s—–-]*(?:\d{1,4}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})[\s—–-]*$/u;

function normal(text: string): string {
  return text.toLowerCase().replace(/[\s\u00a0]+/g, ' ').replace(/[^\p{L}\p{N} ]/gu, '').trim();
}

export const pageFurniture: LintRule = {
  code: 'page-furniture',
  description: 'a page number or running head left as a paragraph',
  example: { found: 'the comparative ease\n\nBIOGRAPHICAL CHRONICLE 443\n\nwith which', corrected: 'the comparative ease with which' },
  severity: 'warning',
  check(book: LintBook): LintFinding[] {
    const findings: LintFinding[] = [];
    const titles = new Set<string>();
    if (typeof book.meta.title === 'string') titles.add(normal(book.meta.title));
    for (const { block } of eachBlock(book)) if (block.kind === 'heading' && normal(block.text).split(' ').length >= 2) titles.add(normal(block.text));
    for (const { file, block } of eachBlock(book)) {
      if (block.kind !== 'paragraph') continue;
      const text = block.text.trim();
      if (FOLIO.test(text)) {
        findings.push(findingAt(file, block, 0, text, `a paragraph that is only “${text}”: a page number left in the text?`));
        continue;
      }
      const head = normal(text.replace(/^\d{1,4}\s+|\s+\d{1,4}$/g, ''));
      if (head && titles.has(head) && block.container !== 'source' && !/[.!?”]$/.test(text)) {
        findings.push(findingAt(file, block, 0, text, `a paragraph that is only the title “${text}”: a running head left in the text?`));
      }
    }
    return findings;
  },
};
