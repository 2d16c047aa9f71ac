import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import {
  containerAvailability,
  EXIT_SIGKILL,
  EXIT_SIGXCPU,
  handOverToSandboxUser,
  killContainer,
  PODMAN_FAILED_EXIT,
  podmanRunArgs,
  removeContainer,
} from './container';
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
  /**
   * Run in a podman container when container isolation is in force (`containerAvailability()`): the base
   * image, no network unless `network: 'host'`, read-only root, uid 10001, cgroup memory/CPU/pids limits.
   * cwd is mounted read-write (and handed to uid 10001); `readOnlyPaths` are mounted read-only at the same
   * paths (e.g. the shared node_modules); `overlayPaths` are mounted at the same paths as throw-away
   * overlays: the host copy never changes, and tools that try to write next to their packages get the
   * EACCES they expect of a non-root user instead of EROFS (which Node's recursive mkdir reports as ENOENT,
   * and Vite's config loader does not survive). `scratchPaths` (inside an overlay path or an existing
   * directory) get an empty writable tmpfs each, e.g. a tool's cache dir under node_modules.
   * `command` equal to this process's node runs the image's node.
   * Without this option the child is always a process (dev sessions).
   */
  container?: { readOnlyPaths?: string[]; overlayPaths?: string[]; scratchPaths?: string[] };
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
  /** The command's process, or in container mode the `podman run` client that carries its stdio. */
  child: ChildProcess;
  isolation: TIsolationMode;
  /** The container's name in container mode (`podman ps -a --filter name=…`). */
  containerName?: string;
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
  return [...new Set(dirs.filter((dir) => existsSync(/* turbopackIgnore: true */ dir)))].join(':');
}

/** PATH inside the base image (node and npm are in /usr/local/bin). */
const CONTAINER_PATH = '/usr/local/bin:/usr/bin:/bin';

