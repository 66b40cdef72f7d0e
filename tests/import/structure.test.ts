/** The structure stage's pieces: note linking, heading case, credits, dates, Markdown escaping, profile detection. */
import { describe, expect, it } from 'vitest';
import { buildStructure, createImportContext, decodeUtf8, detectProfile, linkNotes, normalizeHeadingCase } from '../../src/import/index.js';
import { isDateline, isSignature, isSourceLine } from '../../src/import/structure/classify-block.js';
import { creditsToSource, splitPublication } from '../../src/import/structure/parse-credits.js';
import { parseDateText } from '../../src/import/structure/parse-date.js';
import { escapeBlockStart, escapeInline } from '../../src/import/structure/render-markdown.js';
import { compareFiles, formatChanges } from '../../src/import/diff-summary.js';
import { GalleyError } from '../../src/diagnostics.js';
import type { RawNote } from '../../src/import/types.js';

const REF = /\uE000(\d+)\uE001/g;

function link(texts: string[], notes: Omit<RawNote, 'origin'>[], heading = false) {
  const ctx = createImportContext('t');
  const r = linkNotes(
    texts.map((text, i) => ({ text, line: i + 1, heading: heading && i === 0 })),
    notes.map((n) => ({ ...n, origin: 'endnotes' as const })),
    ctx,
  );
  const show = (s: string) => s.replace(REF, (_m, id: string) => `[^${notes[Number(id)].label}@${notes[Number(id)].line}]`);
  return { texts: r.blocks.map((b) => show(b.text)), unlinked: r.unlinked.map((n) => n.label), doubts: ctx.items.filter((i) => i.kind === 'doubt') };
}

describe('linkNotes', () => {
  it('links glued and set-apart numbers only when a note has that label; real numbers stay', () => {
    const r = link(
      ['The Lenin Enrollment1 brought 25,000,000 hopes in 1912 to 240 men.', 'the “discussion.”2 was held recently 3 and 18 centres agreed'],
      [
        { label: '1', text: 'a', line: 10 },
        { label: '2', text: 'b', line: 11 },
        { label: '3', text: 'c', line: 12 },
      ],
    );
    expect(r.texts).toEqual(['The Lenin Enrollment[^1@10] brought 25,000,000 hopes in 1912 to 240 men.', 'the “discussion.”[^2@11] was held recently[^3@12] and 18 centres agreed']);
    expect(r.unlinked).toEqual([]);
    expect(r.doubts.map((d) => d.message)).toEqual([expect.stringContaining('number set apart "3"')]);
  });

  it('takes the first of several numbers set apart, and lists the others as a doubt', () => {
    const r = link(['the 3 million workers met', 'it happened recently 3 and so'], [{ label: '3', text: 'n', line: 9 }]);
    expect(r.texts).toEqual(['the[^3@9] million workers met', 'it happened recently 3 and so']);
    expect(r.doubts[0].message).toContain('1 more such number(s) at line(s) 2 left as numbers');
  });

  it('prefers a bracketed reference over a bare number with the same label', () => {
    const r = link(['In 2 ways: see[2] and 2 more.'], [{ label: '2', text: 'n', line: 5 }]);
    expect(r.texts).toEqual(['In 2 ways: see[^2@5] and 2 more.']);
  });

  it('takes a number ending a title as a reference only in a heading', () => {
    expect(link(['For the Party 1'], [{ label: '1', text: 'n', line: 9 }], true).texts).toEqual(['For the Party[^1@9]']);
    expect(link(['we counted 1'], [{ label: '1', text: 'n', line: 9 }]).texts).toEqual(['we counted 1']);
    expect(link(['Chapter 2'], [{ label: '2', text: 'n', line: 9 }], true).texts).toEqual(['Chapter 2']);
  });

  it('pairs notes numbered per page with the nearest reference before them', () => {
    const r = link(
      ['first[1] text[2]', 'second[1]', 'third[1] and a star* here'],
      [
        { label: '1', text: 'A', line: 1 },
        { label: '2', text: 'B', line: 1 },
        { label: '1', text: 'C', line: 2 },
        { label: '*', text: 'My italics.', line: 3 },
      ],
    );
    expect(r.texts).toEqual(['first[^1@1] text[^2@1]', 'second[^1@2]', 'third[1] and a star[^*@3] here']);
    expect(r.doubts.map((d) => d.message)).toEqual(['reference [1] has no note: left in the text']);
  });

  it('keeps a note without a reference, and says so', () => {
    const r = link(['no references here'], [{ label: '4', text: 'orphan', line: 7 }]);
    expect(r.unlinked).toEqual(['4']);
    expect(r.doubts[0]).toMatchObject({ rule: 'link-notes', line: 7, kind: 'doubt' });
  });
});

