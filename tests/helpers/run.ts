/**
 * A child process run to its end without blocking the test worker: the async counterpart of spawnSync.
 *
 * vitest's worker answers the main process's RPC (onTaskUpdate) from its event loop; a spawnSync that runs a
 * build or a validator for a minute holds that loop, and the runner reports `Timeout calling "onTaskUpdate"`.
 * This keeps the loop free while the child runs and gives back what spawnSync gave: the exit status (null when
 * a signal ended it), the signal, and stdout and stderr as text. Like spawnSync, stdin is an empty pipe (the
 * child reads end of file at once, so a prompt sees no answer) unless `input` is given, and `timeout` kills the
 * child with `killSignal` (SIGTERM by default). A child that cannot be started resolves with `error` set.
 */
import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** milliseconds before the child is killed; none by default */
  timeout?: number;
  killSignal?: NodeJS.Signals;
  /** written to the child's stdin, which is then closed */
  input?: string;
}

export interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

export function runCommand(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let error: Error | undefined;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // a child that ends before reading its input closes the pipe: that is not the test's error
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
    const timer =
      options.timeout && options.timeout > 0
        ? setTimeout(() => {
            error ??= Object.assign(new Error(`${command} timed out after ${options.timeout} ms`), { code: 'ETIMEDOUT' });
            child.kill(options.killSignal ?? 'SIGTERM');
          }, options.timeout)
        : undefined;
    child.on('error', (e) => {
      // the child could not be started: resolve as spawnSync does (status null), not with close's negative errno
      error ??= e;
      if (child.pid === undefined) {
        if (timer) clearTimeout(timer);
        resolve({ status: null, signal: null, stdout, stderr, error });
      }
    });
    child.on('close', (status, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, ...(error ? { error } : {}) });
    });
  });
}

