import { readFileSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { Diagnostics } from '../../../src/diagnostics.js';
import { repairPageText } from '../../../src/import/repair/index.js';
import { simulateExtraction } from './simulate-extraction.js';
import { diffWords, toWords } from './word-diff.js';
const clean = readFileSync('tests/fixtures/import-repair/clean/method.txt', 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
it('debug', () => {
  const layout = JSON.parse(process.env.LAYOUT!);
  const sim = simulateExtraction(clean, layout);
  writeFileSync('/tmp/rp/sim.txt', sim.raw);
  const r = repairPageText(sim.raw, { sourcePath: 'x', diagnostics: new Diagnostics(), review: () => {} }, { numberedPageNotes: layout.style === 'pdf' });
  writeFileSync('/tmp/rp/simblocks.txt', r.blocks.map((b) => b.text).join('\n\n'));
  const h = diffWords(toWords(sim.paragraphs.join(' ')), toWords(r.blocks.map((b) => b.text).join(' ')));
  console.log(h.map((x) => `…${x.context} [-${x.removed.join(' ')}-] {+${x.added.join(' ')}+}`).join('\n'));
  console.log(JSON.stringify(sim.pages.slice(0, 3)));
  const w = toWords(sim.paragraphs.join(' '));
  console.log(sim.pages.slice(0,3).map(p => w.slice(p.firstWord - 3, p.firstWord + 3).join(' ')).join('\n'));
});
