/**
 * A web archive's credits header → a book.yaml source:
 * "Source : Works, Vol. 2, 1907 - 1913" + "Publisher : Foreign Languages Publishing House, Moscow, 1954" →
 * { title: 'Works, Vol. 2, 1907 - 1913', publisher: 'Foreign Languages Publishing House', place: 'Moscow', year: 1954 }.
 */
import type { ImportContext } from '../types.js';

export type Credits = Partial<Record<string, { value: string; line: number; label: string }>>;

const PUBLISHER = /\b(?:Publish\w*|Press|House|Verlag|Library|Editions|Books|Bookshop|Co\.|Ltd\.?|Inc\.?)\b/;
const PLACES =
  /^(?:Moscow|Leningrad|Petrograd|St\.? Petersburg|Peking|Beijing|Tirana|London|New York|Chicago|Paris|Berlin|Calcutta|Bombay|Delhi|New Delhi|Toronto|Sydney|Melbourne|Geneva|Zurich|Vienna|Prague|Sofia|Budapest|Hanoi|Kiev|Tiflis|Tbilisi|Baku)$/;

export interface PublicationParts {
  title?: string;
  publisher?: string;
  place?: string;
  year?: number;
}

/** Split "Lenin Collected Works, Progress Publishers, [1974], Moscow, Volume 17, pages 547-550." into its parts. */
export function splitPublication(text: string): PublicationParts & { rest: string[] } {
  const parts = text
    .replace(/\.$/, '')
    .split(/,\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: PublicationParts & { rest: string[] } = { rest: [] };
  for (const p of parts) {
    const year = /^\[?(1[5-9]\d\d|20\d\d)\]?$/.exec(p);
    if (year && out.year === undefined) out.year = Number(year[1]);
    else if (PLACES.test(p) && !out.place) out.place = p;
    else if (PUBLISHER.test(p) && !out.publisher) out.publisher = p;
    else out.rest.push(p);
  }
  if (out.rest.length) out.title = out.rest.join(', ');
  return out;
}

/** "Please credit “Marxists Internet Archive” as your source." → Marxists Internet Archive */
export function readCreditRequest(text: string): string | undefined {
  return /Please credit\s+["“']([^"”']+)["”']\s+as your source/i.exec(text)?.[1];
}

export function creditsToSource(credits: Credits, ctx: ImportContext): Record<string, string | number> | undefined {
  const source: Record<string, string | number> = {};
  const sourceField = credits.source;
  if (sourceField) {
    const parts = splitPublication(sourceField.value);
    // a title that is only a year range ("Works, Vol. 2, 1907 - 1913") keeps its years: use the whole text
    source.title = parts.publisher || parts.place ? parts.title ?? sourceField.value : sourceField.value.replace(/\.$/, '');
    if (parts.publisher || parts.place) {
      if (parts.publisher) source.publisher = parts.publisher;
      if (parts.place) source.place = parts.place;
      if (parts.year !== undefined) source.year = parts.year;
    }
  }
  const publisherField = credits.publisher;
  if (publisherField) {
    const parts = splitPublication(publisherField.value);
    if (parts.publisher) source.publisher = parts.publisher;
    else if (parts.title) source.publisher = parts.title;
    if (parts.place) source.place = parts.place;
    if (parts.year !== undefined) source.year = parts.year;
    if (!parts.place || parts.year === undefined) {
      ctx.review({ rule: 'credits-header', kind: 'doubt', line: publisherField.line, message: `publisher "${publisherField.value}": place or year not found` });
    }
  }
  if (!source.title && Object.keys(credits).length === 0) return undefined;
  if (!source.title) {
    ctx.review({ rule: 'credits-header', kind: 'doubt', message: 'the credits header names no source: the source title is a placeholder' });
    source.title = 'Web transcription';
  }
  for (const key of ['written', 'published', 'translated', 'transcription', 'markup'] as const) {
    const field = credits[key];
    // "Written: Written late in March 1912": the label is printed before the value already
    if (field) source[key] = field.value.replace(new RegExp(`^${field.label}\\s+(?=\\S)`, 'i'), '');
  }
  const online = credits.online;
  if (online) ctx.review({ rule: 'credits-header', kind: 'doubt', line: online.line, message: `"${online.label}: ${online.value}" has no place in book.yaml: not kept` });
  const both = credits['transcription-markup'];
  if (both) {
    source.transcription = both.value;
    source.markup = both.value;
  }
  const proofread = credits.proofread;
  if (proofread) source.transcription = `${source.transcription ? `${source.transcription}; ` : ''}proofread: ${proofread.value}`;
  const rights = credits.rights;
  if (rights) {
    source.rights = `${rights.label}: ${rights.value}`;
    const credit = readCreditRequest(rights.value);
    if (credit) source.credit = credit;
  }
  return source;
}