describe('buildStructure', () => {
  it('gives labels unique in the file when notes are numbered per page, and keeps unlinked notes visible', () => {
    const ctx = createImportContext('t');
    const book = buildStructure(
      {
        blocks: [
          { text: 'A Title', line: 1 },
          { text: 'One[1] two.', line: 3 },
          { text: 'Three[1] four[9].', line: 5 },
          { text: 'Turn {{page 6}} over, and {{ other }} braces.', line: 7 },
        ],
        notes: [
          { label: '1', text: 'first', line: 4, origin: 'page-bottom' },
          { label: '1', text: 'second', line: 6, origin: 'page-bottom' },
          { label: '7', text: 'lost', line: 6, origin: 'page-bottom' },
        ],
      },
      ctx,
      { profile: 'pdf' },
    );
    expect(book.files[0].markdown).toBe(
      '# A Title\n\nOne[^n1] two.\n\nThree[^n2] four[9].\n\n[7] lost\n\nTurn {{page 6}} over, and \\{\\{ other }} braces.\n\n[^n1]: first\n\n[^n2]: second\n',
    );
  });
});

describe('heading case', () => {
  it('title-cases headings in capitals, keeping numerals, acronyms and small words', () => {
    expect(normalizeHeadingCase('V. THE PARTY AND THE WORKING CLASS IN THE SYSTEM OF THE DICTATORSHIP OF THE PROLETARIAT')).toBe(
      'V. The Party and the Working Class in the System of the Dictatorship of the Proletariat',
    );
    expect(normalizeHeadingCase('1. REPORT ON THE WORK OF THE R.S.D.L.P. AND THE U.S.S.R.')).toBe('1. Report on the Work of the R.S.D.L.P. and the U.S.S.R.');
    expect(normalizeHeadingCase('THE SOCIAL-DEMOCRATIC PARTY OF THE C.P.S.U.(B.)')).toBe('The Social-Democratic Party of the C.P.S.U.(B.)');
    expect(normalizeHeadingCase('Already in Title Case')).toBe('Already in Title Case');
  });
});

describe('credits and dates', () => {
  it('splits a publication line into publisher, place and year, in any order', () => {
    expect(splitPublication('Foreign Languages Publishing House, Moscow, 1954')).toMatchObject({ publisher: 'Foreign Languages Publishing House', place: 'Moscow', year: 1954 });
    expect(splitPublication('Lenin Collected Works, Progress Publishers, [1974], Moscow, Volume 17, pages 547-550.')).toMatchObject({
      title: 'Lenin Collected Works, Volume 17, pages 547-550',
      publisher: 'Progress Publishers',
      place: 'Moscow',
      year: 1974,
    });
  });

  it('turns a credits header into a source, with the credit request', () => {
    const ctx = createImportContext('t');
    const source = creditsToSource(
      {
        'transcription-markup': { value: 'R. Cymbala', line: 6, label: 'Transcription\\Markup' },
        source: { value: 'Works, Vol. 2, 1907 - 1913', line: 3, label: 'Source' },
        rights: { value: 'Marxists Internet Archive (2008). Please credit “Marxists Internet Archive” as your source.', line: 7, label: 'Public Domain' },
      },
      ctx,
    );
    expect(source).toEqual({
      title: 'Works, Vol. 2, 1907 - 1913',
      transcription: 'R. Cymbala',
      markup: 'R. Cymbala',
      rights: 'Public Domain: Marxists Internet Archive (2008). Please credit “Marxists Internet Archive” as your source.',
      credit: 'Marxists Internet Archive',
    });
  });

  it('reads dates and datelines', () => {
    expect(parseDateText('March 1912')).toBe('1912-03');
    expect(parseDateText('January 9, 1924')).toBe('1924-01-09');
    expect(parseDateText('Written late in March 1912')).toBe('1912-03');
    expect(isDateline('Moscow, January 9, 1924')).toBe(true);
    expect(isDateline('March 1912 was cold.')).toBe(false);
  });

  it('tells source lines and signatures from text', () => {
    expect(isSourceLine('Pravda, No. 76, April 3, 1924')).toBe(true);
    expect(isSourceLine('Published in leaflet form in March 1912')).toBe(true);
    expect(isSourceLine('Published works are many, and we read them.')).toBe(false);
    expect(isSignature('The Central Committee of the R.S.D.L.P.')).toBe(true);
    expect(isSignature('N. Lenin')).toBe(true);
    expect(isSignature('Long Live the United Russian Social-Democratic Labour Party!')).toBe(false);
    expect(isSignature('The Party is strong.')).toBe(false);
  });
});

