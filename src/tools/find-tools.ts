/**
 * The external programs galley runs, found where they are: an environment variable first, then the PATH, then
 * the places Debian, other Linux layouts and macOS install them. A missing tool is a GalleyError that says how
 * to install it on each system, not a path that happened to exist on the machine galley was written on.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { GalleyError } from '../diagnostics.js';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The first of `names` found in a folder of PATH (what a shell would run). */
export function searchPath(names: string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const CHROMIUM_PLACES = [
  '/usr/bin/chromium',
  '/usr/lib/chromium/chromium',
  '/usr/lib64/chromium-browser/chromium-browser',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export const INSTALL_CHROMIUM =
  'install Chromium (Debian/Ubuntu: apt-get install chromium; Fedora: dnf install chromium; Arch: pacman -S chromium; macOS: brew install --cask chromium) or set CHROME_PATH to a Chrome or Chromium program';

/** Chromium or Chrome: CHROME_PATH, PUPPETEER_EXECUTABLE_PATH (or GALLEY_CHROMIUM), the PATH, the usual places. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  for (const name of ['CHROME_PATH', 'PUPPETEER_EXECUTABLE_PATH', 'GALLEY_CHROMIUM']) {
    const value = env[name];
    if (!value) continue;
    if (!isExecutable(value)) throw new GalleyError('browser-missing', `${name} is set to ${value}, which is not a program; ${INSTALL_CHROMIUM}`);
    return value;
  }
  const found = searchPath(CHROMIUM_NAMES, env) ?? CHROMIUM_PLACES.find(isExecutable);
  if (!found) throw new GalleyError('browser-missing', `Chromium not found (looked for ${CHROMIUM_NAMES.join(', ')} on the PATH and in the usual places); ${INSTALL_CHROMIUM}`);
  return found;
}

const EPUBCHECK_PLACES = [
  '/usr/share/java/epubcheck.jar',
  '/usr/share/epubcheck/epubcheck.jar',
  '/usr/lib/epubcheck/epubcheck.jar',
  '/opt/homebrew/opt/epubcheck/libexec/epubcheck.jar',
  '/usr/local/opt/epubcheck/libexec/epubcheck.jar',
];

export const INSTALL_EPUBCHECK =
  'install epubcheck (Debian/Ubuntu: apt-get install epubcheck; macOS: brew install epubcheck; elsewhere: download it from https://github.com/w3c/epubcheck/releases and set EPUBCHECK_JAR to its epubcheck.jar)';

/** epubcheck's jar: EPUBCHECK_JAR, then the usual places. */
export function findEpubcheckJar(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.EPUBCHECK_JAR;
  if (value) {
    if (!existsSync(value)) throw new GalleyError('tool-missing', `EPUBCHECK_JAR is set to ${value}, which does not exist; ${INSTALL_EPUBCHECK}`);
    return value;
  }
  const found = EPUBCHECK_PLACES.find((p) => existsSync(p));
  if (!found) throw new GalleyError('tool-missing', `epubcheck not found (looked in ${EPUBCHECK_PLACES[0]} and the usual places); ${INSTALL_EPUBCHECK}`);
  return found;
}

export const INSTALL_JAVA = 'install a Java runtime (Debian/Ubuntu: apt-get install default-jre-headless; Fedora: dnf install java-latest-openjdk-headless; macOS: brew install openjdk) or set JAVA_HOME';

/** java: JAVA_HOME/bin/java, then the PATH. */
export function findJava(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JAVA_HOME && isExecutable(join(env.JAVA_HOME, 'bin', 'java'))) return join(env.JAVA_HOME, 'bin', 'java');
  const found = searchPath(['java'], env) ?? ['/opt/homebrew/opt/openjdk/bin/java', '/usr/local/opt/openjdk/bin/java'].find(isExecutable);
  if (!found) throw new GalleyError('tool-missing', `Java not found (epubcheck needs it); ${INSTALL_JAVA}`);
  return found;
}

/** How to install a program run by name (poppler's pdftotext, pdffonts…). */
export function installHint(tool: string): string {
  if (/^pdf(to|fonts|info)/.test(tool)) return 'install poppler (Debian/Ubuntu: apt-get install poppler-utils; Fedora: dnf install poppler-utils; macOS: brew install poppler)';
  if (tool === 'java') return INSTALL_JAVA;
  return `install ${tool} and make sure it is on the PATH`;
}
