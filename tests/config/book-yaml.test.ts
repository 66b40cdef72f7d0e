import { describe, expect, it } from 'vitest';
import { parseBookMeta } from '../../src/config/../model/parse-book.js';
import { parseProjectConfig } from '../../src/config/load-project.js';
import { GalleyError } from '../../src/diagnostics.js';

const valid = `identifier: urn:uuid:6f1c2a1e-4b7d-4c55-9a8e-2f3d9b0c1a77
title: For the Party
language: en
creators:
  - name: J. V. Stalin
    role: author
description: A leaflet.
rights: Public domain.
sources:
  - title: Works, Vol. 2
`;

function errorOf(fn: () => unknown): GalleyError {
  try {
    fn();
  } catch (e) {
    return e as GalleyError;
  }
  throw new Error('expected an error');
}

describe('book.yaml validation', () => {
  it('accepts a valid book', () => {
    const meta = parseBookMeta(valid, 'content/x/book.yaml');
    expect(meta.creators[0]).toEqual({ name: 'J. V. Stalin', fileAs: undefined, role: 'author' });
    expect(meta.subjects).toEqual([]);
  });

  it('names the file, the line and the key of a bad value', () => {
    const e = errorOf(() => parseBookMeta(valid.replace('role: author', 'role: writer'), 'content/x/book.yaml'));
    expect(e).toBeInstanceOf(GalleyError);
    expect(e.file).toBe('content/x/book.yaml');
    expect(e.line).toBe(6);
    expect(e.message).toBe('/creators/0/role must be one of: author, translator, editor, transcriber (found "writer")');
  });

  it('refuses "All rights reserved" for a public-domain edition', () => {
    const e = errorOf(() => parseBookMeta(valid.replace('rights: Public domain.', 'rights: All rights reserved.'), 'b.yaml'));
    expect(e.message).toMatch(/^\/rights /);
    expect(e.line).toBe(8);
  });

  it('reports a missing key at its parent and an unknown key by name', () => {
    const e = errorOf(() => parseBookMeta(valid.replace('title: For the Party\n', 'titel: For the Party\n'), 'b.yaml'));
    expect(e.message).toContain('is missing the key "title"');
    expect(e.message).toContain('(and 1 more)');
    const all = (e as GalleyError & { diagnostics: { message: string; line?: number }[] }).diagnostics;
    const unknown = all.find((d) => d.message.includes('titel'))!;
    expect(unknown.message).toBe('/ has an unknown key "titel": did you mean "title"?');
    expect(unknown.line).toBe(2); // the unknown key's own line, not the top of the file
  });

  it('says a pattern in words, with the value found', () => {
    const e = errorOf(() => parseBookMeta(valid.replace('language: en', 'language: English'), 'b.yaml'));
    expect(e.message).toBe('language: "English" is not a language tag the IANA registry knows (unknown subtag \'english\'): use a registered code such as en, en-GB, fr, de, es or ru');
    expect(e.line).toBe(3);
  });

  it('lists the known keys when an unknown one is not a slip', () => {
    const e = errorOf(() => parseBookMeta(`${valid}colour: red\n`, 'b.yaml'));
    expect(e.message).toMatch(/^\/ has an unknown key "colour" \(known keys: identifier, title, .*print, fonts, press\)$/);
    expect(e.line).toBe(11);
  });

  it('reports YAML syntax errors with a line', () => {
    const e = errorOf(() => parseBookMeta('title: [unclosed\n', 'b.yaml'));
    expect(e.code).toBe('yaml-syntax');
    expect(e.line).toBeGreaterThan(0);
  });
});

describe('galley.yaml validation', () => {
  it('rejects a trim size without a unit, naming the key', () => {
    const e = errorOf(() =>
      parseProjectConfig('imprint: { name: X }\nprint: { width: 5.5 inches, height: 8.5in }\nfonts: { body: { family: F, faces: [ { file: a.ttf } ] } }\n', '/tmp'),
    );
    expect(e.message).toBe('/print/width must be a length such as 5.5in, 140mm, 1.2cm or 10.5pt (found "5.5 inches")');
    expect(e.line).toBe(2);
  });
});
