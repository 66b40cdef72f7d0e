/** The web profile's page-level stage: notes glued to paragraphs, endnotes, paragraphs broken by a page turn. */
import { describe, expect, it } from 'vitest';
import { createImportContext } from '../../src/import/index.js';
import { findEndnotes } from '../../src/import/profiles/web/find-endnotes.js';
import { isContinuation, joinAcrossBreak } from '../../src/import/profiles/web/join-continuations.js';
import { repairWebText } from '../../src/import/profiles/web/repair-web.js';
import { splitGluedNotes } from '../../src/import/profiles/web/split-glued-notes.js';

describe('splitGluedNotes', () => {
  it('splits a note that follows its own reference', () => {
    expect(splitGluedNotes('the working people.” (See Vol. XXVI, p. 65.)[2] [2] “The Trade Unions.”')).toMatchObject({
      text: 'the working people.” (See Vol. XXVI, p. 65.)[2]',
      notes: [{ label: '2', text: '“The Trade Unions.”', sure: true }],
    });
    expect(splitGluedNotes('(See Vol. XXVI, p. 235.)[1][1] Tenth Congress.').notes).toEqual([{ label: '1', text: 'Tenth Congress.', how: 'reference followed by its note', sure: true }]);
  });

  it('splits a star note and the numbered note glued to it', () => {
    const r = splitGluedNotes('exercised through* the Soviet apparatus.” (See Vol. XXVI, p. 64.)[3] * My italics. -- J. St.[3] Ibid.');
    expect(r.text).toBe('exercised through* the Soviet apparatus.” (See Vol. XXVI, p. 64.)[3]');
    expect(r.notes.map((n) => [n.label, n.text])).toEqual([
      ['*', 'My italics. -- J. St.'],
      ['3', 'Ibid.'],
    ]);
  });

  it('splits a note label after the end of a sentence, but not a reference inside the text', () => {
    expect(splitGluedNotes('the vanguard and the class. [1] "Can the Bolsheviks Retain State Power?" October 1917.').notes.map((n) => n.label)).toEqual(['1']);
    expect(splitGluedNotes('it is the leader.” (Lenin.)[27] In this sense the Party takes power.').notes).toEqual([]);
    expect(splitGluedNotes('has to be exercised . . . through * the Soviet apparatus.').notes).toEqual([]);
  });
});

describe('findEndnotes', () => {
  it('reads a closing run of back-link items (`- ↑ text`) as the notes in the order of their calls', () => {
    const r = findEndnotes(lines(['The boat came in.[1] Then the rain.[2]', 'And the harbour[1] again.', '- ↑ The boat of the ferryman.', '- ↑ A week of it.']));
    expect(r.notes.map((n) => [n.label, n.text])).toEqual([
      ['1', 'The boat of the ferryman.'],
      ['2', 'A week of it.'],
    ]);
    expect(r.body).toHaveLength(2);
    // as many items as calls, or nothing: one call and two items are not notes
    expect(findEndnotes(lines(['The boat came in.[1]', '- ↑ The boat.', '- ↑ A week.'])).notes).toEqual([]);
  });

  const lines = (texts: string[]) => texts.map((text, i) => ({ text, line: i + 1 }));

  it('takes a closing run of numbered paragraphs whose numbers are references', () => {
    const r = findEndnotes(lines(['For the Party 1', 'took place recently 2 is a symptom', 'Published in 1912', '1. The leaflet.', '2. The conference.']));
    expect(r.notes.map((n) => [n.label, n.text, n.line])).toEqual([
      ['1', 'The leaflet.', 4],
      ['2', 'The conference.', 5],
    ]);
    expect(r.body).toHaveLength(3);
  });

  it('takes everything after a "Notes" heading, joining continuation lines', () => {
    const r = findEndnotes(lines(['Text[1] here.', 'More text.', 'Notes', '[1] A note', 'that goes on.']));
    expect(r.notes).toEqual([{ label: '1', text: 'A note that goes on.', line: 4 }]);
    expect(r.headingLine).toBe(3);
  });

  it('leaves a numbered list that nothing refers to', () => {
    const r = findEndnotes(lines(['We demand:', '1. Bread.', '2. Peace.']));
    expect(r.notes).toEqual([]);
  });
});

describe('joining paragraphs broken by a page turn', () => {
  it('knows a continuation from a list item', () => {
    expect(isContinuation('ship of the proletariat')).toBe(true);
    expect(isContinuation('a) to the non-Party masses')).toBe(false);
    expect(isContinuation('i.e., the Party')).toBe(false);
    expect(isContinuation('The next paragraph')).toBe(false);
  });

  it('mends the word cut by the break and keeps the raw lines of both parts', () => {
    const ctx = createImportContext('t');
    const joined = joinAcrossBreak({ text: 'the teacher, in build-', line: 179 }, { text: 'ing up their social life', line: 181 }, ctx);
    expect(joined).toEqual({ text: 'the teacher, in building up their social life', line: 179, segments: [{ offset: 0, line: 179 }, { offset: 21, line: 181 }] });
    expect(joinAcrossBreak({ text: 'self-', line: 1 }, { text: 'contained action', line: 3 }, ctx).text).toBe('self-contained action');
    expect(joinAcrossBreak({ text: 'the Party can', line: 1 }, { text: 'guide them', line: 3 }, ctx).text).toBe('the Party can guide them');
    expect(ctx.items.filter((i) => i.kind === 'doubt').map((i) => i.message)).toEqual(['"self-" + "contained" joined keeping the hyphen']);
  });

  it('joins across the notes printed between the two parts', () => {
    const ctx = createImportContext('t');
    const r = repairWebText('The Party is the core of this power, the dictator\n\n[1] A note at the foot.\n\nship of the proletariat.\n', ctx);
    expect(r.blocks).toEqual([{ text: 'The Party is the core of this power, the dictatorship of the proletariat.', line: 1, segments: [{ offset: 0, line: 1 }, { offset: 49, line: 5 }] }]);
    expect(r.notes).toEqual([{ label: '1', text: 'A note at the foot.', line: 3, origin: 'inline' }]);
  });
});
