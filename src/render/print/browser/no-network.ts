/**
 * Chromium without a network. Two locks, each enough alone for what it covers:
 *
 * - launch flags that stop the browser's own services (updates, sync, safe browsing, metrics, field
 *   trials, translation, DNS prefetch…) and a host resolver that resolves nothing, so no name is looked up
 *   and no socket is opened to accounts.google.com, clients2.google.com, update.googleapis.com or a DNS
 *   server;
 * - request interception on every tab: the page may load only the files galley hands it (the part's HTML,
 *   Paged.js, the fonts, the book's images, data: URLs it makes itself); every other request is refused
 *   and reported, so a build that needed one fails instead of silently reaching out.
 *
 * tests/hostile/network.test.ts checks both with strace (no connect() to anything but a Unix socket) and by
 * building inside `unshare -n`.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HTTPRequest, Page } from 'puppeteer-core';

export const NO_NETWORK_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-breakpad',
  '--disable-crash-reporter',
  '--disable-component-extensions-with-background-pages',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-field-trial-config',
  '--disable-features=Translate,BackForwardCache,OptimizationHints,MediaRouter,DialMediaRouteProvider,InterestFeedContentSuggestions,CertificateTransparencyComponentUpdater,AutofillServerCommunication,NetworkTimeServiceQuerying,SafeBrowsing,SafeBrowsingEnhancedProtection,PrivacySandboxSettings4,AcceptCHFrame,DnsOverHttps,AsyncDns',
  '--dns-prefetch-disable',
  '--no-default-browser-check',
  '--no-first-run',
  '--no-pings',
  '--metrics-recording-only',
  '--safebrowsing-disable-auto-update',
  '--password-store=basic',
  '--use-mock-keychain',
  // nothing resolves, so nothing is looked up; an address that needs no lookup is refused by the tabs
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

/**
 * Chromium's whole command line from puppeteer's defaults and ours, in a form no wrapper can reorder into
 * something else. Chromium keeps only the last `--disable-features=` and the last `--enable-features=`, and
 * Debian's /usr/bin/chromium moves every flag before the first non-flag (puppeteer's `about:blank`, which it
 * puts before the caller's flags) to the end: so puppeteer's own `--disable-features=Translate,…` came last
 * and ours (DnsOverHttps, AsyncDns, SafeBrowsing, …) were dropped. Here the feature lists are merged into one
 * flag each, and `about:blank` is left out (the browser opens a blank tab by itself).
 */
export function mergeChromiumArgs(defaults: string[], ours: string[]): string[] {
  const lists: Record<'--disable-features' | '--enable-features', string[]> = { '--disable-features': [], '--enable-features': [] };
  const rest: string[] = [];
  for (const arg of [...defaults, ...ours]) {
    const m = /^(--(?:disable|enable)-features)=(.*)$/.exec(arg);
    if (m) {
      const list = lists[m[1] as keyof typeof lists];
      for (const f of m[2].split(',')) if (f && !list.includes(f)) list.push(f);
    } else if (arg !== 'about:blank' && !rest.includes(arg)) {
      rest.push(arg);
    }
  }
  const enabled = lists['--enable-features'].filter((f) => !lists['--disable-features'].includes(f));
  return [
    ...rest,
    ...(lists['--disable-features'].length ? [`--disable-features=${lists['--disable-features'].join(',')}`] : []),
    ...(enabled.length ? [`--enable-features=${enabled.join(',')}`] : []),
  ];
}

/** A request galley did not hand the page: it was refused. */
export interface RefusedRequest {
  url: string;
  resourceType: string;
}

function realFile(url: string): string | undefined {
  try {
    return realpathSync(fileURLToPath(url));
  } catch {
    return undefined;
  }
}

/**
 * Let the tab load only `files` (real paths; compared after following symlinks) and data: URLs. Returns the
 * list the refused requests are added to.
 */
export async function allowOnlyFiles(page: Page, files: Iterable<string>): Promise<RefusedRequest[]> {
  const allowed = new Set<string>();
  for (const f of files) {
    try {
      allowed.add(realpathSync(f));
    } catch {
      /* a file that does not exist cannot be loaded either */
    }
  }
  const refused: RefusedRequest[] = [];
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    if (url.startsWith('data:') || url === 'about:blank') return void request.continue();
    if (url.startsWith('file:')) {
      const path = realFile(url.split('#')[0].split('?')[0]);
      if (path && allowed.has(path)) return void request.continue();
    }
    refused.push({ url: url.slice(0, 200), resourceType: request.resourceType() });
    void request.abort('blockedbyclient');
  });
  return refused;
}

let namespacePrefix: string[] | undefined;

/**
 * The strongest lock where the system allows it: Chromium in a network namespace of its own (`unshare -n`,
 * or `unshare -rn` as a user), with no interface but a loopback that is down, so no socket can reach
 * anything. Tried once per process; where neither works (no unshare, user namespaces forbidden) the flags
 * and the interception above still hold. GALLEY_NO_NETNS=1 turns it off.
 */
export function networkNamespacePrefix(): string[] {
  if (namespacePrefix) return namespacePrefix;
  namespacePrefix = [];
  if (process.env.GALLEY_NO_NETNS === '1' || process.platform !== 'linux') return namespacePrefix;
  for (const flags of [['-n'], ['-r', '-n']]) {
    const probe = spawnSync('unshare', [...flags, '--', 'true'], { stdio: 'ignore', timeout: 5_000 });
    if (probe.status === 0) {
      namespacePrefix = [...flags, '--'];
      break;
    }
  }
  return namespacePrefix;
}

/** What a book's print page may load besides its HTML and Paged.js: the project's fonts and the book's images. */
export function printFiles(book: { images?: { path: string }[] }, project: { fonts: { body: { faces: { file: string }[] } } }): string[] {
  return [...project.fonts.body.faces.map((f) => f.file), ...(book.images ?? []).map((i) => i.path)];
}
