/**
 * The parts of a scanned volume of works: the works, the editors' NOTES (numbered, each closed by the page its
 * reference is on: "p. 51"), and a closing chronicle (a year, then dates with events).
 */

export interface VolumeRegions {
  /** 0-based index of the first line after the works (the NOTES heading), or the line count */
  notesStart: number;
  /** 0-based index of the chronicle's first line (its year), or the line count */
  chronicleStart: number;
}

const MONTH = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/;

export function findVolumeRegions(lines: string[]): VolumeRegions {
  const trimmed = lines.map((l) => l.trim());
  // the last line that says NOTES and nothing else
  let notesStart = trimmed.lastIndexOf('NOTES');
  if (notesStart < 0) notesStart = lines.length;
  let chronicleStart = lines.length;
  for (let i = notesStart + 1; i < lines.length; i++) {
    // a year on its own line, then a date: the chronicle begins
    if (/^1[89]\d\d$/.test(trimmed[i]!) && MONTH.test(trimmed[i + 1] ?? '') && /^p{1,2}\.\s*\d/.test(findPrevious(trimmed, i))) {
      chronicleStart = i;
      break;
    }
  }
  if (chronicleStart === lines.length) {
    for (let i = notesStart + 1; i < lines.length; i++) {
      if (/^1[89]\d\d$/.test(trimmed[i]!) && MONTH.test(trimmed[i + 1] ?? '')) {
        chronicleStart = i;
        break;
      }
    }
  }
  return { notesStart, chronicleStart };
}

function findPrevious(lines: string[], i: number): string {
  for (let k = i - 1; k >= 0; k--) if (lines[k]) return lines[k]!;
  return '';
}
