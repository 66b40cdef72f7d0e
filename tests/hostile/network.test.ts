/**
 * Critical: a build touches no network. Before the fix, every PDF build's Chromium looked up
 * accounts.google.com, clients2.google.com and update.googleapis.com (UDP to a DNS server, seen by strace),
 * and `![x](http://127.0.0.1:PORT/remote.png)` made the PDF build fetch the image.
 */
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTypesetter, typesetPdf, typesetterState } from '../../src/render/print/typeset-pdf.js';
import { runCommand, type RunOptions } from '../helpers/run.js';
import { BOOK, CLI, ENV, galley, pdfText, scratchProject } from './scratch.js';
import { inetSockets } from './strace-net.js';

/** strace is in scripts/setup.sh's need list: a machine without it fails here, never passes in silence */
async function strace(args: string[], options: RunOptions) {
  const r = await runCommand('strace', args, options);
  if (r.error) throw new Error(`strace could not run (${r.error.message}): bash scripts/setup.sh installs it`);
  return r;
}

let server: Server;
let port = 0;
const hits: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('x');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await closeTypesetter();
  server.close();
});

/** connect() calls of a traced run that reached (or tried to reach) an Internet address and did not fail */
function inetConnects(trace: string): string[] {
  return trace
    .split('\n')
    .filter((l) => /connect\(\d+, \{sa_family=AF_INET6?,/.test(l))
    .filter((l) => !/= -1 E[A-Z]+/.test(l) && !/<unfinished \.\.\.>$/.test(l));
}

describe('no network', () => {
  it('strace sees no connection to any Internet address during a whole build', async () => {
    const s = scratchProject();
    const trace = join(s.dir, 'strace.txt');
    const r = await strace(['-f', '-q', '-e', 'trace=connect,sendto', '-o', trace, process.execPath, CLI, 'build', '--quiet', '--force'], { cwd: s.dir, env: ENV, timeout: 300_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const text = readFileSync(trace, 'utf8');
    // the trace did see the run (Chromium's own Unix sockets), so an empty list means something
    expect(text).toMatch(/connect\(\d+, \{sa_family=AF_UNIX/);
    const started = text.split('\n').filter((l) => /connect\(\d+, \{sa_family=AF_INET6?,/.test(l));
    expect(inetConnects(text)).toEqual([]);
    // a resumed success must belong to a Unix socket: every Internet connect that was unfinished failed
    const unfinishedInet = started.filter((l) => /<unfinished \.\.\.>$/.test(l)).map((l) => l.split(' ')[0]);
    for (const pid of unfinishedInet) {
      const lines = text.split('\n').filter((l) => l.startsWith(`${pid} `));
      const after = lines.filter((l) => l.startsWith(`${pid} <... connect resumed>`));
      // galley ends the browser with SIGKILL when the PDF is done: a thread killed inside its connect() has no
      // resumed line, and its connect never returned to it (in the build's network namespace it has no route)
      if (after.length === 0 && lines.some((l) => /\+\+\+ killed by SIGKILL/.test(l))) continue;
      expect(after.some((l) => /= -1 E/.test(l)), `pid ${pid}: ${after.join(' | ')}`).toBe(true);
    }
    expect(pdfText(join(s.dir, 'dist', `${BOOK}.pdf`))).toMatch(/Huysmans/);
  });

  it('without the network namespace, the flags alone hold: no TCP connection and no packet to any Internet address', async () => {
    // Before: puppeteer's own --disable-features came last on Chromium's command line (Debian's wrapper moves
    // the flags before about:blank to the end) and Chromium keeps only the last one, so galley's list
    // (DnsOverHttps, AsyncDns, SafeBrowsing, …) was dropped. What remains is Chromium's IPv6 reachability
    // probe: a UDP socket connect()ed to 2001:4860:4860::8888 to learn the route, which sends nothing.
    const s = scratchProject();
    const trace = join(s.dir, 'strace.txt');
    const r = await strace(['-f', '-qq', '-e', 'trace=socket,connect,sendto,sendmsg,sendmmsg,close', '-o', trace, process.execPath, CLI, 'build', '--quiet', '--force'], {
      cwd: s.dir,
      env: { ...ENV, GALLEY_NO_NETNS: '1' },
      timeout: 300_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const sockets = inetSockets(readFileSync(trace, 'utf8'));
    const reached = sockets.filter((u) => u.sends.length > 0 || (u.type === 'SOCK_STREAM' && u.connects.length > 0));
    expect(reached).toEqual([]);
    const udp = sockets.flatMap((u) => u.connects.map((c) => c.address));
    expect(udp.filter((a) => a !== '2001:4860:4860::8888')).toEqual([]);
    expect(pdfText(join(s.dir, 'dist', `${BOOK}.pdf`))).toMatch(/Huysmans/);
  });

  it('a build with no network at all (unshare -n) makes both books', async (ctx) => {
    const probe = spawnSync('unshare', ['-n', 'true']);
    if (probe.status !== 0) ctx.skip(); // reported as skipped, not passed: the strace tests above still hold
    const s = scratchProject();
    const r = await runCommand('unshare', ['-n', '--', process.execPath, CLI, 'build', '--quiet'], { cwd: s.dir, env: ENV, timeout: 300_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(join(s.dir, 'dist', `${BOOK}.epub`))).toBe(true);
    expect(pdfText(join(s.dir, 'dist', `${BOOK}.pdf`))).toMatch(/Huysmans/);
  });

  it('a remote image in a chapter is an error, and nothing is fetched', async () => {
    const s = scratchProject();
    writeFileSync(s.chapter, `${readFileSync(s.chapter, 'utf8')}\n\n![x](http://127.0.0.1:${port}/remote.png)\n`);
    const r = await galley(s.dir, ['build', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error Image http:\/\/127\.0\.0\.1:\d+\/remote\.png is on the network: .*\[image-remote\]/);
    expect(hits).toEqual([]);
  });

  it('the print page may load only what galley serves it: anything else is refused and fails the PDF', async () => {
    const html = `<!DOCTYPE html><html><head><style>@font-face { font-family: X; src: url("http://127.0.0.1:${port}/font.ttf"); } body { font-family: X; }</style></head>
<body><section class="chapter"><h1 id="a">A</h1><p>Text <img src="http://127.0.0.1:${port}/remote.png" alt="r"> <img src="file:///etc/passwd" alt="p"></p></section></body></html>`;
    const error = await typesetPdf(html, { baseDir: '/tmp', timeoutMs: 60_000, title: 'T', author: 'A', language: 'en', revision: '2026-01-01' }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error & { code?: string }).code).toBe('pdf-request-refused');
    expect((error as Error).message).toMatch(/127\.0\.0\.1|file:\/\/\/etc\/passwd/);
    expect(hits).toEqual([]);
    // the browser that refused it runs with galley's feature lists: one --disable-features, holding galley's
    const state = await typesetterState();
    const cmdline = readFileSync(`/proc/${state!.pid}/cmdline`, 'utf8').split('\0');
    const disabled = cmdline.filter((a) => a.startsWith('--disable-features='));
    expect(disabled).toHaveLength(1);
    expect(disabled[0].split('=')[1].split(',')).toEqual(expect.arrayContaining(['DnsOverHttps', 'AsyncDns', 'SafeBrowsing', 'Translate']));
    expect(cmdline.filter((a) => a.startsWith('--enable-features='))).toHaveLength(1);
    expect(cmdline).toContain('--host-resolver-rules=MAP * ~NOTFOUND');
  });
});
