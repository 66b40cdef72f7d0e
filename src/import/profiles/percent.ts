/** A share as a whole percentage, for detection's reasons: 0.234 → `23%`. */
export const pct = (x: number): string => `${Math.round(x * 100)}%`;