describe('Markdown escaping', () => {
  it('escapes what would become markup', () => {
    expect(escapeInline('confidence* and a_b [^x] <b> `c`')).toBe('confidence\\* and a\\_b \\[^x] \\<b> \\`c\\`');
    expect(escapeBlockStart('1) the prestige')).toBe('1\\) the prestige');
    expect(escapeBlockStart('2. the second')).toBe('2\\. the second');
    expect(escapeBlockStart('# not a heading')).toBe('\\# not a heading');
    expect(escapeBlockStart('(1) stays')).toBe('(1) stays');
  });
});

describe('detectProfile', () => {
  it('tells web paragraphs from PDF text and OCR text', () => {
    const web = 'V. I. Lenin\n\nA Title\n\nA paragraph that is a whole paragraph on one line and ends with its sentence.\n\nAnother one, ending well.\n';
    const pdf = Array.from({ length: 20 }, (_, i) => `the text ${i} of a typeset page wrapped at the margin and `).join('\n');
    const scan = Array.from({ length: 20 }, (_, i) => `the text ${i} of a scanned page wrapped at the margin, and`).join('\n');
    expect(detectProfile(web).profile).toBe('web');
    expect(detectProfile(pdf).profile).toBe('pdf');
    expect(detectProfile(scan).profile).toBe('scan');
  });
});

describe('decodeUtf8', () => {
  it('reports the line and column of the first invalid byte', () => {
    const bytes = Buffer.concat([Buffer.from('ab\nсд\nxy'), Buffer.from([0xc3, 0x28]), Buffer.from('z')]);
    try {
      decodeUtf8(bytes, 'f.txt');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GalleyError);
      expect((e as GalleyError).toDiagnostic()).toMatchObject({ code: 'import-encoding', file: 'f.txt', line: 3, column: 3 });
    }
    expect(decodeUtf8(Buffer.from('fine — “text”'), 'f.txt')).toBe('fine — “text”');
  });
});

describe('diff summary', () => {
  it('lists added, removed and changed lines per file', () => {
    const before = new Map([
      ['a.md', 'one\ntwo\nthree\n'],
      ['b.md', 'same\n'],
      ['gone.md', 'x\n'],
    ]);
    const after = new Map([
      ['a.md', 'one\n2\nthree\n'],
      ['b.md', 'same\n'],
      ['new.md', 'y\n'],
    ]);
    const text = formatChanges(compareFiles(before, after));
    expect(text).toContain('--- a/a.md\n+++ b/a.md\nchanged: +1 −1 lines\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three');
    expect(text).toContain('--- a/gone.md\n+++ /dev/null\nremoved');
    expect(text).toContain('--- /dev/null\n+++ b/new.md\nadded');
    expect(text).toContain('unchanged: b.md');
  });
});

