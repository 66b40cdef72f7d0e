/**
 * The typesetting time limit of one book. The one asked for (`galley build --typeset-timeout <seconds>`, else
 * galley.yaml `typeset: timeout:`) holds as given; without one it scales with the book: 600 s up to 200
 * estimated pages (render/print/estimate-pages.ts), 3 s a page beyond (Vol. 6, ~350 pages: 1050 s), so a long
 * book on a loaded machine is not stopped where a short one would have finished.
 */
export const BASE_TYPESET_MS = 600_000;
export const TYPESET_MS_PER_PAGE = 3_000;

export function typesetTimeoutMs(askedMs: number | undefined, estimatedPages: number): number {
  if (askedMs !== undefined) return askedMs;
  return Math.max(BASE_TYPESET_MS, TYPESET_MS_PER_PAGE * Math.max(0, estimatedPages));
}

/** "600 s", "0.2 s": a limit in words. */
export function secondsText(ms: number): string {
  const s = ms / 1000;
  return `${s >= 10 ? Math.round(s) : Number(s.toFixed(2))} s`;
}
