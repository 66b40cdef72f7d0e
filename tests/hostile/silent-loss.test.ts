/**
 * Nothing lost silently: each case that lost or changed text without a word is now an error or a warning
 * with its file, line and a stable code. Before the fixes (commit bba9178, run with GALLEY_CLI): a second
 * footnote definition replaced the first; C1 controls were deleted (`Comrade\u0092s` → `Comrades`); a
 * mid-line form feed joined two words; `[31m` stayed when ESC went; U+00AD, U+2060, U+FEFF, LRM and RLO
 * passed in silence; an empty file imported as "Untitled" by "Unknown"; two chapters of one title made a book
 * the build refused; a 0-byte chapter was a blank page; a title of spaces crashed the cover; `date:
 * 2024-13-45` was accepted.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOOK, galley, scratchProject, type Scratch } from './scratch.js';

/** the scratch book's source.txt with `edit` applied to its line `n` (1-based), written as raw.txt (warnings point into the book’s copy, source.txt) */
function rawWith(s: Scratch, n: number, edit: (line: string) => string): string {
  const lines = s.read(`content/${BOOK}/source.txt`).split('\n');
  lines[n - 1] = edit(lines[n - 1]);
  const file = join(s.dir, 'raw.txt');
  writeFileSync(file, lines.join('\n'));
  return file;
}
const PARAGRAPH = 14; // "In connection with the resolution adopted by a number of groups abroad…"
const bookText = (s: Scratch, slug: string) =>
  readdirSync(join(s.dir, 'content', slug))
    .filter((f) => /^\d.*\.md$/.test(f))
    .map((f) => readFileSync(join(s.dir, 'content', slug, f), 'utf8'))
    .join('\n');

