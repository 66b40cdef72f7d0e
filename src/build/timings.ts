/**
 * GALLEY_DEBUG_TIMINGS=1: each stage of a build as it ends, on stderr, in milliseconds since the process
 * started (Node's time origin, so module loading counts): what a whole-process figure is made of.
 */
const on = Boolean(process.env.GALLEY_DEBUG_TIMINGS);

export function mark(stage: string): void {
  if (on) process.stderr.write(`timing ${performance.now().toFixed(0).padStart(6)} ms ${stage}\n`);
}
