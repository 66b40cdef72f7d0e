/** The print HTML of the sample book: notes where they are referenced, invisible page markers, hyphenation. */
import { describe, expect, it } from 'vitest';
import { bindLastWords, getHyphenator } from '../../src/render/print/hyphenate-text.js';
import { renderPrintHtml } from '../../src/render/print/render-print-html.js';
import { bindBracketAfterStop } from '../../src/render/print/render-chapter-html.js';
import { shortenRunningHead } from '../../src/render/print/to-print-view.js';
import { loadBook, project, SAMPLE_BOOK } from '../helpers/books.js';

const { book } = loadBook(SAMPLE_BOOK);
const html = renderPrintHtml(book, project(), { galleyVersion: '0.0.0-test', revision: '2026-01-02' });
const plain = (s: string) => s.replace(/\u00ad/g, '');

describe('renderPrintHtml', () => {
  it('puts each note at its first reference, numbered per work, and a later reference is the number alone', () => {
    const first = plain(html.slice(html.indexOf('id="chapter-first-work"'), html.indexOf('id="chapter-second-work"')));
    // [^2] is referenced first, so it is note 1; its text follows the call
    // the call links to the note and the note's number back to the call, by ids that are the same every build
    expect(first).toMatch(/took place recently<sup class="noteref" id="first-work-ref-1"><a href="#first-work-note-1">1<\/a><\/sup><span class="footnote" id="first-work-note-1" data-note="1"><span class="note-number"><a href="#first-work-ref-1">1<\/a><\/span> <span class="note-p">The leaflet referred to the Sixth/);
    // its second reference carries no second copy of the text, and links to the note too (no id of its own)
    expect(first).toMatch(/familiar to\u00a0all\?<sup class="noteref"><a href="#first-work-note-1">1<\/a><\/sup><\/p>/);
    expect(first.match(/class="footnote"/g)).toHaveLength(2);
    const second = plain(html.slice(html.indexOf('id="chapter-second-work"')));
    expect(second).toMatch(/I state the following\.<sup class="noteref" id="second-work-ref-1"><a href="#second-work-note-1">1<\/a><\/sup><span class="footnote"/);
  });

  it('keeps a bracket that follows a full stop on the line of its word, and nothing else', () => {
    expect(bindBracketAfterStop('members of the R.C.P.(B.). It')).toBe('members of the <span class="nobreak">R.C.P.(B.).</span> It');
    expect(bindBracketAfterStop('the\u00a0R.C.P.(B.),')).toBe('the\u00a0<span class="nobreak">R.C.P.(B.),</span>');
    expect(bindBracketAfterStop('a word (in brackets). And 3.(4)')).toBe('a word (in brackets). And 3.(4)');
  });

  it('leaves page markers as empty anchors and no {{page}} text', () => {
    expect(html).not.toContain('{{page');
    expect(html).toMatch(/<span class="page-marker" id="page-2" data-source-page="2"><\/span>/);
    // Paged.js takes any data-page attribute for a named page and breaks the page there
    expect(html).not.toMatch(/<span class="page-marker"[^>]* data-page=/);
  });

  it('hyphenates the running text but not headings or set-off lines', () => {
    // no break leaving fewer than 3 letters after it ("-ly"), none in a name, none in a paragraph's last word
    expect(html).toContain('si\u00admul\u00adta\u00adne\u00adously');
    expect(html).not.toMatch(/\p{Lu}[\p{L}]*\u00ad/u);
    expect(html).toContain('regeneration.');
    expect(html).toContain('<h2 id="the-local-organisations">The Local Organisations</h2>');
    expect(html).toContain('The Central Committee of the R.S.D.L.P.');
    expect(html).toMatch(/<h1 id="a-letter-to-huysmans">A Letter to Huysmans<\/h1>/);
  });

  it('sets the page geometry of galley.yaml with a gutter, and embeds the fonts by file address', () => {
    expect(html).toContain('size: 5.5in 8.5in;');
    expect(html).toMatch(/@page :left \{\s*margin-left: 0\.6in;\s*margin-right: 0\.85in;/);
    expect(html).toMatch(/@page :right \{\s*margin-left: 0\.85in;\s*margin-right: 0\.6in;/);
    expect(html).toMatch(/@font-face \{ font-family: "EB Garamond"; font-style: italic; font-weight: 400; src: url\("file:\/\/\/[^"]+EBGaramond_400Regular_Italic\.ttf"\); \}/);
    expect(html).toContain('<html lang="en">');
    // a contents entry with sub-entries keeps with the first of them (in-page.ts reads the class)
    expect(html.match(/<li class="toc-entry[^"]*"/g)).toEqual([
      '<li class="toc-entry toc-level-1 keep-with-next"',
      '<li class="toc-entry toc-level-2"',
      '<li class="toc-entry toc-level-1 keep-with-next"',
      '<li class="toc-entry toc-level-2"',
    ]);
    expect(html).toContain('<section class="chapter first-chapter" id="chapter-first-work" data-running-head="For the Party">');
  });
});

describe('helpers', () => {
  it('finds hyphenation patterns by language, and none for an unknown one', () => {
    expect(getHyphenator('en')?.('regeneration')).toBe('re\u00adgen\u00ader\u00ada\u00adtion');
    expect(getHyphenator('de')?.('Zusammenarbeit')).toContain('\u00ad');
    // at least 2 letters before a break and 3 after; none in a capitalised word (but in German nouns)
    expect(getHyphenator('en')?.('readily activity')).toBe('read\u00adily ac\u00adtiv\u00adity');
    expect(getHyphenator('en')?.('Bolsheviks simultaneously')).toBe('Bolsheviks si\u00admul\u00adta\u00adne\u00adously');
    expect(getHyphenator('de')?.('KPdSU')).toBe('KPdSU');
    expect(getHyphenator('en')?.('a revolutionary revolution', { lastWord: false })).toBe('a rev\u00ado\u00adlu\u00adtion\u00adary revolution');
    expect(getHyphenator('zz')).toBeUndefined();
  });

  it('joins a paragraph\'s short last word to the word before it, never a long one', () => {
    expect(bindLastWords('we cannot do without it.')).toBe('we cannot do without\u00a0it.');
    expect(getHyphenator('en')?.('the victory of the Party.', { lastWord: false })).toBe('the vic\u00adtory of the\u00a0Party.');
    // a last word of 8 letters or more may stand alone; a last "word" without letters is not one
    expect(bindLastWords('the dictatorship of the proletariat.')).toBe('the dictatorship of the proletariat.');
    expect(bindLastWords('see p. 12')).toBe('see p. 12');
    expect(bindLastWords('alone')).toBe('alone');
    // only the paragraph's last words: the text of a run inside it keeps its spaces
    expect(getHyphenator('en')?.('without it', { lastWord: true })).toBe('with\u00adout it');
  });

  it('shortens long running heads at a word', () => {
    expect(shortenRunningHead('For the Party')).toBe('For the Party');
    expect(shortenRunningHead('The October Revolution and the Tactics of the Russian Communists?')).toBe('The October Revolution and the Tactics of the Russian Communists?');
    // cut at a word, never on a short word leading into the cut ("…Tactics of the…")
    expect(shortenRunningHead('The October Revolution as the Beginning of and the Pre-Condition for the World Revolution')).toBe('The October Revolution as the Beginning of and the Pre-Condition…');
    expect(shortenRunningHead('V. The Party and the Working Class in the System of the Dictatorship of the Proletariat')).toBe('V. The Party and the Working Class in the System…');
  });
});