describe('import: characters are read, removed whole, or reported — never lost in silence', () => {
  it('C1 controls are read as Windows-1252, with a warning at their line', async () => {
    const s = scratchProject();
    rawWith(s, PARAGRAPH, (l) => l.replace('a number of groups', 'a Comrade\u0092s \u0093quoted\u0094 number of groups'));
    const r = await galley(s.dir, ['import', 'raw.txt', '--slug', 'c1']);
    expect(r.code).toBe(0);
    expect(bookText(s, 'c1')).toContain('a Comrade’s “quoted” number of groups');
    expect(r.stderr).toMatch(new RegExp(`content\\/[a-z0-9]+\\/source\\.txt:${PARAGRAPH} warning C1 control character\\(s\\) read as Windows-1252: U\\+0092 → ’.*\\[char-c1-mapped\\]`));
  });

  it('a form feed inside a line does not join its words; terminal escapes go whole', async () => {
    const s = scratchProject();
    rawWith(s, PARAGRAPH, (l) => l.replace('a number of groups', 'a number\fof \u001b[31mgroups\u001b[0m [1mand[0m'));
    const r = await galley(s.dir, ['import', 'raw.txt', '--slug', 'ff']);
    expect(r.code).toBe(0);
    const text = bookText(s, 'ff');
    expect(text).toContain('a number of groups and abroad');
    expect(text).not.toMatch(/\[\d*m|numberof/);
    expect(r.stderr).toMatch(new RegExp(`content\\/[a-z0-9]+\\/source\\.txt:${PARAGRAPH} warning 2 terminal escape sequence\\(s\\) removed .*\\[char-ansi-escape\\]`));
    expect(r.stderr).toMatch(/colour code\(s\) without their escape removed \(\[1m\) \[char-ansi-escape\]/);
  });

  it('soft hyphens, word joiners and a byte-order mark inside the text are removed with a warning; LRM and RLO are kept and reported', async () => {
    const s = scratchProject();
    rawWith(s, PARAGRAPH, (l) => l.replace('a number of groups', 'a num\u00adber\u2060 of gr\ufeffoups \u200e\u202eturned'));
    const r = await galley(s.dir, ['import', 'raw.txt', '--slug', 'inv']);
    expect(r.code).toBe(0);
    const text = bookText(s, 'inv');
    expect(text).toContain('a number of groups \u200e\u202eturned');
    expect(r.stderr).toMatch(new RegExp(`content\\/[a-z0-9]+\\/source\\.txt:${PARAGRAPH} warning invisible character\\(s\\) U\\+00AD, U\\+2060, U\\+FEFF removed \\(3\\) \\[char-invisible\\]`));
    expect(r.stderr).toMatch(new RegExp(`content\\/[a-z0-9]+\\/source\\.txt:${PARAGRAPH} warning bidirectional control\\(s\\) U\\+200E, U\\+202E kept.*\\[char-bidi\\]`));
  });

  it('an empty or whitespace-only file is refused, and no book is written', async () => {
    const s = scratchProject();
    for (const [name, bytes] of [['empty.txt', ''], ['blank.txt', ' \n\t\n\u00a0\n\n']] as const) {
      writeFileSync(join(s.dir, name), bytes);
      const r = await galley(s.dir, ['import', name]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`${name.replace('.', '\\.')}:1 error The file (is empty|holds only white space): there is no text to import \\[import-empty\\]`));
    }
    expect(readdirSync(join(s.dir, 'content'))).toEqual([BOOK]);
  });

  it('two chapters of the same title are written under distinct names, with a warning, and the book builds', async () => {
    const s = scratchProject();
    const prose = 'This is a line of the chapter text that goes on for a while and then it ends with words of prose.\n'.repeat(6);
    const pages = ['THE BOOK OF TWO\n\nA. WRITER\n', `CHAPTER I\n\nON WORK\n\n${prose}\n${prose}\n1\n`, `${prose}\n2\n`, `CHAPTER I\n\nON WORK\n\n${prose}\n${prose}\n3\n`, `${prose}\n4\n`];
    writeFileSync(join(s.dir, 'two.txt'), pages.join('\f'));
    const r = await galley(s.dir, ['import', 'two.txt', '--slug', 'two']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/content\/two\/source\.txt:31 warning Chapter "Chapter.I" has the title of an earlier chapter: written as \d+-chapter-i-2\.md \[import-title-duplicate\]/);
    const b = await galley(s.dir, ['build', 'two', '--epub', '--quiet']);
    expect(b.stderr).not.toMatch(/error/);
    expect(b.code).toBe(0);
  });
});

describe('build: content that would be lost or wrong is an error or a warning at its line', () => {
  const chapterLines = (s: Scratch) => readFileSync(s.chapter, 'utf8').split('\n').length;
  const rel = (s: Scratch) => s.chapter.slice(s.dir.length + 1).replace(/\./g, '\\.');

  it('a second definition of the same footnote label is an error at its line', async () => {
    const s = scratchProject();
    const n = chapterLines(s);
    writeFileSync(s.chapter, `${readFileSync(s.chapter, 'utf8').trimEnd()}\n\nMore text.[^twice]\n\n[^twice]: The first.\n\n[^twice]: The second.\n`);
    const r = await galley(s.dir, ['build', '--epub', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${rel(s)}:${n + 5} error Footnote \\[\\^twice\\] is defined twice \\(first at line ${n + 3}\\).*\\[note-duplicate\\]`));
  });

  it('invisible and bidirectional characters in a chapter are warnings with line and column', async () => {
    const s = scratchProject();
    const n = chapterLines(s);
    writeFileSync(s.chapter, `${readFileSync(s.chapter, 'utf8').trimEnd()}\n\nsoft\u00adly and \u202ebackwards\u0092\n`);
    const r = await galley(s.dir, ['build', '--epub', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`${rel(s)}:${n + 1}:5 warning 1 invisible character\\(s\\) U\\+00AD in the text \\[char-invisible\\]`));
    expect(r.stderr).toMatch(new RegExp(`${rel(s)}:${n + 1}:13 warning 1 bidirectional control\\(s\\) U\\+202E in the text \\[char-bidi\\]`));
    expect(r.stderr).toMatch(new RegExp(`${rel(s)}:${n + 1}:\\d+ warning 1 control character\\(s\\) U\\+0092 in the text \\[char-control\\]`));
  });

  it('a chapter file of 0 bytes is a warning (a blank page), not silence', async () => {
    const s = scratchProject();
    s.write(`content/${BOOK}/00-empty.md`, '');
    const yaml = readFileSync(s.yaml, 'utf8');
    writeFileSync(s.yaml, yaml.replace(/^files:\n/m, 'files:\n  - 00-empty.md\n'));
    const r = await galley(s.dir, ['build', '--epub', '--quiet']);
    expect(r.stderr).toMatch(new RegExp(`content/${BOOK}/00-empty\\.md:1 warning 00-empty\\.md is empty \\(0 bytes\\): it would print as a blank page \\[chapter-empty\\]`));
  });

  it('a title of spaces is an error at its line, not a crash of the cover', async () => {
    const s = scratchProject();
    writeFileSync(s.yaml, readFileSync(s.yaml, 'utf8').replace(/^title:.*$/m, "title: '   '"));
    const r = await galley(s.dir, ['build', '--epub', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`content/${BOOK}/book\\.yaml:\\d+:\\d+ error /title must be a text that is not empty \\(nor spaces alone\\) \\(found "   "\\).*\\[config-invalid\\]`));
    expect(r.stderr).not.toMatch(/reading 'y'|TypeError/);
  });

  it('date: 2024-13-45 is rejected with its line', async () => {
    const s = scratchProject();
    const yaml = readFileSync(s.yaml, 'utf8');
    writeFileSync(s.yaml, yaml.replace(/^date:.*$/m, 'date: 2024-13-45'));
    const line = yaml.split('\n').findIndex((l) => l.startsWith('date:')) + 1;
    expect(line).toBeGreaterThan(0);
    const r = await galley(s.dir, ['build', '--epub', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`book\\.yaml:${line}:\\d+ error /date must be a date such as 1924, 1924-05 or 1924-05-17 \\(found "2024-13-45"\\) \\[config-invalid\\]`));
  });

  it('an empty heading and a {#id} equal to a footnote id are errors at their lines; ids stay unique', async () => {
    const s = scratchProject();
    const n = chapterLines(s);
    const slug = s.chapter.split('/').pop()!.replace(/^\d+-/, '').replace(/\.md$/, '');
    writeFileSync(s.chapter, `${readFileSync(s.chapter, 'utf8').trimEnd()}\n\n##\n\n## Notes again {#${slug}-note-1}\n`);
    const r = await galley(s.dir, ['build', '--epub', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${rel(s)}:${n + 1} error Heading of level 2 has no text \\(an empty ##\\) \\[heading-empty\\]`));
    expect(r.stderr).toMatch(new RegExp(`${rel(s)}:${n + 3} error Heading id \\{#${slug}-note-1\\} has the form of a footnote id.*\\[id-reserved\\]`));
  });
});
