import type { RepairRule } from './types.js';

/** A line of symbols only: an ornament or logo drawn in a symbol font, extracted as its character codes. */
function isOrnament(text: string): boolean {
  const t = text.trim();
  if (/[\p{L}\p{N}]/u.test(t)) return false;
  // a row of one repeated mark (`* * *`, `———`) is a section break, not an ornament to drop
  return new Set(t.replace(/\s/g, '')).size > 1;
}

export const removeOrnamentLines: RepairRule = {
  id: 'remove-ornament-lines',
  description: 'Drop lines made only of symbols: ornaments extracted as the codes of a symbol font.',
  example: '"!(@$" (the ornament between the preface and the first work) → removed',
  apply(items, { ctx }) {
    return items.filter((item) => {
      if (item.kind !== 'text' || !isOrnament(item.text)) return true;
      ctx.review({ rule: this.id, kind: 'fixed', line: item.line, message: `ornament line "${item.text.trim()}" removed` });
      return false;
    });
  },
};
