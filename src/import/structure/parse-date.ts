/** A date as printed → the ISO form book.yaml wants: "March 1912" → "1912-03", "January 9, 1924" / "9 January 1924" → "1924-01-09". */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function parseDateText(text: string): string | undefined {
  const m = /\b(?:(\d{1,2})(?:\s*\(\d{1,2}\))?\s+)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s+(\d{1,2})(?:\s*\(\d{1,2}\))?,?)?\s+(\d{4})\b/i.exec(text);
  if (m) {
    const month = String(MONTHS.indexOf(m[2].toLowerCase().slice(0, 3)) + 1).padStart(2, '0');
    const day = m[3] ?? m[1];
    return day ? `${m[4]}-${month}-${day.padStart(2, '0')}` : `${m[4]}-${month}`;
  }
  const year = /\b(1[5-9]\d\d|20\d\d)\b/.exec(text);
  return year?.[1];
}
