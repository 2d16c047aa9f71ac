// The supervised engine processes of `npm start` / `npm run dev` besides the six apps: long-running
// workers (IGNIS's preview engine, its build worker) that run from source with tsx like the
// identity provider, get the apps' environment, and are restarted with backoff when they exit
// unexpectedly, so a crash in user code they host never needs a platform restart. Add a process
// with one entry in ENGINE_PROCESSES.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { IGNIS_HMR_PORT, SYSTEM_IDS } from '@lumenforge/config';
import { probeHealth, stopProcess } from './app-processes';
import { WORKSPACE_ROOT } from './env';
import { log, pipeLines, prefixer } from './log';
import { backoffDelayMs, DEFAULT_RESTART_POLICY } from './supervisor';

export type TEngineProcessSpec = {
  /** Log prefix and id, e.g. `ignis-engine`. */
  id: string;
  /** For messages: "the IGNIS engine". */
  name: string;
  /** Entry file, relative to the workspace root (run with `node --import tsx`). */
  entry: string;
  /** The port it listens on (checked free before the start), if any. */
  port?: number;
  /** A path answering 200 `{ "status": "ok" }` once it is ready; without one, ready = still running after a second. */
  healthPath?: string;
  /** Extra node flags before `--import tsx`. */
  nodeArgs?: readonly string[];
};

export const ENGINE_PROCESSES: readonly TEngineProcessSpec[] = [
  {
    id: 'ignis-engine',
    name: 'the IGNIS engine',
    entry: 'libs/ignis/engine/src/main.ts',
    port: IGNIS_HMR_PORT,
    healthPath: '/healthz',
    // It uses the apps' server libs (@lumenforge/runtime/server): `server-only` resolves to its
    // empty module under the react-server condition, as it does inside Next's server.
    nodeArgs: ['--conditions=react-server'],
  },
  {
    // IGNIS's build worker: the build queue, stages in sandboxed children, component-library builds.
    id: 'ignis-builder',
    name: 'the IGNIS builder',
    entry: 'libs/ignis/builds/src/main.ts',
    nodeArgs: ['--conditions=react-server'],
  },
];

export type TEngineProcesses = {
  /** Resolves when every process is ready (rejects if one exits or times out first). */
  ready: Promise<void>;
  stopAll: () => Promise<void>;
};

const READY_TIMEOUT_MS = 60_000;

/**
 * Starts every process of ENGINE_PROCESSES with `env` (the apps' environment: DATABASE_URL, the
 * secrets, LUMENFORGE_HOME) and supervises it: an unexpected exit after the start is restarted with
 * the apps' backoff policy, and given up on (logged, the platform keeps running) after too many
 * exits in a short time.
 */
export function startEngineProcesses(options: {
  env: Record<string, string | undefined>;
  bindHost: string;
  specs?: readonly TEngineProcessSpec[];
}): TEngineProcesses {
  const specs = options.specs ?? ENGINE_PROCESSES;
  let isStopping = false;
  const running = new Map<string, ChildProcess>();
  const timers = new Set<NodeJS.Timeout>();

  const spawnOne = (spec: TEngineProcessSpec, index: number): ChildProcess => {
    const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), '--import', 'tsx', join(WORKSPACE_ROOT, spec.entry)], {
      cwd: WORKSPACE_ROOT,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = prefixer(spec.id, SYSTEM_IDS.length + 1 + index);
    pipeLines(child.stdout, prefix);
    pipeLines(child.stderr, prefix, process.stderr);
    running.set(spec.id, child);
    return child;
  };

  const waitReady = async (spec: TEngineProcessSpec, child: ChildProcess): Promise<void> => {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    const startedAt = Date.now();
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `${spec.name} exited (${child.exitCode ?? child.signalCode}) before it was ready; see its log above.`,
        );
      }
      if (spec.healthPath && spec.port) {
        const probe = await probeHealth(`http://${options.bindHost}:${spec.port}${spec.healthPath}`);
        if ('status' in probe && probe.status === 200 && probe.body?.status === 'ok') return;
      } else if (Date.now() - startedAt > 1_000) return;
      if (Date.now() > deadline)
        throw new Error(`${spec.name} not ready after ${READY_TIMEOUT_MS / 1000} s.`);
      await new Promise((resolveWait) => setTimeout(resolveWait, 200));
    }
  };

  const supervise = (spec: TEngineProcessSpec, index: number, child: ChildProcess) => {
    const crashTimes: number[] = [];
    let step = 0;
    let startedAt = Date.now();
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      if (isStopping) return;
      const now = Date.now();
      if (now - startedAt > DEFAULT_RESTART_POLICY.resetBackoffAfterMs) step = 0;
      crashTimes.push(now);
      while (crashTimes.length > 0 && now - (crashTimes[0] ?? now) > DEFAULT_RESTART_POLICY.crashWindowMs)
        crashTimes.shift();
      if (crashTimes.length >= DEFAULT_RESTART_POLICY.maxCrashes) {
        log.error(
          `${spec.name} exited ${crashTimes.length} times in ${DEFAULT_RESTART_POLICY.crashWindowMs / 1000} s; not restarting it (see its log above).`,
        );
        return;
      }
      const delay = backoffDelayMs(step, DEFAULT_RESTART_POLICY);
      step += 1;
      log.error(
        `${spec.name} exited unexpectedly (${signal ? `signal ${signal}` : `code ${code}`}); restarting in ${delay / 1000} s.`,
      );
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (isStopping) return;
        startedAt = Date.now();
        const next = spawnOne(spec, index);
        next.once('exit', onExit);
        waitReady(spec, next).then(
          () => log.info(`${spec.name} is running again.`),
          (error: unknown) => log.error(String(error)),
        );
      }, delay);
      timers.add(timer);
    };
    child.once('exit', onExit);
  };

  const ready = Promise.all(
    specs.map(async (spec, index) => {
      log.step(`Starting ${spec.name}…`);
      const child = spawnOne(spec, index);
      supervise(spec, index, child);
      await waitReady(spec, child);
    }),
  ).then(() => undefined);

  return {
    ready,
    stopAll: async () => {
      isStopping = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.all([...running.values()].map((child) => stopProcess(child, 10_000)));
    },
  };
}