describe('linkNotes with endnotes whose labels restart per chapter', () => {
  it('pairs the endnotes with the references in order', () => {
    const ctx = createImportContext('t');
    const r = linkNotes(
      [
        { text: 'Chapter 2', line: 1, heading: true },
        { text: 'first[1] and[2]', line: 2 },
        { text: 'second[1] and[2]', line: 3 },
      ],
      ['A', 'B', 'C', 'D'].map((t, i) => ({ label: String((i % 2) + 1), text: t, line: 10 + i, origin: 'endnotes' as const })),
      ctx,
    );
    const texts = r.blocks.map((b) => b.text.replace(REF, (_m, id: string) => `<${['A', 'B', 'C', 'D'][Number(id)]}>`));
    expect(texts).toEqual(['Chapter 2', 'first<A> and<B>', 'second<C> and<D>']);
  });
});

describe('a web text with chapters of its own', () => {
  const words = (n: number) => 'The sea came in over the flat sand every evening, grey and slow, and the keeper walked down to meet it.'.repeat(n);
  const text = ['Anna Field', 'The Lighthouse Keeper', '', 'I. THE SHORE', '', words(1), '', words(2), '', 'II. THE LIGHT', '', words(1), ''].join('\n');

  it('makes `I. THE SHORE` and `II. THE LIGHT` siblings under the title, and takes neither for the subtitle', async () => {
    const { importText } = await import('../../src/import/index.js');
    const r = importText(text, { profile: 'web', sourcePath: 'two.txt' });
    expect(r.meta.title).toBe('The Lighthouse Keeper');
    expect(r.meta.subtitle).toBeUndefined();
    const headings = r.files.flatMap((f) => f.markdown.split('\n').filter((l) => l.startsWith('#'))).map((h) => h.replace(/\u00a0/g, ' '));
    expect(headings).toEqual(['# The Lighthouse Keeper', '## I. The Shore', '## II. The Light']);
  });

  it('still takes a chapter heading alone after the title for the chapter this text is (of a longer work)', async () => {
    const { importText } = await import('../../src/import/index.js');
    const one = ['Anna Field', 'The Lighthouse Keeper', '', 'I. THE SHORE', '', words(1), '', words(2), ''].join('\n');
    const r = importText(one, { profile: 'web', sourcePath: 'one.txt' });
    expect(r.meta.subtitle?.replace(/\u00a0/g, ' ')).toBe('I. The Shore');
  });

  it('says the whole-text doubts at a line of the source', async () => {
    const { importText } = await import('../../src/import/index.js');
    const r = importText(['The Lighthouse Keeper', '', words(1), ''].join('\n'), { profile: 'web', sourcePath: 'x.txt' });
    const doubts = r.review.filter((d) => d.kind === 'doubt');
    expect(doubts.map((d) => d.rule)).toEqual(expect.arrayContaining(['front-matter', 'credits-header']));
    for (const d of doubts) expect(d.line, d.message).toBe(1);
  });
});

