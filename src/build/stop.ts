/**
 * Clean stops. Whatever a run leaves on the disk or in the process table while it works (the browser, its
 * profile folder, the typesetting scratch folders) registers here how to undo it, synchronously; the CLI
 * calls stopEverything() on SIGINT or SIGTERM and exits 130 or 143. Library code never exits: it registers.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const undo = new Map<number, () => void>();
let next = 0;

/** Register a synchronous clean-up; call the returned function once the thing is gone. */
export function onStop(fn: () => void): () => void {
  const id = next++;
  undo.set(id, fn);
  return () => void undo.delete(id);
}

/** Run every registered clean-up (each at most once), newest first. */
export function stopEverything(): void {
  for (const [id, fn] of [...undo].reverse()) {
    undo.delete(id);
    try {
      fn();
    } catch {
      /* a clean-up that fails must not stop the others */
    }
  }
}

/** Live (not zombie) processes of a process group, from /proc (Linux); [] elsewhere. */
function liveMembers(group: number): number[] {
  if (!existsSync('/proc')) return [];
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // pid (comm) state ppid pgrp …: comm may hold spaces, so read after the last ')'
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === group && state !== 'Z' && state !== 'X') out.push(Number(name));
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/**
 * Kill a child and its whole process group (Chromium's renderers, zygote, crashpad), and wait (at most
 * two seconds) until they are gone, so that folders they write into can be removed after.
 */
export function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 100 && liveMembers(pid).length > 0; i++) Atomics.wait(sleeper, 0, 0, 20);
}

/** The CLI's signal handlers: stop the whole run at once, clean up, exit 128 + the signal number. */
export function exitOnSignals(): void {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      stopEverything();
      process.stderr.write(`galley: stopped by ${signal}\n`);
      process.exit(code);
    });
  }
}
