/**
 * Links a volume's numbered notes to their references in the works. The scan sets a reference apart as a number
 * (`democracy 2 that`, `ultimatum, 4 which`, `OF THE R. C. P. (B.) 1`), which is ambiguous with the numbers of the
 * text; but the notes are numbered in the order of their references, so each note's reference is looked for
 * after the previous one's, skipping numbers that belong to a date, a page, a volume or a list. The page the note
 * names ("p. 51") checks the link where the page is known from `{{page N}}` markers; a mismatch is a doubt.
 */
import { REF_CLOSE, REF_OPEN } from '../../clean/types.js';
import type { ImportContext, RawNote } from '../../types.js';

export interface LinkTarget {
  text: string;
  line: number;
}

const NOT_AFTER = /(?:\b(?:January|February|March|April|May|June|July|August|September|October|November|December|No\.|Nos\.|Vol\.|Vols\.|p\.|pp\.|Part|Point|point|paragraph|Article|article|Chapter|chapter|and|to|of|the|a|an|by|in|at|on|from|over|than)|[§–-])$/u;
const NOT_BEFORE = /^(?:\.\d|,\d|\d|%| ?per cent| ?(?:years?|months?|days?|weeks?|members|delegates|million|millions|thousand|hundred|votes|workers|per|o’clock|a\. m\.|p\. m\.)\b)/u;

interface Candidate {
  target: number;
  start: number;
  end: number;
  /** the last page marker before it: the reference is on this page or a later one */
  page?: number;
  /** the next page marker after it: the reference is on a page before this one */
  nextPage?: number;
}

/** Every number that may be a reference, in reading order, with the page it stands on when known. */
function findCandidates(targets: LinkTarget[]): Map<string, Candidate[]> {
  const byLabel = new Map<string, Candidate[]>();
  let page: number | undefined;
  let waiting: Candidate[] = [];
  targets.forEach((t, index) => {
    // a number not inside a word or a figure (`63.4`, `20,000`); glued after a full stop it may be a reference
    // (`with the Profintern.63 But`)
    const tokens = /\{\{page (\d+)\}\}|(?<![\p{L}\d,/:-])(?<!\d\.)(\d{1,3})(?![\d\p{L}])/gu;
    for (const m of t.text.matchAll(tokens)) {
      if (m[1]) {
        page = Number(m[1]);
        for (const c of waiting) c.nextPage = page;
        waiting = [];
        continue;
      }
      const before = t.text.slice(0, m.index!).trimEnd();
      const after = t.text.slice(m.index! + m[2]!.length);
      if (before === '' || NOT_AFTER.test(before) || NOT_BEFORE.test(after)) continue;
      // `1) Ought our Party…`: a list number, where a sentence or the paragraph begins
      if (after.startsWith(')') && /(?:^|[.:;])$/.test(before)) continue;
      const list = byLabel.get(m[2]!) ?? [];
      // the reference takes its space before it with it: `democracy 2 that` → `democracy[^n2] that`
      const spaced = t.text[m.index! - 1] === ' ' ? 1 : 0;
      // after a full stop, only glued and before a new sentence (not `p. 3`, `No. 5`, caught above)
      if (t.text[m.index! - 1] === '.' && !/^\s+\p{Lu}/u.test(after)) continue;
      const candidate: Candidate = { target: index, start: m.index! - spaced, end: m.index! + m[2]!.length, page };
      waiting.push(candidate);
      list.push(candidate);
      byLabel.set(m[2]!, list);
    }
  });
  return byLabel;
}

/**
 * Replaces each linked reference with REF_OPEN id REF_CLOSE (id = `firstId` + the note's index) and returns the
 * notes that found their reference.
 */
export function linkVolumeNotes(
  targets: LinkTarget[],
  notes: RawNote[],
  ctx: ImportContext,
  firstId: number,
): { texts: string[]; linked: number[] } {
  const candidates = findCandidates(targets);
  const found: { candidate: Candidate; id: number }[] = [];
  const linked: number[] = [];
  let after = { target: -1, start: -1 };
  const isAfter = (c: Candidate, a: { target: number; start: number }) => c.target > a.target || (c.target === a.target && c.start > a.start);
  /** the candidates for a note after a point, and those that stand on a page the note allows */
  const optionsFor = (note: RawNote | undefined, from: { target: number; start: number }) => {
    const options = note ? (candidates.get(note.label) ?? []).filter((c) => isAfter(c, from)) : [];
    const page = note?.page ? Number(note.page) : undefined;
    const fitting = options.filter(
      (c) => page === undefined || ((c.nextPage === undefined || c.nextPage >= page) && (c.page === undefined || c.page <= page + 1)),
    );
    return { options, fitting };
  };
  notes.forEach((note, i) => {
    const page = note.page ? Number(note.page) : undefined;
    const { options, fitting } = optionsFor(note, after);
    let pick = fitting[0];
    // none on the page the note names (the scan misplaced a page line): the first one after the previous
    // reference, if it comes before the next note's reference — as a doubt
    if (!pick && options[0]) {
      const nextPick = optionsFor(notes[i + 1], after).fitting[0];
      if (!nextPick || isAfter(nextPick, options[0])) {
        pick = options[0];
        ctx.review({ rule: 'link-volume-notes', kind: 'doubt', line: targets[pick.target]!.line, message: `reference ${note.label} linked although it does not stand on p. ${note.page ?? '?'}, the page its note names` });
      }
    }
    if (!pick) {
      ctx.review({ rule: 'link-volume-notes', kind: 'doubt', line: note.line, message: `note ${note.label} (p. ${note.page ?? '?'}): no reference found after note ${notes[i - 1]?.label ?? '—'}'s` });
      return;
    }
    found.push({ candidate: pick, id: firstId + i });
    linked.push(i);
    after = { target: pick.target, start: pick.start };
    const target = targets[pick.target]!;
    if (page !== undefined && pick.page !== undefined && pick.nextPage !== undefined && pick.nextPage - pick.page <= 1 && pick.page !== page) {
      ctx.review({ rule: 'link-volume-notes', kind: 'doubt', line: target.line, message: `reference ${note.label} stands on page ${pick.page}, its note says p. ${page}` });
    } else {
      ctx.review({ rule: 'link-volume-notes', kind: 'fixed', line: target.line, message: `reference ${note.label} linked to note ${note.label} (p. ${note.page ?? '?'})` });
    }
  });
  const texts = targets.map((t) => t.text);
  for (const { candidate, id } of found.sort((a, b) => b.candidate.target - a.candidate.target || b.candidate.start - a.candidate.start)) {
    const text = texts[candidate.target]!;
    texts[candidate.target] = `${text.slice(0, candidate.start)}${REF_OPEN}${id}${REF_CLOSE}${text.slice(candidate.end)}`;
  }
  return { texts, linked };
}
