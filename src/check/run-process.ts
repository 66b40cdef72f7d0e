/**
 * Run an external tool (java, ace, poppler) with a time limit; never hangs, never swallows a failure.
 */
import { spawn } from 'node:child_process';
import { GalleyError } from '../diagnostics.js';
import { installHint } from '../tools/find-tools.js';

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runProcess(
  command: string,
  args: string[],
  options: { timeoutMs: number; env?: NodeJS.ProcessEnv; cwd?: string; tool?: string },
): Promise<ProcessResult> {
  const tool = options.tool ?? command;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    // decode as a stream: a character split between two chunks must not become U+FFFD
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (stdout += d));
    child.stderr.on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      reject(new GalleyError('tool-timeout', `${tool} did not finish within ${Math.round(options.timeoutMs / 1000)} s`));
    }, options.timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const message = error.code === 'ENOENT' ? `${tool} is not installed (${command} not found); ${installHint(tool)}` : `${tool} could not start: ${error.message}`;
      reject(new GalleyError('tool-missing', message, { cause: error }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
