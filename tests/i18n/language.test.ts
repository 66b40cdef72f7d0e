/** Language tags (BCP 47 against the IANA registry), apparatus strings per language, en-GB/en-US from spelling. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLanguageTag } from '../../src/config/language-tag.js';
import { GalleyError } from '../../src/diagnostics.js';
import { STRINGS, stringsFor } from '../../src/i18n/index.js';
import { detectEnglishVariant } from '../../src/import/detect-english-variant.js';
import { importLanguage } from '../../src/cli/import.js';
import { parseBookMeta } from '../../src/model/parse-book.js';
import { renderEpubFiles } from '../../src/render/epub/render-epub.js';
import { toEpubView } from '../../src/render/epub/to-epub-view.js';
import { toPrintView } from '../../src/render/print/to-print-view.js';
import { loadBook, project, ROOT, SAMPLE_BOOK } from '../helpers/books.js';

const FRENCH = join(ROOT, 'tests/fixtures/books/sample-fr');
const options = { galleyVersion: '0.0.0-test', revision: '2026-01-02' };

describe('language tags', () => {
  it.each(['en', 'en-GB', 'fr', 'fr-CA', 'de-DE-1901', 'zh-Hant-TW', 'sr-Latn', 'ru'])('%s is valid', (tag) => {
    expect(checkLanguageTag(tag)).toEqual({ ok: true, tag });
  });
  it('writes a valid tag in the registry case', () => {
    expect(checkLanguageTag('en-gb')).toEqual({ ok: true, tag: 'en-GB' });
  });
  it.each([
    ['xx', /IANA registry knows \(unknown subtag 'xx'\)/],
    ['fr-XX', /unknown subtag 'xx'/],
    ['eng', /IANA registry knows/],
    ['en--GB', /not a well-formed/],
    ['iw', /deprecates: use "he"/],
  ])('%s is refused', (tag, reason) => {
    const r = checkLanguageTag(tag);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });

  it('book.yaml `language: xx` is an error at the line of the key', () => {
    const yaml = readFileSync(join(SAMPLE_BOOK, 'book.yaml'), 'utf8').replace(/^language: en$/m, 'language: xx');
    const line = yaml.split('\n').findIndex((l) => l.startsWith('language:')) + 1;
    let error: unknown;
    try {
      parseBookMeta(yaml, 'content/sample/book.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GalleyError);
    expect(error).toMatchObject({ code: 'language-invalid', file: 'content/sample/book.yaml', line });
    expect((error as Error).message).toMatch(/^language: "xx" is not a language tag the IANA registry knows/);
  });

  it('galley import --language is checked too', () => {
    expect(() => importLanguage('text', 'xx')).toThrow(/--language: "xx"/);
    expect(importLanguage('text', 'fr')).toBe('fr');
  });
});

describe('en-GB or en-US from the spelling', () => {
  const british = 'The labour party organised its members; their behaviour and honour were recognised by the neighbours, who favoured the colour of the flag.';
  const american = 'The labor party organized its members; their behavior and honor were recognized by the neighbors, who favored the color of the flag.';
  it('reads British and American spellings', () => {
    expect(detectEnglishVariant(british).tag).toBe('en-GB');
    expect(detectEnglishVariant(american).tag).toBe('en-US');
  });
  it('takes -our with -ize as British (Oxford spelling), and says nothing on too little evidence', () => {
    expect(detectEnglishVariant('Labour and honour and colour; we realize, organize and recognize it.').tag).toBe('en-GB');
    expect(detectEnglishVariant('Four hours of doctors and errors; a size.').tag).toBe('en');
  });
  it('import chooses the variant when the language is English without a region', () => {
    expect(importLanguage(american, undefined)).toBe('en-US');
    expect(importLanguage(british, 'en')).toBe('en-GB');
    expect(importLanguage(british, 'en-US')).toBe('en-US');
  });
});

describe('apparatus strings per language', () => {
  it('every language gives every string (and none is left in English by mistake)', () => {
    const keys = Object.keys(STRINGS.en).sort();
    for (const [lang, strings] of Object.entries(STRINGS)) {
      expect(Object.keys(strings).sort(), lang).toEqual(keys);
      if (lang === 'en') continue;
      for (const key of ['contents', 'aboutThisEdition', 'rights', 'cover', 'titlePage', 'defaultRights'] as const) {
        expect(strings[key], `${lang}.${key}`).not.toBe(STRINGS.en[key]);
      }
    }
  });
  it('falls back by RFC 4647 lookup: de-AT → de, pt → en', () => {
    expect(stringsFor('de-AT').lang).toBe('de');
    expect(stringsFor('pt').lang).toBe('en');
  });
  it('dates in each language', () => {
    expect(stringsFor('fr').datePhrase({ year: 1912, month: 4, day: 1 })).toBe('le 1er avril 1912');
    expect(stringsFor('de').datePhrase({ year: 1912, month: 3 })).toBe('im März 1912');
    expect(stringsFor('es').datePhrase({ year: 1912, month: 4, day: 12 })).toBe('el 12 de abril de 1912');
    expect(stringsFor('ru').datePhrase({ year: 1912, month: 3 })).toBe('в\u00a0марте 1912\u00a0г.');
  });

  it('a French book has its generated pages in French, in the EPUB and the print HTML', () => {
    const { book, diagnostics } = loadBook(FRENCH);
    expect(diagnostics.errors).toEqual([]);
    const view = toEpubView(book, project(), options);
    const files = new Map(renderEpubFiles(view, new Uint8Array()).map((f) => [f.path, String(f.data)]));
    expect(files.get('nav.xhtml')).toContain('<h1 id="toc-title">Table des matières</h1>');
    expect(files.get('nav.xhtml')).toContain('<title>Table des matières</title>');
    expect(files.get('imprint.xhtml')).toContain('<h1 id="imprint-title">À propos de cette édition</h1>');
    expect(files.get('imprint.xhtml')).toContain('<h2>Droits</h2>');
    expect(files.get('imprint.xhtml')).toContain('a paru pour la première fois en 1759.');
    expect(files.get('colophon.xhtml')).toContain('Cette édition de <cite>Candide, ou l’Optimisme</cite> a été réalisée par');
    expect(files.get('cover.xhtml')).toContain('alt="Couverture\u202f: Candide, ou l’Optimisme, de Voltaire"');
    expect(files.get('001-chapitre-premier.xhtml')).toContain('aria-label="Retour au texte de la note 1"');
    expect(files.get('content.opf')).toMatch(/<meta property="schema:accessibilitySummary" xml:lang="en">/);
    const print = toPrintView(book, project(), options);
    expect(print.apparatus.text.contents).toBe('Table des matières');
    expect(print.apparatus.text.aboutThisEdition).toBe('À propos de cette édition');
    expect(print.apparatus.title).toBe('Candide, ou l’Optimisme');
  });

  it('an English book keeps its English strings', () => {
    const { book } = loadBook(SAMPLE_BOOK);
    const files = new Map(renderEpubFiles(toEpubView(book, project(), options), new Uint8Array()).map((f) => [f.path, String(f.data)]));
    expect(files.get('nav.xhtml')).toContain('<h1 id="toc-title">Contents</h1>');
    expect(files.get('content.opf')).toMatch(/<meta property="schema:accessibilitySummary">/);
  });
});





