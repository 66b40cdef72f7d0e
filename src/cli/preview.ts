/**
 * `galley preview [book] [--port n]`: a local server (127.0.0.1) showing the book as it will print and as an
 * ebook, reloading itself when a file is saved (preview/preview-server.ts). It runs until interrupted; a book
 * that stops building shows its diagnostics in the page, and here, and the server carries on.
 */
import { Command, InvalidArgumentError } from 'commander';
import { resolveProjectRoot } from '../config/find-project.js';
import { GalleyError } from '../diagnostics.js';
import { startPreviewServer } from '../preview/preview-server.js';
import type { PreviewRender } from '../preview/render-preview.js';
import { selectBooks } from './build.js';
import { action, printDiagnostics, reportError, type GlobalFlags } from './output.js';
import { GALLEY_VERSION } from './version.js';

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('a port number, 0 to 65535 (0: a free port)');
  return n;
}

/** One line for a render: the time, the file that changed, and whether the book builds. */
export function describeRender(slug: string, render: PreviewRender, changed: string | undefined): string {
  const errors = render.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = render.diagnostics.filter((d) => d.severity === 'warning').length;
  const what = render.ok
    ? `preview of ${slug} updated in ${(render.ms / 1000).toFixed(2)} s${warnings > 0 ? ` (${warnings} warning(s))` : ''}`
    : `${slug} does not build (${errors} error(s)): the page shows the diagnostics`;
  return `[${clock()}] ${changed ? `${changed} changed: ` : ''}${what}\n`;
}

export function previewCommand(): Command {
  return new Command('preview')
    .description('show a book as it will print and as an ebook in the browser, updated as you save (a local server on 127.0.0.1)')
    .argument('[book]', 'the book folder under content/ (default: the book galley runs in, or the only one)')
    .option('-p, --port <port>', 'the port (default: a free one)', parsePort, 0)
    .action(
      action(async (book: string | undefined, flags: { port: number }, command: Command) => {
        const global = command.optsWithGlobals() as GlobalFlags;
        const root = resolveProjectRoot(global.root);
        const books = selectBooks(root, book ? [book] : []);
        if (books.length > 1) throw new GalleyError('usage', `Name the book to preview: galley preview <book>, one of ${books.join(', ')}`);
        const slug = books[0];
        const server = await startPreviewServer({
          root,
          slug,
          galleyVersion: GALLEY_VERSION,
          port: flags.port,
          onRender: (render, changed) => {
            printDiagnostics(render.diagnostics);
            process.stdout.write(describeRender(slug, render, changed));
          },
          onError: (error) => reportError(error, global.debug),
        }).catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'EADDRINUSE') throw new GalleyError('usage', `Port ${flags.port} is in use: choose another with --port, or leave it out for a free one`);
          throw error;
        });
        process.stdout.write(`preview of ${slug}: ${server.url} (Ctrl-C to stop)\n`);
        // serves until interrupted (build/stop.ts ends the process on SIGINT and SIGTERM)
        await new Promise<never>(() => undefined);
      }),
    );
}
