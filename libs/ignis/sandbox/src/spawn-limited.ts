import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { platformSecretValues } from './env';
import { probeIsolation, type TIsolationMode } from './isolation';
import { sampleProcessTree } from './process-tree';

export type TLimits = {
  /** CPU time of the whole process tree, in seconds. */
  cpuSeconds: number;
  /** Resident memory of the whole process tree, in MB. */
  memoryMb: number;
  /** Wall-clock deadline in ms from spawn. */
  wallClockMs: number;
};

export type TLimitHit = 'cpu' | 'memory' | 'wall-clock' | 'cancelled';

export type TSpawnLimitedOptions = {
  command: string;
  args?: string[];
  /** Must be an existing directory inside `allowedRoot` (when given). */
  cwd: string;
  /** The ONLY environment the child gets, plus PATH, HOME and TMPDIR set by the sandbox. */
  env?: Record<string, string>;
  limits: TLimits;
  signal?: AbortSignal;
  /** cwd must resolve (symlinks followed) inside this directory. */
  allowedRoot?: string;
  /** 'none' gives the child its own empty network namespace where the machine allows it (builds). */
  network?: 'none' | 'host';
  stdio?: StdioOptions;
  /** Sampling period of the CPU/memory watchdog (default 100 ms). */
  sampleEveryMs?: number;
};

export type TSpawnLimitedResult = {
  exitCode: number | null;
  signal: string | null;
  limitHit?: TLimitHit;
  /** A sentence for logs and the UI when a limit ended the process. */
  message?: string;
  usage: { cpuMs: number; peakRssMb: number; wallMs: number };
};

export type TSpawnLimited = {
  child: ChildProcess;
  isolation: TIsolationMode;
  done: Promise<TSpawnLimitedResult>;
};

export class SandboxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxError';
  }
}

/** Names the sandbox always sets itself; the caller may not override them. */
const RESERVED_ENV = new Set([
  'PATH',
  'HOME',
  'TMPDIR',
  'TMP',
  'TEMP',
  'LD_PRELOAD',
  'LD_LIBRARY_PATH',
  'NODE_OPTIONS',
]);
function assertNoPlatformSecrets(env: Record<string, string>): void {
  const secretValues = platformSecretValues();
  for (const [name, value] of Object.entries(env)) {
    if (secretValues.has(value)) {
      throw new SandboxError(
        `env ${name} carries the value of a platform secret; it is not passed to sandboxed code`,
      );
    }
  }
}

/** A safe PATH: node's own directory first (so `node` is the platform's node), then the system's. */
function safePath(): string {
  const dirs = [
    process.execPath.slice(0, process.execPath.lastIndexOf('/')),
    '/usr/local/bin',
    '/usr/bin',
    '/bin',
  ];
  return [...new Set(dirs.filter((dir) => existsSync(dir)))].join(':');
}

function confineCwd(cwd: string, allowedRoot: string | undefined): string {
  if (!isAbsolute(cwd)) throw new SandboxError(`cwd must be an absolute path, got "${cwd}"`);
  let real: string;
  try {
    real = realpathSync(cwd);
  } catch {
    throw new SandboxError(`cwd ${cwd} does not exist`);
  }
  if (!statSync(real).isDirectory()) throw new SandboxError(`cwd ${cwd} is not a directory`);
  if (real === '/') throw new SandboxError('cwd may not be the filesystem root');
  if (allowedRoot) {
    const root = realpathSync(allowedRoot);
    const rel = relative(root, real);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw new SandboxError(`cwd ${cwd} resolves outside the allowed root ${allowedRoot}`);
    }
  }
  return real;
}

function validateLimits(limits: TLimits): void {
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0)
      throw new SandboxError(`limit ${name} must be a positive number`);
  }
}

function killTree(rootPid: number, signal: NodeJS.Signals): void {
  const { pids } = sampleProcessTree(rootPid);
  try {
    process.kill(-rootPid, signal); // the process group (the child is its leader: detached)
  } catch {
    // group already gone
  }
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // exited meanwhile
    }
  }
}

/**
 * Runs untrusted code in a child process with CPU-time, memory and wall-clock limits, an allow-listed
 * environment and a confined working directory; `signal` cancels it. The whole process tree is limited
 * and killed, not only the direct child. `done` says which limit (if any) ended it.
 */
