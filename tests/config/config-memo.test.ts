/**
 * galley.yaml and book.yaml found valid are kept (config/validate-yaml.ts keepValidConfigIn): the next read
 * gives the same data without parsing or validating; an edited file is checked again; a kept file that does not
 * read is ignored; the positions of a kept file are still found for a later error (a font file gone).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bookSchema } from '../../src/config/book-schema.js';
import { keepValidConfigIn, validateYamlWithPositions } from '../../src/config/validate-yaml.js';

const dirs: string[] = [];
afterEach(() => {
  keepValidConfigIn(undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const YAML = `identifier: urn:uuid:6f1c2a1e-4b7d-4c55-9a8e-2f3d9b0c1a77
title: A Title
language: en
creators:
  - name: Some One
    role: author
description: A book.
sources:
  - title: A source
`;

describe('the memo of valid configuration files', () => {
  it('gives the same data again, checks an edited text again, ignores a damaged memo, and still locates keys', () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-config-memo-'));
    dirs.push(dir);
    keepValidConfigIn(dir);
    const first = validateYamlWithPositions<Record<string, unknown>>(YAML, bookSchema, 'book.yaml');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const again = validateYamlWithPositions<Record<string, unknown>>(YAML, bookSchema, 'book.yaml');
    expect(again.data).toEqual(first.data);
    expect(again.locate('/language')).toEqual(first.locate('/language'));
    expect(again.locate('/language')).toEqual({ line: 3, column: 11 });
    // an edit into an error is a new text: checked, and the error is found at its line
    expect(() => validateYamlWithPositions(YAML.replace('language: en', 'language: 42'), bookSchema, 'book.yaml')).toThrow(/language/);
    // a damaged memo file (a new process reads it from disk: the in-memory copy is of this one) is not used
    writeFileSync(join(dir, files[0]), '{not json');
    keepValidConfigIn(dir);
    expect(validateYamlWithPositions<Record<string, unknown>>(YAML, bookSchema, 'book.yaml').data).toEqual(first.data);
    // an invalid text is never kept
    expect(() => validateYamlWithPositions(YAML.replace(/^title: .*\n/m, ''), bookSchema, 'book.yaml')).toThrow(/title/);
    expect(readdirSync(dir)).toHaveLength(1);
  });
});
