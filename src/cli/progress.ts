/** Progress of long work: a bar per run on a terminal (cli-progress), plain lines otherwise (CI, logs). */
import cliProgress from 'cli-progress';
import type { ProgressEvent } from '../build/build-books.js';

export interface Progress {
  update(event: ProgressEvent): void;
  /** print something (a book's result) without tearing the bar: cleared, printed, drawn again */
  log(print: () => void): void;
  stop(): void;
}

export function createProgress(total: number, quiet = false): Progress {
  if (quiet) return { update: () => undefined, log: (print) => print(), stop: () => undefined };
  if (!process.stderr.isTTY) {
    let last = '';
    return {
      update(e) {
        if (e.stage === 'pdf' && e.pages !== undefined) return; // page counts only on a terminal
        const line = `${e.book}: ${e.stage}`;
        if (line !== last) process.stderr.write(`${line}\n`);
        last = line;
      },
      log: (print) => print(),
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: ' {bar} {value}/{total} books | {book} | {stage}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { book: '', stage: 'starting' });
  let done = 0;
  return {
    update(e) {
      const finished = e.stage === 'done' || e.stage === 'current' || e.stage === 'failed';
      if (finished) done++;
      const stage = e.stage === 'pdf' && e.pages ? `pdf: ${e.pages} pages typeset` : e.stage;
      bar.update(done, { book: e.book, stage });
    },
    log(print) {
      process.stderr.write('\r\x1b[K');
      print();
      bar.render();
    },
    stop: () => bar.stop(),
  };
}
