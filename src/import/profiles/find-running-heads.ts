/**
 * The running heads of a paginated text, counted: the head-like lines set apart next to page-number lines. The
 * most frequent one is usually the book's (or the volume's author's) name.
 */
import { isHeadLike, isPageNumberLine } from '../repair/page-furniture.js';

export function countRunningHeads(raw: string): Map<string, number> {
  const lines = raw.split('\n').map((l) => l.trim());
  const counts = new Map<string, number>();
  lines.forEach((line, i) => {
    if (!isPageNumberLine(line) || lines[i - 1] !== '' || lines[i + 1] !== '') return;
    for (const step of [1, -1]) {
      let j = i + step;
      while (lines[j] === '') j += step;
      const head = lines[j];
      if (head !== undefined && isHeadLike(head) && !isPageNumberLine(head) && lines[j + step] === '') {
        counts.set(head, (counts.get(head) ?? 0) + 1);
      }
    }
  });
  return counts;
}

/** The most frequent running head, when one repeats. */
export function findBookHead(raw: string): string | undefined {
  const sorted = [...countRunningHeads(raw)].sort((a, b) => b[1] - a[1]);
  return sorted[0] && sorted[0][1] >= 2 ? sorted[0][0] : undefined;
}