describe('a letter’s header without field names', () => {
  const blocks = (lines: string[]) => lines.map((text, i) => ({ text, line: i + 1 }));

  it('takes publication lines under the title as credits, not headings', async () => {
    const { readFrontMatter } = await import('../../src/import/structure/read-front-matter.js');
    const ctx = createImportContext('t');
    const front = readFrontMatter(
      blocks(['A Letter to the Harbour Master, May 3, 1801', 'First published in The Coast Gazette, Bd. 3, Lisbon, 1850', 'Published in English for the first time in Collected Letters, Volume 2', 'Dear Sir,', 'The boats came in.']),
      ctx,
    );
    expect(front.title?.text).toBe('A Letter to the Harbour Master, May 3, 1801');
    expect(front.credits.published?.value).toBe('First published in The Coast Gazette, Bd. 3, Lisbon, 1850; Published in English for the first time in Collected Letters, Volume 2');
    expect(front.headings).toEqual([]);
    expect(front.bodyStart).toBe(3);
    // a sentence of the body that opens the same way is no credit
    const body = readFrontMatter(blocks(['A Letter', 'Published in haste. The boats came in and the harbour filled.']), createImportContext('t'));
    expect(body.credits.published).toBeUndefined();
  });

  it('reads a field name alone on its line with its value broken over the lines below', async () => {
    const { readFrontMatter } = await import('../../src/import/structure/read-front-matter.js');
    const front = readFrontMatter(
      blocks(['Written: Written May 3, 1801', 'Source:', 'Harbour Letters,', 'Coast Press,', 'Lisbon,', '1850.', 'Copyright:', 'Free to copy.', '• README', 'Dear Sir,', 'The boats came in.']),
      createImportContext('t'),
    );
    expect(front.credits.source?.value).toBe('Harbour Letters, Coast Press, Lisbon, 1850.');
    expect(front.credits.rights?.value).toBe('Free to copy.');
    expect(front.bodyStart).toBe(9);
  });

  it('reads a page path over the title, and fields run together without spaces', async () => {
    const { readFrontMatter } = await import('../../src/import/structure/read-front-matter.js');
    const ctx = createImportContext('t');
    const front = readFrontMatter(
      blocks(['The Coast Gazette/Volume 2/Number 9/A Week at the Harbour', 'Ada Lovell771234The Coast Gazette, vol. II, no. 9—A Week at the Harbour1850Anonymous', 'A Week at the Harbour', 'The boats came in early that week, and the harbour filled before the tide turned; nobody remembered a busier one.']),
      ctx,
    );
    expect(front.title?.text).toBe('A Week at the Harbour');
    expect(front.author?.text).toBe('Ada Lovell');
    expect(front.credits.written?.value).toBe('1850');
    expect(front.credits.source?.value).toBe('The Coast Gazette, vol. II, no. 9');
    expect(ctx.items.some((r) => r.kind === 'doubt' && /run together/.test(r.message))).toBe(true);
    // a path whose last part is not the title below stays the title
    const other = readFrontMatter(blocks(['Harbour/Boats', 'A Week at the Harbour', 'The boats came in early that week, and the harbour filled before the tide turned.']), createImportContext('t'));
    expect(other.title?.text).toBe('Harbour/Boats');
  });

  it('takes a block of short lines that ends where the title is said again as the header, its prose credits read', async () => {
    const { readFrontMatter } = await import('../../src/import/structure/read-front-matter.js');
    const ctx = createImportContext('t');
    const front = readFrontMatter(
      blocks(['To the Harbour Master', '[May 3, 1801]', 'Sent from the coast', 'From A. Writer, Harbour Letters,\nCoast Press, Lisbon, 1850', 'Translated from the Portuguese by John Brand', 'page 12', 'TO THE HARBOUR MASTER', 'May 3, 1801', 'Dear Sir,', 'The boats came in early that week.']),
      ctx,
    );
    expect(front.title?.text).toBe('To the Harbour Master');
    expect(front.credits.translated?.value).toBe('John Brand');
    expect(front.credits.source?.value).toBe('A. Writer, Harbour Letters, Coast Press, Lisbon, 1850');
    expect(front.bodyStart).toBe(7);
    // the lines it could not read are reported, not silently dropped
    expect(ctx.items.filter((r) => r.kind === 'doubt' && /not kept/.test(r.message)).map((r) => r.line)).toEqual([2, 3, 6]);
    // no repeat of the title: the body starts where it did
    expect(readFrontMatter(blocks(['To the Harbour Master', '[May 3, 1801]', 'Sent from the coast', 'Dear Sir,']), createImportContext('t')).bodyStart).toBe(1);
  });

  it('takes the writer a letter’s heading names as the author, with a doubt', async () => {
    const { senderOf } = await import('../../src/import/structure/build-meta.js');
    const ctx = createImportContext('t');
    const front = (title: string, subtitle?: string) => ({ title: { text: title, line: 1 }, ...(subtitle ? { subtitle: { text: subtitle, line: 2 } } : {}), headings: [] });
    expect(senderOf(front('Extract from Ada Lovell to John Brand'), ctx)).toBe('Ada Lovell');
    expect(senderOf(front('A Letter to the Harbour Master, May 3', 'BRAND TO LOVELL'), ctx)).toBe('Brand');
    expect(ctx.items.filter((r) => r.kind === "doubt")).toHaveLength(2);
    // the addressee alone, or a title that is not two names, names no writer
    expect(senderOf(front('To John Brand'), ctx)).toBeUndefined();
    expect(senderOf(front('Letter to John Brand, May 3, 1801'), ctx)).toBeUndefined();
    expect(senderOf(front('A Journey from the Coast to the Mountains'), ctx)).toBeUndefined();
  });
});
