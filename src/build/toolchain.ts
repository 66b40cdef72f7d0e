/**
 * What besides the book makes an output, for the cache key: galley's own code as it runs (a build id, the
 * hash of lib/ or of src/ under the tests, not only its version), the dependencies as installed (npm's
 * lock of the node_modules galley loads them from), and for the outputs made in the browser, the browser's
 * version. Editing a compiled file, updating a dependency or upgrading Chromium rebuilds what they make.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { CODE_DIR, PACKAGE_ROOT } from '../package-root.js';
import { findChromium } from '../tools/find-tools.js';

const memo = new Map<string, string>();

function once(key: string, make: () => string): string {
  let v = memo.get(key);
  if (v === undefined) {
    v = make();
    memo.set(key, v);
  }
  return v;
}

/** The hash of galley's code: every .js/.ts/.mjs/.cjs/.json file of `codeDir` (not maps, declarations or the bench). */
export function buildId(codeDir = CODE_DIR): string {
  return once(`code ${codeDir}`, () => {
    const h = createHash('sha256');
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'bench' && entry.name !== 'node_modules') walk(path);
        } else if (/\.(js|mjs|cjs|ts|json)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
          h.update(`${relative(codeDir, path)}\0`).update(readFileSync(path)).update('\0');
        }
      }
    };
    walk(codeDir);
    return h.digest('hex');
  });
}

/**
 * The installed dependencies: npm's hidden lockfile of the node_modules galley's own dependencies come from
 * (galley's, or the project's when galley is installed in it), else galley's package-lock.json, else the
 * versions of its direct dependencies as resolved.
 */
export function dependencyId(packageRoot = PACKAGE_ROOT): string {
  return once(`deps ${packageRoot}`, () => {
    const h = createHash('sha256');
    const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version?: string; dependencies?: Record<string, string> };
    h.update(`version ${pkg.version}\0`);
    const parent = dirname(packageRoot.replace(/\/$/, ''));
    const locks = [join(packageRoot, 'node_modules', '.package-lock.json'), ...(basename(parent) === 'node_modules' ? [join(parent, '.package-lock.json')] : []), join(packageRoot, 'package-lock.json')];
    const lock = locks.find((f) => existsSync(f));
    if (lock) {
      // only the packages and their versions: the file also names the folder it was made in
      const { packages } = JSON.parse(readFileSync(lock, 'utf8')) as { packages?: Record<string, { version?: string; integrity?: string }> };
      for (const [name, p] of Object.entries(packages ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) if (name) h.update(`${name}@${p.version ?? ''}:${p.integrity ?? ''}\0`);
    } else {
      for (const name of Object.keys(pkg.dependencies ?? {}).sort()) {
        let version = 'missing';
        for (let dir = packageRoot; ; dir = dirname(dir)) {
          const file = join(dir, 'node_modules', name, 'package.json');
          if (existsSync(file)) {
            version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '?';
            break;
          }
          if (dirname(dir) === dir) break;
        }
        h.update(`${name}@${version}\0`);
      }
    }
    return h.digest('hex');
  });
}

/** The browser's version (`chromium --version`), or, if it will not say, its program file's size and date; '' when there is none. */
export function browserId(env: NodeJS.ProcessEnv = process.env): string {
  let path: string;
  try {
    path = findChromium(env);
  } catch {
    return 'no browser';
  }
  return once(`browser ${path}`, () => {
    try {
      const out = execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 15_000 }).trim();
      if (out) return out;
    } catch {
      // fall through
    }
    const s = statSync(realpathSync(path));
    return `${basename(path)} ${s.size} ${s.mtimeMs}`;
  });
}

const asking = new Map<string, Promise<void>>();

/**
 * Ask the browser its version without waiting, so that browserId finds it answered: `chromium --version`
 * through Debian's wrapper script takes some 0.3 s, which a PDF build spends loading its modules meanwhile.
 * A browser that does not answer leaves browserId to ask again (and fall back as it does).
 */
export function askBrowserVersion(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let path: string;
  try {
    path = findChromium(env);
  } catch {
    return Promise.resolve();
  }
  const key = `browser ${path}`;
  if (memo.has(key)) return Promise.resolve();
  let answer = asking.get(key);
  if (!answer) {
    answer = new Promise<void>((resolve) => {
      execFile(path, ['--version'], { encoding: 'utf8', timeout: 15_000 }, (error, stdout) => {
        const out = String(stdout ?? '').trim();
        if (!error && out && !memo.has(key)) memo.set(key, out);
        resolve();
      }).stdin?.end();
    });
    asking.set(key, answer);
  }
  return answer;
}

/** Whether the browser has said its version (askBrowserVersion answered, or browserId asked it). */
export function browserAnswered(env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    return memo.has(`browser ${findChromium(env)}`);
  } catch {
    return true; // no browser: browserId says so at once
  }
}

/** The toolchain part of an output's key; `browser`: a version to use instead of asking (build-books.ts's guess). */
export function toolchainId(usesBrowser: boolean, codeDir = CODE_DIR, packageRoot = PACKAGE_ROOT, browser?: string): string {
  return `code ${buildId(codeDir)} deps ${dependencyId(packageRoot)}${usesBrowser ? ` browser ${browser ?? browserId()}` : ''}`;
}

/** For tests and --watch (galley's code does not change under a running process, but tests swap it). */
export function clearToolchainCache(): void {
  memo.clear();
  asking.clear();
}
