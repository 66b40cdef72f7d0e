/**
 * Apply the typography rules of a book's language (rules.ts) to its parsed tokens and to single strings.
 * The rules see a block's inline text joined across tokens, so that "*Vive* la France !" is one text to
 * them; each token gets its own part back.
 */
import type { Token } from 'markdown-it';
import { BREAK, MARK, RULES, type TypographyRule } from './rules.js';

/** The rules for a BCP 47 tag, by its primary language subtag (fr-CA → fr); none for English. */
export function typographyRules(language: string): TypographyRule[] {
  return RULES[language.split('-')[0].toLowerCase()] ?? [];
}

function applyRules(text: string, rules: TypographyRule[]): string {
  let out = text;
  for (const rule of rules) out = rule.apply(out);
  return out;
}

/** One string (a title, a sentence of the apparatus). */
export function typesetText(text: string, language: string): string {
  const rules = typographyRules(language);
  if (rules.length === 0 || text.includes(MARK) || text.includes(BREAK)) return text;
  return applyRules(text, rules);
}

/** The text tokens of one inline block, in place. A block whose text would come back unaligned is left as it was. */
function typesetInline(children: Token[], rules: TypographyRule[]): void {
  const texts = children.filter((c) => c.type === 'text');
  if (texts.length === 0 || texts.some((t) => t.content.includes(MARK) || t.content.includes(BREAK))) return;
  // each token starts with a mark; a line break is a mark that reads as a space
  const joined = children.map((c) => (c.type === 'text' ? MARK + c.content : c.type === 'softbreak' || c.type === 'hardbreak' ? BREAK : MARK)).join('');
  const parts = applyRules(joined, rules).split(/[\uE000\uE001]/).slice(1);
  if (parts.length !== children.length) return;
  if (children.some((c, i) => c.type !== 'text' && parts[i] !== '')) return;
  children.forEach((c, i) => {
    if (c.type === 'text') c.content = parts[i];
  });
}

/** Every inline block of a parsed chapter (body and notes), in place: the tokens are fresh from the parser. */
export function typesetTokens(tokens: Token[], language: string): void {
  const rules = typographyRules(language);
  if (rules.length === 0) return;
  for (const t of tokens) if (t.type === 'inline' && t.children) typesetInline(t.children, rules);
}
