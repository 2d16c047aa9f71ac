import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { spawnLimited, type TIsolationMode } from '@lumenforge/ignis-sandbox';

/** The session worker (plain ESM so the sandboxed child needs no TypeScript loader). */
export const SESSION_WORKER = join(import.meta.dirname, 'session-worker.mjs');

/** Limits of one dev session's process tree (Vite + esbuild/rolldown + Tailwind). */
export const SESSION_LIMITS = { cpuSeconds: 3_600, memoryMb: 1_536, wallClockMs: 12 * 3_600_000 } as const;

export type TSessionProcess = {
  child: ChildProcess;
  isolation: TIsolationMode;
  /** Resolves when the process ended; `reason` is set when a limit ended it. */
  done: Promise<{ exitCode: number | null; reason?: string }>;
};

/** Starts a session worker for `dir`; swapped in tests to count or fail spawns. */
export type TSpawnSession = (options: {
  dir: string;
  allowedRoot: string;
  env: Record<string, string>;
}) => TSessionProcess;

/** Runs the worker under `spawnLimited` (CPU, memory, wall clock, allow-listed env, confined cwd). */
export const spawnSandboxedSession: TSpawnSession = ({ dir, allowedRoot, env }) => {
  const started = spawnLimited({
    command: process.execPath,
    args: [SESSION_WORKER],
    cwd: dir,
    allowedRoot,
    env,
    limits: SESSION_LIMITS,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return {
    child: started.child,
    isolation: started.isolation,
    done: started.done.then((result) => ({
      exitCode: result.exitCode,
      ...(result.message ? { reason: result.message } : {}),
    })),
  };
};

export type TSessionState = 'starting' | 'ready' | 'stopped';

/** One preview: a materialised work dir and the Vite dev server serving it under `/p/<id>/`. */
export class PreviewSession {
  readonly id = randomBytes(12).toString('hex');
  state: TSessionState = 'starting';
  port = 0;
  lastActivityAt = Date.now();
  openSockets = 0;
  /** Why it stopped (a crash, a limit), for the 502/410 answer. */
  stopReason: string | null = null;
  isolation: TIsolationMode = 'process';
  /** The last lines the dev server printed (compile errors show here and in the overlay). */
  readonly log: string[] = [];
  private process: TSessionProcess | null = null;
  private ready: Promise<void> | null = null;

  constructor(
    /** Reuse key: `project-<id>`, `component-<id>-v<n>`, `files-<previewId>`. */
    readonly key: string,
    readonly dir: string,
    readonly workspaceId: string | null,
    /** UTF-8 size of each file of the tree (the 50 MB limit of later updates). */
    readonly sizes: Map<string, number>,
  ) {}

  get base(): string {
    return `/p/${this.id}/`;
  }

  touch(): void {
    this.lastActivityAt = Date.now();
  }

  /** Spawns the worker and resolves once its dev server listens. */
  start(
    spawnSession: TSpawnSession,
    options: {
      allowedRoot: string;
      clientPort: number;
      clientProtocol: 'ws' | 'wss';
      readyTimeoutMs: number;
      onExit: (session: PreviewSession) => void;
    },
  ): Promise<void> {
    if (this.ready) return this.ready;
    const proc = spawnSession({
      dir: this.dir,
      allowedRoot: options.allowedRoot,
      env: {
        NODE_ENV: 'development',
        IGNIS_SESSION_DIR: this.dir,
        IGNIS_SESSION_BASE: this.base,
        IGNIS_CLIENT_PORT: String(options.clientPort),
        IGNIS_CLIENT_PROTOCOL: options.clientProtocol,
      },
    });
    this.process = proc;
    this.isolation = proc.isolation;
    this.ready = new Promise<void>((resolveReady, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`the dev server did not start within ${options.readyTimeoutMs / 1000} s`));
        void this.stop('it did not start in time');
      }, options.readyTimeoutMs);
      const onLine = (line: string) => {
        if (!line.startsWith('@@ignis ')) {
          this.log.push(line);
          if (this.log.length > 200) this.log.shift();
          return;
        }
        try {
          const message = JSON.parse(line.slice('@@ignis '.length)) as {
            type: string;
            port?: number;
            message?: string;
          };
          if (message.type === 'ready' && message.port) {
            this.port = message.port;
            this.state = 'ready';
            clearTimeout(timer);
            resolveReady();
          } else if (message.type === 'fatal') {
            clearTimeout(timer);
            reject(new Error(message.message ?? 'the dev server failed to start'));
          }
        } catch {
          // a user's console.log that happens to start like ours
        }
      };
      if (proc.child.stdout) createInterface({ input: proc.child.stdout }).on('line', onLine);
      if (proc.child.stderr) createInterface({ input: proc.child.stderr }).on('line', (line) => onLine(line));
      void proc.done.then(({ exitCode, reason }) => {
        clearTimeout(timer);
        if (this.state !== 'stopped') {
          this.stopReason ??= reason ?? `the dev server exited (${exitCode ?? 'signal'})`;
          reject(
            new Error(`${this.stopReason}${this.log.length ? `: ${this.log.slice(-5).join(' | ')}` : ''}`),
          );
        }
        this.state = 'stopped';
        options.onExit(this);
      });
    });
    return this.ready;
  }

  /** Sends the new token stylesheet to the dev server (a CSS hot update in every open preview). */
  sendTokens(css: string): void {
    this.process?.child.stdin?.write(`${JSON.stringify({ type: 'tokens', css })}\n`);
  }

  /** Stops the worker (SIGTERM, then SIGKILL); resolves when it exited. */
  async stop(reason: string): Promise<void> {
    this.stopReason ??= reason;
    const proc = this.process;
    if (!proc || this.state === 'stopped') {
      this.state = 'stopped';
      return;
    }
    this.state = 'stopped';
    const { child } = proc;
    if (child.exitCode === null && child.signalCode === null) {
      const kill = setTimeout(() => {
        if (child.pid) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            child.kill('SIGKILL');
          }
        }
      }, 3_000);
      child.stdin?.end();
      child.kill('SIGTERM');
      await proc.done;
      clearTimeout(kill);
    }
  }
}
