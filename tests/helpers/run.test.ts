/** The suite's child-process runner: the worker's event loop turns while the child runs; spawnSync's results. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCommand } from './run.js';

/** How many times a 20 ms timer fired while `work` ran. */
async function ticksDuring(work: () => unknown): Promise<number> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 20);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return ticks;
}

const SLEEP = [process.execPath, ['-e', 'setTimeout(() => {}, 600)']] as const;

describe('runCommand', () => {
  it('keeps the event loop turning while the child runs (spawnSync holds it: the cause of "Timeout calling onTaskUpdate")', async () => {
    // the same child both ways: the comparison shows the measure can tell a blocked loop from a free one
    const blocked = await ticksDuring(() => spawnSync(...SLEEP));
    const free = await ticksDuring(() => runCommand(...SLEEP));
    expect(blocked).toBeLessThanOrEqual(1);
    expect(free).toBeGreaterThanOrEqual(10);
  });

  it('gives what spawnSync gives: status, signal, stdout and stderr as text, stdin at end of file', async () => {
    const script = 'let i = ""; process.stdin.on("data", (d) => (i += d)).on("end", () => { process.stdout.write(`[${i}]é`); process.stderr.write("err"); process.exit(3); });';
    const sync = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    const r = await runCommand(process.execPath, ['-e', script]);
    expect({ status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: sync.status, signal: sync.signal, stdout: sync.stdout, stderr: sync.stderr });
    expect(r).toMatchObject({ status: 3, stdout: '[]é', stderr: 'err' });
    expect((await runCommand('cat', [], { input: 'given' })).stdout).toBe('given');
  });

  it('kills the child at its timeout (status null, the signal set) and reports a child that cannot start', async () => {
    const started = Date.now();
    const r = await runCommand('sleep', ['30'], { timeout: 200 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r).toMatchObject({ status: null, signal: 'SIGTERM' });
    expect(r.error?.message).toMatch(/timed out/);
    const missing = await runCommand('galley-no-such-program', []);
    expect(missing.status).toBeNull();
    expect(missing.error?.message).toMatch(/ENOENT/);
  });
});
