import type { CleanRule } from './types.js';
import { mapLines } from './types.js';

/** Words an archive page glues to the end of a line (a link's text with the markup lost). */
const GLUED = /([.!?”"’')\]])(README|Top of page|Back to top|Index)$/;

export const stripArchiveBoilerplate: CleanRule = {
  id: 'strip-archive-boilerplate',
  description: 'Remove link texts of the archive page glued to the end of a line ("…as your source.README").',
  example: { input: 'Please credit “Marxists Internet Archive” as your source.README', output: 'Please credit “Marxists Internet Archive” as your source.' },
  scope: 'text',
  profiles: ['web'],
  apply(text, report) {
    return mapLines(text, (line, i) => {
      const t = line.trimEnd();
      const m = GLUED.exec(t);
      if (!m) return line;
      report.fixed(`"${m[2]}" glued to the end of the line removed`, i);
      return t.slice(0, t.length - m[2].length);
    });
  },
};
