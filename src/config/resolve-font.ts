/**
 * A font face named by npm package and file (`package: "@expo-google-fonts/eb-garamond"`, `file:
 * 400Regular/EBGaramond_400Regular.ttf`) → the font file on disk. The package is looked for in the project's
 * node_modules (and those above it), then among galley's own dependencies, so a new project needs no npm
 * install for the fonts galley brings. A file without a package is a path inside the project.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

/** `node_modules/<pkg>/<file>` (the old form of galley.yaml) → package and file, else undefined. */
export function splitNodeModulesPath(path: string): { pkg: string; file: string } | undefined {
  const m = /^(?:\.\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\/(.+)$/.exec(path.replace(/\\/g, '/'));
  return m ? { pkg: m[1], file: m[2] } : undefined;
}

/** The folder of an installed package, looked for from `from` upward through node_modules folders. */
function findPackageFrom(pkg: string, from: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'node_modules', pkg);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The package's folder: the project's copy first, then galley's own (installed beside or inside galley). */
export function findPackage(pkg: string, projectRoot: string): string | undefined {
  return findPackageFrom(pkg, projectRoot) ?? findPackageFrom(pkg, PACKAGE_ROOT);
}

/** Font files a package holds (for the error that names what could be meant), up to a few levels down. */
export function listFontFiles(dir: string, depth = 3): string[] {
  const out: string[] = [];
  const walk = (d: string, level: number) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory() && level < depth && entry.name !== 'node_modules') walk(join(d, entry.name), level + 1);
      else if (entry.isFile() && /\.(ttf|otf|woff2?)$/i.test(entry.name)) out.push(relative(dir, join(d, entry.name)));
    }
  };
  walk(dir, 0);
  return out.sort();
}
