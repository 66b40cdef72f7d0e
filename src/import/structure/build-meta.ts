/** book.yaml data from the front matter: creators, date, a description, the edition's rights and the source. */
import { applyTypography, typographyRules } from '../clean/index.js';
import type { BookYamlData, ImportContext } from '../types.js';
import type { StructureOptions } from './build-structure.js';
import { creditsToSource } from './parse-credits.js';
import { parseDateText } from './parse-date.js';
import type { FrontMatter } from './read-front-matter.js';

/** "J. V. Stalin" → "Stalin, J. V." */
function fileAs(name: string): string {
  const words = name.split(/\s+/);
  return words.length < 2 ? name : `${words[words.length - 1]}, ${words.slice(0, -1).join(' ')}`;
}

/** book.yaml keeps plain spaces: the typography rules without non-breaking spaces */
const metaRules = typographyRules.filter((r) => r.id !== 'non-breaking-spaces');

const NAME_WORDS = /^\p{Lu}[\p{L}'’-]*\.?(?: \p{Lu}[\p{L}'’-]*\.?){0,3}$/u;
const titleCased = (s: string) => (s === s.toUpperCase() ? s.toLowerCase().replace(/(^|[\s-])(\p{Ll})/gu, (_, a: string, b: string) => a + b.toUpperCase()) : s);

/**
 * A letter's heading that names its writer and addressee: "Extract from Thomas Jefferson to John Cartwright",
 * "Letter from A to B", "MARX TO ENGELS": the writer is the author, when no author line says otherwise.
 */
export function senderOf(front: Pick<FrontMatter, 'title' | 'subtitle' | 'chapter' | 'headings'>, ctx: ImportContext): string | undefined {
  for (const b of [front.title, front.subtitle, front.chapter, ...front.headings]) {
    if (!b) continue;
    const t = b.text.trim().replace(/\s+/g, ' ');
    // "… from NAME to NAME": the words after "from" are a name
    const from = /^(?:\p{L}+ )?from (.+?) to (.+)$/iu.exec(t);
    // "NAME TO NAME" in capitals, both sides names and nothing else
    const bare = /^(\p{Lu}[\p{Lu}.'’ -]*?) TO (\p{Lu}[\p{Lu}.'’ -]*)$/u.exec(t);
    const m = from ?? bare;
    if (!m) continue;
    const [writer, addressee] = [titleCased(m[1]!), titleCased(m[2]!.replace(/,.*$/, ''))];
    if (!NAME_WORDS.test(writer) || !NAME_WORDS.test(addressee) || writer.split(' ').length > 4) continue;
    ctx.review({ rule: 'front-matter', kind: 'doubt', line: b.line, message: `no author line: the writer named in "${t}", ${writer}, taken as the author` });
    return writer;
  }
  return undefined;
}

export function buildMeta(
  front: FrontMatter,
  title: string,
  subtitle: string | undefined,
  ctx: ImportContext,
  options: StructureOptions,
): BookYamlData {
  const typeset = (s: string) => applyTypography(s, { ...ctx, review: () => {} }, undefined, metaRules);
  const creators: BookYamlData['creators'] = [];
  const author = front.author?.text.replace(/\s+/g, ' ') ?? senderOf(front, ctx);
  if (author) creators.push({ name: author, 'file-as': fileAs(author), role: 'author' });
  else {
    creators.push({ name: 'Unknown', role: 'author' });
    // said at the title's line, where an author line would stand (or the text's first)
    ctx.review({ rule: 'front-matter', kind: 'doubt', line: front.title?.line ?? 1, message: 'no author line found above or below the title: book.yaml names the author "Unknown"' });
  }
  const translated = front.credits.translated?.value;
  if (translated && /^[\p{Lu}][\p{L}. -]{2,60}$/u.test(translated)) creators.push({ name: translated, 'file-as': fileAs(translated), role: 'translator' });

  const dateText = front.dateline?.text ?? front.credits.written?.value;
  const date = dateText ? parseDateText(dateText) : undefined;
  const source = creditsToSource(front.credits, ctx);
  if (!source) ctx.review({ rule: 'credits-header', kind: 'doubt', line: front.title?.line ?? 1, message: 'no credits header (Source:, Written:…) near the title: book.yaml has no source' });
  const sources = source ? [Object.fromEntries(Object.entries(source).map(([k, v]) => [k, typeof v === 'string' ? typeset(v) : v]))] : [];

  const by = author ? `, by ${author}` : '';
  const when = front.dateline?.text ?? front.credits.written?.value.replace(/^(?:Written|Dated):?\s*/i, '').replace(/^on\s+/, '');
  const description = `${title}${subtitle ? `: ${subtitle}` : ''}${by}${when ? ` (${typeset(when)})` : ''}.`;
  const meta: BookYamlData = {
    ...(options.identifier ? { identifier: options.identifier } : {}),
    title: typeset(title),
    ...(subtitle ? { subtitle } : {}),
    language: options.language ?? 'en',
    creators,
    ...(date ? { date } : {}),
    description,
    rights: 'This edition is in the public domain: the text and its notes may be copied, changed and published by anyone.',
    sources,
  };
  return meta;
}
