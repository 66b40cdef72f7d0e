/** Typography per language at build: the rules on strings, on tokens across emphasis and note calls, and in a built chapter. */
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { parseChapter } from '../../src/model/parse-chapter.js';
import { RULES } from '../../src/transform/typography/rules.js';
import { typesetText } from '../../src/transform/typography/typeset.js';
import { renderChapterXhtml } from '../../src/render/epub/render-chapter-xhtml.js';

const N = '\u202f';

describe('typography rules', () => {
  it.each(Object.values(RULES).flat().map((r) => [r.id, r] as const))('%s does what its example says', (_id, rule) => {
    expect(rule.apply(rule.example[0])).toBe(rule.example[1]);
  });

  it('French: guillemets with narrow no-break spaces, spaces before ; : ! ?, apostrophes kept', () => {
    expect(typesetText('Il dit : “Non ! Qu’en sais-tu ?” Puis ; enfin.', 'fr')).toBe(`Il dit${N}: «${N}Non${N}! Qu’en sais-tu${N}?${N}» Puis${N}; enfin.`);
    // a straight pair, a space already typed inside, and the nested quotes
    expect(typesetText('"« mot »" et ‘l’autre’', 'fr-CA')).toBe(`«${N}«${N}mot${N}»${N}» et “l’autre”`);
  });

  it("straight apostrophes between letters are curled (French, German), other straight single quotes left for lint", () => {
    expect(typesetText("l'esprit, c'est qu'il dit 'non'", 'fr')).toBe("l’esprit, c’est qu’il dit 'non'");
    expect(typesetText("Wie geht's? Hans' Buch", 'de')).toBe("Wie geht’s? Hans' Buch");
    expect(typesetText("l'esprit", 'en')).toBe("l'esprit");
  });

  it('French: no space in times, addresses, "?!" twice, or after an opening bracket', () => {
    expect(typesetText('à 10:30, voir http://x.org/?a=1 (?) Quoi?!', 'fr')).toBe(`à 10:30, voir http://x.org/?a=1 (?) Quoi${N}?!`);
  });

  it('German „…“ and ‚…‘, Russian «…» and „…“, Spanish «…» and “…”', () => {
    expect(typesetText('“Er sagte ‘nein’ und ging.” Hans’ Buch', 'de')).toBe('„Er sagte ‚nein‘ und ging.“ Hans’ Buch');
    expect(typesetText('“Он сказал ‘нет’.”', 'ru')).toBe('«Он сказал „нет“.»');
    expect(typesetText('“Dijo ‘no’.”', 'es')).toBe('«Dijo “no”.»');
  });

  it('English and languages without rules are left as they are', () => {
    const text = 'He said: “No!” ‘Quite.’ "x"';
    expect(typesetText(text, 'en-GB')).toBe(text);
    expect(typesetText(text, 'it')).toBe(text);
  });

  it('are idempotent (a title typeset at parse and again in the apparatus)', () => {
    const once = typesetText('Quoi ? “Non !”', 'fr');
    expect(typesetText(once, 'fr')).toBe(once);
  });
});

describe('typography in a parsed chapter', () => {
  const parse = (text: string, language?: string) =>
    parseChapter({ file: '01-x.md', displayPath: 'content/x/01-x.md', text, language }, new Set(), new Diagnostics());

  it('works across emphasis, note calls and page markers, in the body and the notes, and keeps the ids', () => {
    const md = '# Quoi ?\n\n“*Vive* la France[^1] !” dit-il {{page 2}}: oui.\n\n[^1]: Voir : ici.\n';
    const fr = parse(md, 'fr');
    const en = parse(md);
    expect(fr.headings[0].id).toBe(en.headings[0].id);
    // the heading's text (the contents, the nav, the running heads) keeps the narrow no-break space
    expect(fr.headings[0].text).toBe(`Quoi${N}?`);
    const { body, notes } = renderChapterXhtml(fr);
    expect(body).toContain(`>Quoi${N}?</h1>`);
    expect(body).toContain(`«${N}<em>Vive</em> la France<a class="noteref"`);
    // the typed space before the colon (here before the page marker) becomes the narrow one after it
    expect(body).toContain(`</sup></a>${N}!${N}» dit-il<span epub:type="pagebreak"`);
    expect(body).toMatch(new RegExp(`id="page-2" aria-label="2"></span>${N}: oui`));
    expect(notes[0].html).toContain(`Voir${N}: ici.`);
  });
});
