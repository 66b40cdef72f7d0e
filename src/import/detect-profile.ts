/**
 * What kind of text is this? The evidence is measured once (form feeds, long lines, lines ending in a space, lines
 * stopping mid-sentence) and every profile of the registry scores it (src/import/profiles/<id>/profile.ts); the
 * highest score wins, ties in the registry's order.
 */
import { PROFILE_IDS, registry, type TextEvidence } from './profiles/registry.js';
import type { ImportProfile } from './types.js';

export interface ProfileGuess {
  profile: ImportProfile;
  /** why, for the review */
  reason: string;
}

export function measureText(raw: string): TextEvidence {
  const lines = raw.split(/\r\n?|\n/).filter((l) => l.trim() !== '');
  const share = (f: (l: string) => boolean, of = lines) => (of.length === 0 ? 0 : of.filter(f).length / of.length);
  // titles, names and menus are short or ruled by bars: only lines of running text count
  const running = lines.filter((l) => l.trim().length >= 40 && !l.includes('|'));
  return {
    lines,
    feeds: (raw.match(/\f/g) ?? []).length,
    long: share((l) => l.length > 150),
    trailing: share((l) => / $/.test(l)),
    open: share((l) => /[\p{Ll},;-]\s*$/u.test(l), running),
    longest: Math.max(0, ...lines.map((l) => l.trim().length)),
  };
}

export function detectProfile(raw: string): ProfileGuess {
  const evidence = measureText(raw);
  let best: ProfileGuess & { score: number } = { profile: 'scan', reason: 'no profile fits', score: -1 };
  for (const id of PROFILE_IDS) {
    const guess = registry[id].detect(evidence);
    if (guess && guess.score > best.score) best = { profile: id, reason: guess.reason, score: guess.score };
  }
  return { profile: best.profile, reason: best.reason };
}
