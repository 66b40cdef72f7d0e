import type { CleanRule } from './types.js';
import { mapLines } from './types.js';

/** "Marx-Engels | Lenin | Stalin | Home Page": three or more short items between bars. */
function isBarMenu(line: string): boolean {
  const items = line.split('|').map((s) => s.trim());
  return items.length >= 3 && items.every((s) => s.length > 0 && s.split(/\s+/).length <= 4 && !/[.!?]$/.test(s.replace(/\b[A-Z]\.$/, '')));
}

/** "< backward   forward >", "Next: …", "Table of Contents" links of an archive page. */
const PAGE_LINKS = /^(?:<\s*(?:backward|back|previous|prev)\b.*|.*\b(?:forward|next)\s*>|Table of Contents|Index|Home Page|Top of page)$/i;

export const removeNavigationLines: CleanRule = {
  id: 'remove-navigation-lines',
  description: 'Remove the navigation lines of a web archive page (menus between bars, back/forward links).',
  example: { input: 'Marx-Engels |  Lenin  | Stalin |  Home Page\n\nText.', output: '\n\nText.' },
  scope: 'text',
  profiles: ['web'],
  apply(text, report) {
    return mapLines(text, (line, i) => {
      // a viewer's link labels glued after a title: "243. TO HIS SISTER MARIA (original) (raw)"
      const links = /(?:\s+\([a-z]{2,12}\)){2,}\s*$/.exec(line);
      if (links && line.slice(0, links.index).trim() !== '') {
        report.fixed(`link labels "${links[0].trim()}" removed from the line`, i);
        return line.slice(0, links.index);
      }
      const t = line.trim();
      if (t === '' || !(isBarMenu(t) || PAGE_LINKS.test(t))) return line;
      report.fixed(`navigation line "${t.replace(/\s+/g, ' ')}" removed`, i);
      return '';
    });
  },
};
