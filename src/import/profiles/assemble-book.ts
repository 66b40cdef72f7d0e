/**
 * Assembles a book of several files (chapters, or the works of a volume) from structured pieces: links the notes
 * across the whole book, applies typography, gives each file the notes it refers to (labels saying where a note
 * came from: `n12` for the volume's note 12, `t1` a translator's starred note, `a1` the author's, `e1` the
 * editors'), and renders Markdown with `{{page N}}` markers kept as they are.
 */
import { applyTypography } from '../clean/index.js';
import { REF_CLOSE, REF_OPEN } from '../clean/types.js';
import { escapeBlockStart, escapeInline } from '../structure/render-markdown.js';
import type { ImportContext, ImportedFile, RawNote } from '../types.js';

export type PieceRole = 'heading' | 'subtitle' | 'dateline' | 'paragraph' | 'source' | 'epigraph' | 'signature' | 'chronicle';

export interface ChronicleEntry {
  /** `January 9`, `March 31—April 2`, `8.30 a. m.` */
  date: string;
  events: string[];
  line: number;
}

export interface Piece {
  role: PieceRole;
  /** headings: 1 (`#`), 2 (`##`), 3 (`###`) */
  level?: number;
  text: string;
  line: number;
  /** chronicle pieces: the entries of the definition list (text is unused) */
  entries?: ChronicleEntry[];
}

export interface BookFilePlan {
  name: string;
  pieces: Piece[];
}

/** A note linked to its references: `id` is what stands in the text between REF_OPEN and REF_CLOSE. */
export interface PlacedNote extends RawNote {
  id: number;
}

const PAGE_OPEN = '\uE002';
const PAGE_CLOSE = '\uE003';

/** `{{page 6}}` → private characters, so that escaping and typography leave the marker alone. */
function protectPages(text: string): string {
  return text.replace(/\{\{page ([^}\s]+)\}\}/g, `${PAGE_OPEN}$1${PAGE_CLOSE}`);
}

function restorePages(text: string): string {
  return text.replace(new RegExp(`${PAGE_OPEN}([^${PAGE_CLOSE}]+)${PAGE_CLOSE}`, 'g'), '{{page $1}}');
}

/** The label a note gets in Markdown: the volume's numbered notes `n12`; starred notes by who signed them. */
export function labelFor(note: RawNote, counters: Map<string, number>): string {
  if (/^\d+$/.test(note.label)) return note.origin === 'endnotes' ? `n${note.label}` : note.label;
  const kind = /—\s*Tr\.?\s*$/u.test(note.text) ? 't' : /—\s*Ed\.?\s*$/u.test(note.text) ? 'e' : 'a';
  const n = (counters.get(kind) ?? 0) + 1;
  counters.set(kind, n);
  return `${kind}${n}`;
}

function typeset(text: string, ctx: ImportContext, line: number): string {
  return restorePages(applyTypography(protectPages(text), ctx, line));
}

function renderInline(text: string, labelOf: (id: number) => string): string {
  const escaped = escapeInline(protectPages(text));
  return restorePages(escaped.replace(new RegExp(`${REF_OPEN}(\\d+)${REF_CLOSE}`, 'g'), (_m, id: string) => `[^${labelOf(Number(id))}]`));
}

function renderPiece(piece: Piece, labelOf: (id: number) => string): string {
  const text = renderInline(piece.text, labelOf);
  switch (piece.role) {
    case 'heading':
      return `${'#'.repeat(piece.level ?? 1)} ${text}`;
    case 'paragraph':
      return escapeBlockStart(text);
    case 'chronicle': {
      const entries = (piece.entries ?? []).map((e) => {
        const date = renderInline(e.date, labelOf);
        return `${escapeBlockStart(date)}\n${e.events.map((ev) => `: ${renderInline(ev, labelOf)}`).join('\n\n')}`;
      });
      return `::: chronicle\n${entries.join('\n\n')}\n:::`;
    }
    default:
      return `::: ${piece.role}\n${escapeBlockStart(text)}\n:::`;
  }
}

/** Note ids in the order their references first appear in the pieces. */
function referencedIds(pieces: Piece[]): number[] {
  const ids: number[] = [];
  const all = pieces.flatMap((p) => [p.text, ...(p.entries ?? []).flatMap((e) => [e.date, ...e.events])]);
  for (const text of all) {
    for (const m of text.matchAll(new RegExp(`${REF_OPEN}(\\d+)${REF_CLOSE}`, 'g'))) {
      const id = Number(m[1]);
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/**
 * Renders the planned files. Pieces must already carry their references as REF_OPEN id REF_CLOSE (ids index
 * `notes`); typography is applied here to every piece and note.
 */
export function renderBookFiles(plans: BookFilePlan[], notes: PlacedNote[], ctx: ImportContext): ImportedFile[] {
  const byId = new Map(notes.map((n) => [n.id, n]));
  const counters = new Map<string, number>();
  const labels = new Map<number, string>();
  for (const plan of plans) {
    for (const id of referencedIds(plan.pieces)) {
      const note = byId.get(id);
      if (note && !labels.has(id)) labels.set(id, labelFor(note, counters));
    }
  }
  const labelOf = (id: number) => labels.get(id) ?? `x${id}`;
  return plans.map((plan) => {
    const pieces = plan.pieces.map((p) => ({
      ...p,
      text: typeset(p.text, ctx, p.line),
      entries: p.entries?.map((e) => ({ ...e, date: typeset(e.date, ctx, e.line), events: e.events.map((ev) => typeset(ev, ctx, e.line)) })),
    }));
    const body = pieces.map((p) => renderPiece(p, labelOf));
    const defs = referencedIds(plan.pieces)
      .map((id) => byId.get(id))
      .filter((n): n is PlacedNote => n !== undefined)
      .map((n) => `[^${labelOf(n.id)}]: ${renderInline(typeset(n.text, ctx, n.line), labelOf)}`);
    return { name: plan.name, markdown: `${[...body, ...defs].join('\n\n')}\n` };
  });
}

/** `12-the-party.md` */
export function fileName(index: number, title: string, slugify: (s: string) => string): string {
  return `${String(index).padStart(2, '0')}-${slugify(title.replace(new RegExp(`${REF_OPEN}\\d+${REF_CLOSE}`, 'g'), ''))}.md`;
}
