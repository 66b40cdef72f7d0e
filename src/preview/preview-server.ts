/**
 * `galley preview`'s server: on 127.0.0.1 only, it serves one book as it will print (the print HTML in
 * Paged.js, pages or spreads) and as an ebook (the EPUB's XHTML and CSS), and tells the page to reload
 * (server-sent events) when a file of the book or the project changes (build/watch-project.ts, the watcher of
 * `galley build --watch`). A book that does not build shows its diagnostics in the page; the server stays up.
 *
 * What it serves is a table made by renderPreview (render-preview.ts) and its own few files: an address is
 * looked up, never turned into a path, so nothing outside the table (no other file of the project, nothing
 * outside it) can be asked for. It asks nothing of the network, and its pages may load only its own
 * addresses (Content-Security-Policy). A request whose Host is not this server's is refused (a web page
 * cannot reach it through a DNS name of its own).
 */
import { createRequire } from 'node:module';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { posix } from 'node:path';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { watchProject, type ChangeBatch, type ProjectWatcher } from '../build/watch-project.js';
import { formatDiagnostic } from '../diagnostics.js';
import { escapeText } from '../render/shared/escape.js';
import { STYLES_DIR, TEMPLATES_DIR } from '../package-root.js';
import { printPageScript, shellScript } from './client-scripts.js';
import { normalizeAddress, PRINT_PAGE, readPreviewFile, renderPreview, type PreviewFile, type PreviewRender } from './render-preview.js';

const require = createRequire(import.meta.url);

export interface PreviewServerOptions {
  root: string;
  slug: string;
  galleyVersion: string;
  /** 0: a free port */
  port?: number;
  /** after each render, what it was for (the file that changed; undefined for the first) */
  onRender?: (render: PreviewRender, changed: string | undefined) => void;
  onError?: (error: Error) => void;
}

export interface PreviewServer {
  url: string;
  port: number;
  /** the current render's version (1 after the first) */
  readonly version: number;
  readonly render: PreviewRender;
  /** render again now (the watcher does this by itself) */
  refresh(changed?: string): Promise<void>;
  close(): Promise<void>;
}

const OWN = {
  shell: '_galley/shell.js',
  print: '_galley/print.js',
  paged: '_galley/paged.js',
  printCss: '_galley/print-screen.css',
  shellCss: '_galley/shell.css',
  state: '_galley/state',
  events: '_galley/events',
};

/** Paged.js as pagedjs-cli bundles it: the same file the PDF's tab loads (render/print/typeset-pdf.ts). */
function pagedScriptPath(): string {
  return join(require.resolve('pagedjs-cli'), '..', '..', 'dist', 'browser.js');
}

const PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; form-action 'none'; base-uri 'self'";

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const printScripts = [`/${OWN.print}`, `/${OWN.paged}`];
  const own = new Map<string, () => PreviewFile>([
    ['', () => ({ type: 'text/html; charset=utf-8', data: readFileSync(join(TEMPLATES_DIR, 'preview', 'shell.html'), 'utf8') })],
    [OWN.shell, () => ({ type: 'text/javascript; charset=utf-8', data: shellScript() })],
    [OWN.print, () => ({ type: 'text/javascript; charset=utf-8', data: printPageScript(`/${OWN.printCss}`) })],
    [OWN.paged, () => ({ type: 'text/javascript; charset=utf-8', path: pagedScriptPath() })],
    [OWN.printCss, () => ({ type: 'text/css; charset=utf-8', path: join(STYLES_DIR, 'preview', 'print-screen.css') })],
    [OWN.shellCss, () => ({ type: 'text/css; charset=utf-8', path: join(STYLES_DIR, 'preview', 'shell.css') })],
  ]);

  const renderNow = () => renderPreview({ root: options.root, slug: options.slug, galleyVersion: options.galleyVersion, printScripts });
  let render = await renderNow();
  let version = 1;
  let updated = clock();
  options.onRender?.(render, undefined);
  const listeners = new Set<ServerResponse>();

  async function refresh(changed?: string): Promise<void> {
    render = await renderNow();
    version++;
    updated = clock();
    options.onRender?.(render, changed);
    for (const res of listeners) res.write(`data: ${JSON.stringify({ version })}\n\n`);
  }

  let port = 0;
  const hosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, head: boolean): void {
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': PAGE_POLICY,
      'Referrer-Policy': 'no-referrer',
    });
    res.end(head ? undefined : body);
  }

  function brokenPage(r: PreviewRender): string {
    const items = r.diagnostics.map((d) => `<li data-code="${escapeText(d.code)}">${escapeText(formatDiagnostic(d))}</li>`).join('\n');
    return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeText(r.title)}: does not build</title></head><body><h1>${escapeText(r.title)} does not build</h1><ul>${items}</ul></body></html>`;
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) return send(res, 405, 'text/plain; charset=utf-8', 'Only GET and HEAD\n', false);
    if (!hosts().has(String(req.headers.host ?? ''))) return send(res, 421, 'text/plain; charset=utf-8', 'This server answers to 127.0.0.1 only\n', head);
    const raw = String(req.url ?? '/');
    const pathname = raw.replace(/[?#].*$/, '');
    // one form for the lookup: decoded, dot segments resolved (a key of the table is in the same form)
    const decoded = normalizeAddress(pathname);
    if (decoded.includes('\0')) return send(res, 400, 'text/plain; charset=utf-8', 'Bad address\n', head);
    const key = posix.normalize(`/${decoded}`).replace(/^\/+/, '');

    if (key === OWN.state) {
      const state = { version, ok: render.ok, title: render.title, diagnostics: render.diagnostics, spine: render.spine, updated };
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(state), head);
    }
    if (key === OWN.events) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Content-Type-Options': 'nosniff' });
      res.write(`retry: 500\ndata: ${JSON.stringify({ version })}\n\n`);
      listeners.add(res);
      req.on('close', () => listeners.delete(res));
      return;
    }
    const file = own.get(key)?.() ?? render.files.get(key);
    if (!file) {
      // the book's pages while it does not build: its diagnostics
      if (!render.ok && (key === PRINT_PAGE || key.startsWith('ebook/'))) return send(res, 503, 'text/html; charset=utf-8', brokenPage(render), head);
      return send(res, 404, 'text/plain; charset=utf-8', 'Not found: the preview serves only the book\n', head);
    }
    let body: string | Uint8Array;
    try {
      body = readPreviewFile(file);
    } catch {
      return send(res, 404, 'text/plain; charset=utf-8', 'Not found (the file is gone)\n', head);
    }
    send(res, 200, file.type, body, head);
  }

  const server: Server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      options.onError?.(error as Error);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error\n', false);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const keepAlive = setInterval(() => {
    for (const res of listeners) res.write(': keep-alive\n\n');
  }, 15_000);
  keepAlive.unref();

  const watcher: ProjectWatcher = watchProject({
    root: options.root,
    books: [options.slug],
    onBatch: (batch: ChangeBatch) => refresh(batch.books.get(options.slug) ?? batch.everything),
    onError: (error) => options.onError?.(error),
  });

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    get version() {
      return version;
    },
    get render() {
      return render;
    },
    refresh,
    async close() {
      watcher.close();
      clearInterval(keepAlive);
      for (const res of listeners) res.end();
      listeners.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
