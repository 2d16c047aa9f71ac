import { spawn } from 'node:child_process';
import { gitBaseEnv } from './git-process.env';
import { classifyGitFailure, GitCancelledError, GitOperationError } from './git-errors';
import { redactSecrets } from './redact';

/** Receives git's progress and IGNITION's step lines, one line at a time, secrets already removed. */
export type GitLogSink = (line: string) => void;

export type RunGitOptions = {
  cwd: string;
  /** Added to the clean base environment (gitBaseEnv). */
  env?: Record<string, string>;
  signal?: AbortSignal;
  onLog?: GitLogSink;
  /** Strings removed from every log line and error message. */
  secrets?: readonly string[];
  stdin?: string | Buffer;
  /** Exit codes that are not failures (e.g. 1 for a merge with conflicts). */
  okExitCodes?: readonly number[];
  /** Network commands: classify a failure as unreachable / auth / rejected / not found. */
  isNetwork?: boolean;
};

export type GitResult = { exitCode: number; stdout: Buffer; stderr: string };

/** Grace period between SIGTERM and SIGKILL when a git command is cancelled. */
const KILL_GRACE_MS = 2_000;

/**
 * Runs the system `git` with a clean environment. Cancelling the signal kills git's whole process
 * group (git push forks git-remote-https, which holds the connection), and the promise settles only
 * once every process of the group has closed its output.
 */
export function runGit(args: readonly string[], options: RunGitOptions): Promise<GitResult> {
  const { signal, onLog, secrets = [] } = options;
  if (signal?.aborted) return Promise.reject(new GitCancelledError());
  return new Promise<GitResult>((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      // Next's ProcessEnv type demands NODE_ENV; git gets exactly this environment and nothing else.
      env: { ...gitBaseEnv(), ...options.env } as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const stdoutChunks: Buffer[] = [];
    let stderr = '';
    let pendingLine = '';
    let isCancelled = false;
    let killTimer: NodeJS.Timeout | undefined;

    const emitLines = (text: string, isFinal: boolean) => {
      pendingLine += text;
      // git redraws progress with \r; each redraw is a line for the task page.
      const parts = pendingLine.split(/\r\n|\n|\r/);
      pendingLine = isFinal ? '' : (parts.pop() ?? '');
      for (const part of parts) if (part.trim()) onLog?.(redactSecrets(part, secrets));
    };
    const killGroup = (killSignal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, killSignal);
      } catch {
        // the group is already gone
      }
    };
    const handleAbort = () => {
      isCancelled = true;
      onLog?.('cancelled: stopping git');
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
      killTimer.unref();
    };
    signal?.addEventListener('abort', handleAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => stdoutChunks.push(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      emitLines(chunk, false);
    });
    child.stdin.on('error', () => undefined); // git may exit before reading its input
    child.stdin.end(options.stdin ?? '');

    child.on('error', (error) => {
      signal?.removeEventListener('abort', handleAbort);
      reject(new GitOperationError('git-failed', `Could not start git: ${error.message}. Is git installed?`));
    });
    child.on('close', (exitCode, exitSignal) => {
      signal?.removeEventListener('abort', handleAbort);
      clearTimeout(killTimer);
      emitLines('', true);
      if (isCancelled) return reject(new GitCancelledError());
      const code = exitCode ?? (exitSignal ? 128 : 1);
      const redactedStderr = redactSecrets(stderr, secrets).trim();
      if (code === 0 || options.okExitCodes?.includes(code)) {
        return resolve({ exitCode: code, stdout: Buffer.concat(stdoutChunks), stderr: redactedStderr });
      }
      const summary = `git ${args[0] ?? ''} failed (exit ${code}).`;
      const errorOutput = withoutProgress(redactedStderr);
      reject(
        options.isNetwork
          ? classifyGitFailure(errorOutput, summary)
          : new GitOperationError('git-failed', summary, errorOutput),
      );
    });
  });
}

const PROGRESS_LINE =
  /^(remote: )?(Enumerating|Counting|Compressing|Writing|Receiving|Resolving) (objects|deltas)|^(remote: )?Total \d+|^Delta compression/;

/** git's stderr without its progress meters, which say nothing about why it failed. */
export function withoutProgress(stderr: string): string {
  return stderr
    .split(/\r\n|\n|\r/)
    .map((line) => line.trimEnd())
    .filter((line) => line && !PROGRESS_LINE.test(line))
    .join('\n');
}
