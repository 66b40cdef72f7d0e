/**
 * `galley init [dir]`: start a press. Writes a commented galley.yaml, a .gitignore and content/ with one small
 * sample book that builds, from galley's starter/ folder. Never overwrites: an existing galley.yaml is a usage
 * error, and any other file that is already there is kept.
 */
import { Command } from 'commander';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { PROJECT_FILE } from '../config/find-project.js';
import { GalleyError } from '../diagnostics.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { action } from './output.js';

export const STARTER_DIR = join(PACKAGE_ROOT, 'starter');

/** starter/ file → project file (npm leaves .gitignore out of packages, so it is kept as `gitignore`). */
function targetName(rel: string): string {
  return rel === 'gitignore' ? '.gitignore' : rel;
}

function starterFiles(dir = STARTER_DIR, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? starterFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

/** Copy the starter into `dir`; returns the files written and those kept as they were. */
export function initProject(dir: string): { written: string[]; kept: string[] } {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new GalleyError('init-exists', `${dir} exists and is not a folder`);
  if (existsSync(join(dir, PROJECT_FILE))) {
    throw new GalleyError('init-exists', `${join(dir, PROJECT_FILE)} already exists: this folder is a galley project (nothing was changed)`, { file: PROJECT_FILE });
  }
  const written: string[] = [];
  const kept: string[] = [];
  for (const rel of starterFiles()) {
    const target = join(dir, targetName(rel));
    if (existsSync(target)) {
      kept.push(targetName(rel));
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(STARTER_DIR, rel), target);
    written.push(targetName(rel));
  }
  return { written, kept };
}

export function initCommand(): Command {
  return new Command('init')
    .description('start a project: a commented galley.yaml, content/ with a sample book, a .gitignore')
    .argument('[dir]', 'the project folder (made if missing)', '.')
    .action(
      action(async (dir: string) => {
        const target = resolve(dir);
        const { written, kept } = initProject(target);
        const shown = relative(process.cwd(), target) || '.';
        for (const f of written) process.stdout.write(`wrote ${join(shown, f)}\n`);
        for (const f of kept) process.stdout.write(`kept ${join(shown, f)} (already there)\n`);
        const cd = shown === '.' ? '' : `cd ${shown} && `;
        process.stdout.write(`\nA galley project in ${shown}. Next: ${cd}galley build (then galley check, galley preview common-sense)\n`);
        return 0;
      }),
    );
}