function readFileIfExists(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
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
  let containerName: string | undefined;
  if (options.container) {
    const availability = containerAvailability();
    if (availability.inForce) containerName = `ignis-sandbox-${randomBytes(6).toString('hex')}`;
    else if (availability.setting === 'container')
      throw new SandboxError(`IGNIS_ISOLATION=container, but containers cannot run: ${availability.reason}`);
  }
  const privateDir = mkdtempSync(join(tmpdir(), 'ignis-sandbox-'));
  const env: Record<string, string> = {
    LANG: 'C.UTF-8',
    ...callerEnv,
    PATH: safePath(),
    HOME: privateDir,
    TMPDIR: privateDir,
  };
  const conmonPidFile = join(privateDir, 'conmon.pid');

  let argv: string[];
  let spawnEnv = env;
  if (containerName) {
    handOverToSandboxUser(cwd);
    argv = [
      'podman',
      ...podmanRunArgs({
        name: containerName,
        conmonPidFile,
        cwd,
        readOnlyPaths: (options.container?.readOnlyPaths ?? []).map((path) => realpathSync(path)),
        overlayPaths: (options.container?.overlayPaths ?? []).map((path) => realpathSync(path)),
        scratchPaths: options.container?.scratchPaths ?? [],
        // The container's own /tmp (a tmpfs under --read-only) is its HOME and TMPDIR.
        env: { ...env, PATH: CONTAINER_PATH, HOME: '/tmp', TMPDIR: '/tmp' },
        memoryMb: limits.memoryMb,
        cpuSeconds: limits.cpuSeconds,
        wallClockMs: limits.wallClockMs,
        network: options.network ?? 'host',
        command: options.command === process.execPath ? 'node' : options.command,
        args: options.args ?? [],
      }),
    ];
    // The podman client gets no more of this process's environment than the command would.
    spawnEnv = { LANG: 'C.UTF-8', PATH: safePath(), HOME: privateDir, TMPDIR: privateDir };
  } else {
    // prlimit and unshare both exec the next program, so the child's pid is the command's pid.
    argv = [];
    if (isolation.prlimit) {
      const cpu = Math.ceil(limits.cpuSeconds);
      argv.push(
        'prlimit',
        `--cpu=${cpu}:${cpu + 2}`,
        '--core=0',
        '--nofile=4096:4096',
        `--fsize=${2 * 1024 ** 3}`,
        '--',
      );
    }
    if (options.network === 'none' && isolation.networkNamespace) argv.push('unshare', '--net', '--');
    argv.push(options.command, ...(options.args ?? []));
  }

  const startedAt = Date.now();
  const child = spawn(argv[0] as string, argv.slice(1), {
    cwd,
    // Next.js's types make NODE_ENV required in ProcessEnv; the child gets exactly this env.
    env: spawnEnv as NodeJS.ProcessEnv,
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
    message = containerName ? why.replace('the process was killed', 'the container was killed') : why;
    const pid = child.pid;
    // Limits are hard: kill at once. Cancellation gets a short grace period to clean up.
    if (containerName) {
      const name = containerName;
      killContainer(name, hit === 'cancelled' ? 'TERM' : 'KILL');
      if (hit === 'cancelled') graceTimer = setTimeout(() => killContainer(name, 'KILL'), 2_000);
    } else if (hit === 'cancelled') {
      killTree(pid, 'SIGTERM');
      graceTimer = setTimeout(() => killTree(pid, 'SIGKILL'), 2_000);
    } else {
      killTree(pid, 'SIGKILL');
    }
  };

  // In container mode the command's processes are not the podman client's children but conmon's
  // (conmon holds the container's init): the tree under conmon is what is measured.
  let conmonPid: number | undefined;
  const measuredRoot = (): number | undefined => {
    if (!containerName) return child.pid;
    if (conmonPid === undefined) {
      const pid = Number(readFileIfExists(conmonPidFile));
      if (pid > 0) conmonPid = pid;
    }
    return conmonPid;
  };
  const sample = () => {
    const root = measuredRoot();
    if (root === undefined) return;
    const usage = sampleProcessTree(root);
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
      if (!limitHit && (signal === 'SIGXCPU' || (containerName && exitCode === EXIT_SIGXCPU))) {
        limitHit = 'cpu';
        message = `CPU time limit of ${limits.cpuSeconds} s exceeded; the ${containerName ? 'container' : 'process'} was killed`;
      }
      // Nothing here SIGKILLs a container's command but the kernel's OOM killer at the cgroup's memory
      // limit (the watchdog's own kills set limitHit first). podman 4.3 on cgroup v1 does not report
      // OOMKilled, so the exit status is the evidence.
      if (!limitHit && containerName && exitCode === EXIT_SIGKILL) {
        limitHit = 'memory';
        message = `memory limit of ${limits.memoryMb} MB exceeded; the kernel's OOM killer ended the container`;
      }
      if (
        !limitHit &&
        containerName &&
        exitCode !== null &&
        exitCode >= PODMAN_FAILED_EXIT &&
        exitCode <= 127
      )
        message = `podman could not run the container (exit ${exitCode}); see the log`;
      const result: TSpawnLimitedResult = {
        exitCode,
        signal,
        ...(limitHit ? { limitHit, message } : {}),
        usage: {
          cpuMs: lastCpuMs,
          peakRssMb: Math.round((peakRssBytes / 1024 / 1024) * 10) / 10,
          wallMs: Date.now() - startedAt,
        },
      };
      // `--rm` removes a container that ended; after a kill or a podman failure make sure of it.
      if (containerName && (limitHit || exitCode === null || exitCode >= PODMAN_FAILED_EXIT))
        void removeContainer(containerName).then(() => resolve(result));
      else resolve(result);
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

  return {
    child,
    isolation: containerName ? 'container' : 'process',
    ...(containerName ? { containerName } : {}),
    done,
  };
}
