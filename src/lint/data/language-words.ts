/**
 * Words of a language the rules need (data, not a book's words): the small words title case keeps in lower
 * case, and the words that may stand twice in a row. Keyed by the primary language subtag.
 */
export const TITLE_CASE_SMALL_WORDS: Record<string, ReadonlySet<string>> = {
  // Chicago / Standard Ebooks: articles, coordinating conjunctions, short prepositions, "to", name particles
  en: new Set(
    'a an the and but or nor for so yet as at by en if in of off on per to up via vs v and/or into onto upon from with than de la le du des da di van von der den del'.split(
      ' ',
    ),
  ),
};

export const ALLOWED_DOUBLES: Record<string, ReadonlySet<string>> = {
  en: new Set(['had had', 'that that', 'is is', 'do do', 'bye bye', 'very very', 'so so', 'no no']),
  fr: new Set(['nous nous', 'vous vous']),
  de: new Set(['die die', 'der der', 'das das']),
};

export function primaryLanguage(tag: string): string {
  return tag.split('-')[0].toLowerCase();
}
