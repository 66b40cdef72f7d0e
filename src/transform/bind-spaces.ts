/**
 * Non-breaking spaces where a line must not break (Standard Ebooks' typography): between initials and the
 * name ("J. V. Stalin"), inside a spaced abbreviation and before its parenthesis ("R.C.P. (B.)"), and after
 * the abbreviation of a reference ("Vol. 6", "No. 20", "p. 51"). For strings the renderers set themselves:
 * headings, contents, title page, imprint, package metadata (the text of the chapters carries its own).
 */
const NBSP = '\u00a0';

const RULES: [RegExp, string][] = [
  // "J. V. Stalin", "R. C. P." → J.␣V.␣Stalin: a capital's full stop and the capital after it
  [/(?<![\p{L}])(\p{Lu}\.) +(?=\p{Lu})/gu, `$1${NBSP}`],
  // "R.C.P. (B.)" → R.C.P.␣(B.): an abbreviation and its parenthesised letters
  [/(\p{Lu}\.) +(?=\(\p{Lu}{1,3}\.\))/gu, `$1${NBSP}`],
  // "Vol. 6", "Nos. 3", "pp. 5–9", "Ch. XII" → the number stays with its abbreviation
  [/(?<![\p{L}])(Vols?|Nos?|pp?|Ch|Pt|Bk)\. +(?=[\dIVXLCDM])/gu, `$1.${NBSP}`],
];

export function bindSpaces(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