export function spawnLimited(options: TSpawnLimitedOptions): TSpawnLimited {
  const { limits } = options;
  validateLimits(limits);
  const cwd = confineCwd(options.cwd, options.allowedRoot);
  const callerEnv = options.env ?? {};
  for (const name of Object.keys(callerEnv)) {
    if (RESERVED_ENV.has(name))
      throw new SandboxError(`env ${name} is set by the sandbox and may not be passed`);
  }
  assertNoPlatformSecrets(callerEnv);
  if (options.signal?.aborted) throw new SandboxError('cancelled before start');

  const isolation = probeIsolation();
  const privateDir = mkdtempSync(join(tmpdir(), 'ignis-sandbox-'));
  const env: Record<string, string> = {
    LANG: 'C.UTF-8',
    ...callerEnv,
    PATH: safePath(),
    HOME: privateDir,
    TMPDIR: privateDir,
  };

  // prlimit and unshare both exec the next program, so the child's pid is the command's pid.
  const prefix: string[] = [];
  if (isolation.prlimit) {
    const cpu = Math.ceil(limits.cpuSeconds);
    prefix.push(
      'prlimit',
      `--cpu=${cpu}:${cpu + 2}`,
      '--core=0',
      '--nofile=4096:4096',
      `--fsize=${2 * 1024 ** 3}`,
      '--',
    );
  }
  if (options.network === 'none' && isolation.networkNamespace) prefix.push('unshare', '--net', '--');
  const argv = [...prefix, options.command, ...(options.args ?? [])];

  const startedAt = Date.now();
  const child = spawn(argv[0] as string, argv.slice(1), {
    cwd,
    env,
    detached: true, // own process group, so the tree can be killed together
    stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
  });

  let limitHit: TLimitHit | undefined;
  let message: string | undefined;
  let peakRssBytes = 0;
  let lastCpuMs = 0;
  let graceTimer: NodeJS.Timeout | undefined;

  const stop = (hit: TLimitHit, why: string) => {
    if (limitHit || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    limitHit = hit;
    message = why;
    const pid = child.pid;
    // Limits are hard: kill at once. Cancellation gets a short grace period to clean up.
    if (hit === 'cancelled') {
      killTree(pid, 'SIGTERM');
      graceTimer = setTimeout(() => killTree(pid, 'SIGKILL'), 2_000);
    } else {
      killTree(pid, 'SIGKILL');
    }
  };

  const sample = () => {
    if (child.pid === undefined) return;
    const usage = sampleProcessTree(child.pid);
    if (usage.pids.length === 0) return;
    lastCpuMs = Math.max(lastCpuMs, usage.cpuMs);
    peakRssBytes = Math.max(peakRssBytes, usage.rssBytes);
    if (usage.rssBytes > limits.memoryMb * 1024 * 1024) {
      stop(
        'memory',
        `memory limit of ${limits.memoryMb} MB exceeded (resident ${Math.round(usage.rssBytes / 1024 / 1024)} MB); the process was killed`,
      );
    } else if (usage.cpuMs > limits.cpuSeconds * 1000) {
      stop(
        'cpu',
        `CPU time limit of ${limits.cpuSeconds} s exceeded (used ${(usage.cpuMs / 1000).toFixed(1)} s); the process was killed`,
      );
    }
  };
  const watchdog = setInterval(sample, options.sampleEveryMs ?? 100);
  const deadline = setTimeout(
    () =>
      stop(
        'wall-clock',
        `wall-clock limit of ${(limits.wallClockMs / 1000).toFixed(1)} s exceeded; the process was killed`,
      ),
    limits.wallClockMs,
  );
  const onAbort = () => stop('cancelled', 'cancelled');
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const done = new Promise<TSpawnLimitedResult>((resolve) => {
    let settled = false;
    const finish = (exitCode: number | null, signal: string | null) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      clearTimeout(deadline);
      if (graceTimer) clearTimeout(graceTimer);
      options.signal?.removeEventListener('abort', onAbort);
      // Anything the child left behind in its group goes too.
      if (child.pid !== undefined) killTree(child.pid, 'SIGKILL');
      rmSync(privateDir, { recursive: true, force: true });
      // RLIMIT_CPU fired before the watchdog noticed: the kernel sends SIGXCPU (then SIGKILL at the hard limit).
      if (!limitHit && signal === 'SIGXCPU') {
        limitHit = 'cpu';
        message = `CPU time limit of ${limits.cpuSeconds} s exceeded; the process was killed`;
      }
      resolve({
        exitCode,
        signal,
        ...(limitHit ? { limitHit, message } : {}),
        usage: {
          cpuMs: lastCpuMs,
          peakRssMb: Math.round((peakRssBytes / 1024 / 1024) * 10) / 10,
          wallMs: Date.now() - startedAt,
        },
      });
    };
    // Resolve after the stdio pipes closed (so callers have every log line), but do not wait forever for a
    // grandchild that keeps a pipe open: finish() kills the rest of the tree.
    child.once('exit', (code, signal) => {
      if (child.pid !== undefined) killTree(child.pid, 'SIGKILL');
      let closed = false;
      child.once('close', () => {
        closed = true;
        finish(code, signal);
      });
      setTimeout(() => {
        if (!closed) finish(code, signal);
      }, 1_000).unref();
    });
    child.once('error', (error) => {
      message = `could not start ${options.command}: ${error.message}`;
      finish(null, null);
    });
  });

  return { child, isolation: isolation.mode, done };
}
