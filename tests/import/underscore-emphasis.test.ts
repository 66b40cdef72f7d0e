/** Emphasis a plain-text transcription marks with underscores is kept as emphasis at import (issue 11). */
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/import/index.js';
import { escapeInline, keepUnderscoreEmphasis } from '../../src/import/structure/render-markdown.js';

const md = (t: string) => keepUnderscoreEmphasis(escapeInline(t));

describe('underscore emphasis', () => {
  it('a pair of underscores at word edges is emphasis', () => {
    expect(md('he was _not_ there')).toBe('he was *not* there');
    expect(md('the _Daily Lamp_ said; _so_, and _then_.')).toBe('the *Daily Lamp* said; *so*, and *then*.');
  });

  it('underscores inside words, in runs, or unpaired stay text', () => {
    expect(md('snake_case_name')).toBe('snake\\_case\\_name');
    expect(md('sign here: ____')).toBe('sign here: \\_\\_\\_\\_');
    expect(md('a _b and c')).toBe('a \\_b and c');
    expect(md('_ spaced _')).toBe('\\_ spaced \\_');
  });

  it('in an imported web text, the Markdown carries the emphasis', () => {
    const raw = ['THE LAMP', '', 'A. Writer', '', 'The keeper said it was _never_ lit before dark, and the _Harbour Gazette_ agreed with him.', '', 'Nobody argued with the keeper about it after that.', ''].join('\n');
    const book = importText(raw, { profile: 'web', sourcePath: 'lamp.txt' });
    const text = book.files.map((f) => f.markdown).join('\n');
    expect(text).toContain('it was *never* lit before dark, and the *Harbour Gazette* agreed');
  });
});
