/**
 * Progress of long work, measured in work done: the stage of each book (parse, epub, pdf: layout, print, join;
 * check), the pages typeset out of the book's estimate (render/print/estimate-pages.ts), the time since the
 * run began; a book's result is printed as soon as it is done (log). On a terminal, one bar (cli-progress)
 * redrawn in place; otherwise (CI, logs) quiet, plain lines: one per stage a book enters, none per page.
 *
 *   [   4.1 s] works-volume-6: pdf layout (~350 pages)
 *   [  21.7 s] works-volume-6: pdf print (348 pages)
 */
import { createRequire } from 'node:module';
import type { ProgressEvent } from '../build/build-books.js';

export interface Progress {
  update(event: ProgressEvent): void;
  /** print something (a book's result) without tearing the bar: cleared, printed, drawn again */
  log(print: () => void): void;
  stop(): void;
}

/** `pdf layout`, `pdf print`…: the stage and, for the PDF, its step. */
function stageOf(e: ProgressEvent): string {
  return e.step ? `${e.stage} ${e.step}` : e.stage;
}

/** `120/~350 pages`, `~350 pages` before the first, `348 pages` once laid out. */
export function pagesOf(e: ProgressEvent, live: boolean): string {
  if (e.estimate === undefined && e.pages === undefined) return '';
  if (e.step === 'layout' && (!e.pages || !live)) return e.estimate !== undefined ? `~${e.estimate} pages` : '';
  if (e.step === 'layout') return `${e.pages}/~${Math.max(e.estimate ?? 0, e.pages ?? 0)} pages`;
  return e.pages !== undefined ? `${e.pages} pages` : '';
}

/** Seconds since `start`, right-aligned: `[  12.3 s]`. */
function clock(start: number): string {
  return `[${((performance.now() - start) / 1000).toFixed(1).padStart(6)} s]`;
}

/** The plain form (not a terminal): a line per stage a book enters, with the time since the run began. */
export function plainProgress(write: (line: string) => void, start = performance.now()): Progress {
  const last = new Map<string, string>();
  return {
    update(e) {
      const stage = stageOf(e);
      if (last.get(e.book) === stage) return; // a page more: not a line more
      last.set(e.book, stage);
      const pages = pagesOf(e, false);
      write(`${clock(start)} ${e.book}: ${stage}${pages ? ` (${pages})` : ''}\n`);
    },
    log: (print) => print(),
    stop: () => undefined,
  };
}

export function createProgress(total: number, quiet = false): Progress {
  if (quiet) return { update: () => undefined, log: (print) => print(), stop: () => undefined };
  const start = performance.now();
  if (!process.stderr.isTTY) return plainProgress((line) => process.stderr.write(line), start);
  // loaded for a terminal's bar only (a quiet or logged build does without its 24 modules)
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { format: ' {bar} {value}/{total} books | {elapsed} | {book} {stage} {pages}', stream: process.stderr, hideCursor: true, clearOnComplete: true, fps: 5 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { book: '', stage: 'starting', pages: '', elapsed: '0.0 s' });
  let done = 0;
  const elapsed = () => `${((performance.now() - start) / 1000).toFixed(1)} s`;
  return {
    update(e) {
      const finished = e.stage === 'done' || e.stage === 'current' || e.stage === 'failed';
      if (finished) done++;
      bar.update(done, { book: e.book, stage: stageOf(e), pages: pagesOf(e, true), elapsed: elapsed() });
    },
    log(print) {
      process.stderr.write('\r\x1b[K');
      print();
      bar.update({ elapsed: elapsed() });
      bar.render();
    },
    stop: () => bar.stop(),
  };
}
