/**
 * The profile registry: each profile describes itself in its own folder, the registry lists each once, and the
 * CLI's --profile choices and detection come from it (a profile added to the registry is offered and detected
 * without touching them).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../helpers/run.js';
import { detectProfile, measureText, PROFILE_IDS, registry } from '../../src/import/index.js';
import { ROOT } from '../helpers/books.js';

const CLI = join(ROOT, 'lib/cli/index.js');
const DIR = join(ROOT, 'src/import/profiles');

describe('profile registry', () => {
  it('one folder with a profile.ts per profile, and each folder is in the registry under its own id', () => {
    const folders = readdirSync(DIR).filter((n) => statSync(join(DIR, n)).isDirectory() && existsSync(join(DIR, n, 'profile.ts')));
    expect(folders.sort()).toEqual([...PROFILE_IDS].sort());
    for (const id of PROFILE_IDS) {
      const p = registry[id];
      expect(p.id).toBe(id);
      expect(p.description.length).toBeGreaterThan(10);
      expect(typeof p.detect).toBe('function');
      expect(typeof p.repair).toBe('function');
      expect(typeof p.structure).toBe('function');
    }
  });

  it('the CLI offers exactly the registry’s profiles, and refuses another', async () => {
    const help = (await runCommand(process.execPath, [CLI, 'import', '--help'])).stdout.replace(/\s+/g, ' ');
    const choices = /choices: ([^)]*?), default:/.exec(help)?.[1];
    expect(choices?.split(', ').map((c) => c.replace(/"/g, ''))).toEqual(['auto', ...PROFILE_IDS]);
    for (const id of PROFILE_IDS) expect(help).toContain(`${id} (${registry[id].description.replace(/\s+/g, ' ')})`);
    const r = await runCommand(process.execPath, [CLI, 'import', 'x.txt', '--profile', 'epub']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Allowed choices are auto, web, pdf, scan/);
  });

  it('detection is the best score of the registry’s profiles, with that profile’s reason', () => {
    const texts = {
      web: `${'A paragraph of a web page that ends with its sentence and runs long enough to be one line. '.repeat(3)}\n\n`.repeat(10),
      pdf: 'The lines of a printed page that stop in the middle of \nthe sentence because the measure ends there and the \n'.repeat(20),
      feeds: 'page one text that goes on and\n\fpage two text that goes on and\n\fpage three\n',
      scan: 'The lines of a scanned page that stop in the middle of\nthe sentence because the measure ends there and the\n'.repeat(20),
      // a short page: a heading that stops without a full stop, one paragraph of 300+ characters on its line, fields
      short: `A letter from one writer to another\n\n${'a sentence of the letter that runs on and on. '.repeat(7)}\n\nDate\nJune 5, 1824\n\nRepository\nArchive of the writer\n`,
    };
    for (const [kind, text] of Object.entries(texts)) {
      const evidence = measureText(text);
      const scored = PROFILE_IDS.map((id) => ({ id, guess: registry[id].detect(evidence) })).filter((s) => s.guess);
      const best = scored.reduce((a, b) => (b.guess!.score > a.guess!.score ? b : a));
      const got = detectProfile(text);
      expect(got).toEqual({ profile: best.id, reason: best.guess!.reason });
      expect(got.profile).toBe(kind === 'feeds' ? 'pdf' : kind === 'short' ? 'web' : kind);
    }
  });
});
