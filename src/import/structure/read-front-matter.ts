/**
 * The front of a text before its first paragraph: author line, title (and a repeated page title), subtitle,
 * chapter heading, dateline and the credits header, in any order.
 */
import type { ImportContext, RawBlock } from '../types.js';
import { CREDIT_FIELDS, isDateline, isFullName, isInitialsName, isNumberedHeading, isSalutation, isTitleLike, readCreditLine } from './classify-block.js';
import type { Credits } from './parse-credits.js';

export interface FrontMatter {
  author?: RawBlock;
  title?: RawBlock;
  subtitle?: RawBlock;
  /** a numbered heading after the title ("V. THE PARTY …"): the chapter this text is */
  chapter?: RawBlock;
  /** more title-like lines: headings */
  headings: RawBlock[];
  dateline?: RawBlock;
  credits: Credits;
  /** index of the first block of the body */
  bodyStart: number;
}

/** "Source:" standing alone, its value on the lines below */
const CREDIT_LABEL_ALONE = /^([A-Za-z][A-Za-z \\/-]{2,40}?)\s*:$/;

function comparable(text: string): string {
  return text
    .replace(/^(?:[IVXLC]{1,7}|\d{1,2})\.\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .toLowerCase();
}

/** A header line in free prose: "Translated from the Russian by …", "First published in …", "From …" (the source). */
function readProseCredit(b: RawBlock, front: FrontMatter, ctx: ImportContext): void {
  const text = b.text.trim().replace(/\s+/g, ' ');
  const translated = /^Translated(?:\s+from\s+the\s+\p{L}+)?\s+by\s+(.+?)\.?$/iu.exec(text);
  const from = /^From\s+(\p{Lu}.+?)\.?$/u.exec(text);
  if (translated && !front.credits.translated) front.credits.translated = { value: translated[1]!, line: b.line, label: 'Translated' };
  else if (/^(?:First\s+)?(?:Published|Printed)\b/i.test(text)) {
    const had = front.credits.published;
    front.credits.published = { value: had ? `${had.value}; ${text}` : text, line: had?.line ?? b.line, label: 'Published' };
  } else if (from && !front.credits.source) front.credits.source = { value: from[1]!, line: b.line, label: 'Source' };
  else {
    ctx.review({ rule: 'front-matter', kind: 'doubt', line: b.line, message: `header line "${text.slice(0, 60)}" not kept` });
    return;
  }
  ctx.review({ rule: 'credits-header', kind: 'fixed', line: b.line, message: `"${text.slice(0, 50)}" moved to book.yaml sources` });
}

export function readFrontMatter(blocks: RawBlock[], ctx: ImportContext): FrontMatter {
  const front: FrontMatter = { headings: [], credits: {}, bodyStart: 0 };
  const titles: RawBlock[] = [];
  let i = 0;
  for (; i < blocks.length; i++) {
    const b = blocks[i];
    const text = b.text.trim().replace(/\s+/g, ' ');
    // a field name alone on its line, its value broken over the lines below (a header laid out in a narrow
    // column): the value runs to the next field, a salutation, a dateline or a block of broken lines
    const named = CREDIT_LABEL_ALONE.exec(text);
    const field = named ? CREDIT_FIELDS.find((f) => f.pattern.test(named[1]!.trim())) : undefined;
    let credit = readCreditLine(text);
    if (!credit && named && field) {
      const parts: string[] = [];
      let j = i + 1;
      for (; j < blocks.length; j++) {
        const t = blocks[j]!.text.trim().replace(/\s+/g, ' ');
        if (!t || blocks[j]!.text.trim().includes('\n') || t.length > 300 || CREDIT_LABEL_ALONE.test(t) || readCreditLine(t) || isSalutation(t) || isDateline(t)) break;
        parts.push(t);
        // a link of the site's (`• README`) ends the header
        if (/^•\s/.test(t)) {
          j++;
          break;
        }
      }
      if (parts.length) {
        credit = { key: field.key, label: named[1]!.trim(), value: parts.join(' ') };
        i = j - 1;
      }
    }
    if (credit) {
      // "The Late George H. Hanna": the translator is George H. Hanna; "… as your source. • README": a link glued on
      const value = credit.value.replace(/^the late\s+/i, '').replace(/\s+•\s+[\p{L} ]{1,20}$/u, '');
      front.credits[credit.key] = { value, line: b.line, label: credit.label };
      ctx.review({ rule: 'credits-header', kind: 'fixed', line: b.line, message: `"${credit.label}" moved to book.yaml sources` });
      continue;
    }
    // a publication line without a field name under the title ("First published in …, 1913", "Published in
    // English for the first time in … Works, Volume 40"): a credit, not a heading
    if (titles.length > 0 && text.length <= 200 && /^(?:First )?(?:Published|Printed|Reprinted)\s+(?:in|by|from)\b/i.test(text) && !/[.!?]\s+\p{Lu}/u.test(text.replace(/\b(?:\p{Lu}|Bd|Vol|No|pp?)\.\s/gu, ''))) {
      const had = front.credits.published;
      front.credits.published = { value: had ? `${had.value}; ${text}` : text, line: had?.line ?? b.line, label: 'Published' };
      ctx.review({ rule: 'credits-header', kind: 'fixed', line: b.line, message: `publication line "${text.slice(0, 50)}" moved to book.yaml sources` });
      continue;
    }
    // fields run together without spaces, the joins shown by digits glued between letters ("A. Writer4585278The
    // Coast Gazette, no. 74—The Title1918Anonymous"): a name first is the author, a year the date, a piece that
    // ends with the title after a dash the source
    if (/\p{L}\d{3,}\p{Lu}/u.test(text) && !/\s\d{3,}\s/.test(text)) {
      const pieces = text.split(/(?<=\p{L})(?=\d)|(?<=\d)(?=\p{Lu})/u).map((p) => p.trim()).filter(Boolean);
      if (pieces.length >= 3) {
        if (!front.author && isFullName(pieces[0]!)) front.author = { ...b, text: pieces[0]! };
        const year = pieces.find((p) => /^1[5-9]\d\d$|^20\d\d$/.test(p));
        if (year && !front.credits.written) front.credits.written = { value: year, line: b.line, label: 'Written' };
        const titled = pieces.find((p) => /\S\s*[—–]\s*\S/.test(p));
        if (titled && !front.credits.source) front.credits.source = { value: titled.split(/\s*[—–]\s*/)[0]!, line: b.line, label: 'Source' };
        ctx.review({ rule: 'front-matter', kind: 'doubt', line: b.line, message: `fields run together ("${text.slice(0, 60)}") read as ${[front.author?.line === b.line ? `author "${pieces[0]}"` : '', year ? `year ${year}` : '', titled ? 'a source' : ''].filter(Boolean).join(', ') || 'nothing'}` });
        continue;
      }
    }
    // a block of broken lines (an address under the header) opens the body
    if (isSalutation(text) || b.text.trim().includes('\n')) break;
    // the author's name first: initials ("J. V. Stalin"), or a name written out when a title follows it
    const next = blocks[i + 1]?.text.trim().replace(/\s+/g, ' ') ?? '';
    if (!front.author && i === 0 && (isInitialsName(text) || (isFullName(text) && isTitleLike(next) && !readCreditLine(next) && !isDateline(next)))) {
      front.author = { ...b, text };
      continue;
    }
    // the author's initials below the title ("243. TO HIS SISTER MARIA" / "V. I. Lenin")
    if (!front.author && titles.length > 0 && i <= 3 && isInitialsName(text)) {
      front.author = { ...b, text };
      continue;
    }
    // a number alone that the title starts with (a letter's number in its collection): not a heading
    const numbered = titles[0] && /^(\d{1,4})\.\s/.exec(titles[0].text);
    if (numbered && text === numbered[1]) {
      ctx.review({ rule: 'front-matter', kind: 'fixed', line: b.line, message: `"${text}", the number before the title, removed` });
      continue;
    }
    // "To: HIS SISTER MARIA": the letter's addressee, its title
    const to = /^To:\s*(\S.*)$/i.exec(text);
    if (to) {
      titles.push({ ...b, text: `To ${to[1]}` });
      continue;
    }
    if (!front.dateline && isDateline(text)) {
      front.dateline = { ...b, text };
      continue;
    }
    if (isTitleLike(text, titles.length === 0)) {
      titles.push({ ...b, text });
      continue;
    }
    break;
  }
  // the title said again below a block of short lines (a bibliographic block in free prose: "Translated from the
  // Russian by …", "From …, Collected Works, …", then "TO THE ADDRESSEE" again): the block is the header
  const said = [...titles].reverse().find((t) => !/^\d{1,4}\.?$/.test(t.text));
  if (said && comparable(said.text)) {
    for (let k = i; k < Math.min(blocks.length, i + 20); k++) {
      const t = blocks[k]!.text.trim().replace(/\s+/g, ' ');
      if (t.length > 200) break;
      if (comparable(t) !== comparable(said.text)) continue;
      for (const h of blocks.slice(i, k)) readProseCredit(h, front, ctx);
      ctx.review({ rule: 'front-matter', kind: 'fixed', line: blocks[k]!.line, message: `the title "${t}" said again below the header: the header ends there` });
      i = k + 1;
      break;
    }
  }
  front.bodyStart = i;

  // "II" above "THE DICTATORSHIP OF THE PROLETARIAT": one numbered heading
  for (let k = titles.length - 2; k >= 0; k--) {
    const numeral = /^(?:[IVXLC]{1,7}|\d{1,2})\.?$/.exec(titles[k].text);
    if (numeral && !isNumberedHeading(titles[k + 1].text)) {
      ctx.review({ rule: 'front-matter', kind: 'fixed', line: titles[k + 1].line, message: `numeral "${titles[k].text}" and heading "${titles[k + 1].text}" made one heading` });
      titles.splice(k, 2, { ...titles[k], text: `${titles[k].text.replace(/\.$/, '')}. ${titles[k + 1].text}` });
    }
  }

  // the page's path as its first line ("The Coast Gazette/Volume 6/The Title") over the title itself: the title
  const path = titles[0] && /^[^/\s][^/]*(?:\/[^/]+){1,6}$/.test(titles[0].text) ? titles[0].text.split('/') : undefined;
  if (path && titles.slice(1).some((t) => comparable(t.text) === comparable(path[path.length - 1]!))) {
    ctx.review({ rule: 'front-matter', kind: 'fixed', line: titles[0]!.line, message: `page path "${titles[0]!.text}" over the title "${path[path.length - 1]}": removed` });
    titles.shift();
  }
  // a web page's title repeated before the work's own title and chapter heading ("THE PARTY …" … "V. THE PARTY …")
  if (titles.length >= 2 && titles.slice(1).some((t) => comparable(t.text) === comparable(titles[0].text))) {
    ctx.review({ rule: 'front-matter', kind: 'fixed', line: titles[0].line, message: `page title "${titles[0].text}" repeats a heading below: removed` });
    titles.shift();
  }
  // a number alone above the title ("309" / "To: MAXIM GORKY"): the letter's number in its collection, not its title
  if (titles.length >= 2 && /^\d{1,4}\.?$/.test(titles[0].text)) {
    ctx.review({ rule: 'front-matter', kind: 'fixed', line: titles[0].line, message: `"${titles[0].text}", the number above the title, removed` });
    titles.shift();
  }
  // the page title is the work's number and title ("243. TO HIS SISTER MARIA"): the number goes
  if (titles[0] && /^\d{1,4}\.\s+\S/.test(titles[0].text)) titles[0] = { ...titles[0], text: titles[0].text.replace(/^\d{1,4}\.\s+/, '') };
  // the same title twice (the page's and the letter's "To: …"): one
  if (titles.length >= 2 && comparable(titles[1].text).includes(comparable(titles[0].text).replace(/^to /, ''))) {
    ctx.review({ rule: 'front-matter', kind: 'fixed', line: titles[0].line, message: `page title "${titles[0].text}" repeats the title below: removed` });
    titles.shift();
  }
  front.title = titles.shift();
  for (const t of titles) {
    if (isNumberedHeading(t.text) && !front.chapter) front.chapter = t;
    else if (!front.subtitle && !front.chapter) front.subtitle = t;
    else front.headings.push(t);
  }
  return front;
}
