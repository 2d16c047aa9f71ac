// Keeps the processes of `npm start` / `npm run dev` running — the six apps and the engine
// processes beside them (engine-processes.ts): one that exits unexpectedly is restarted with
// exponential backoff, and given up on (`failed`) after too many exits in a short time, while the
// others keep running. Each can be stopped, started and restarted on its own (the control channel,
// control-server.ts). One state machine per process:
//
//   stopped ──start──▶ starting ──health ok──▶ running
//      ▲                  │  ▲                          │
//      │                  │  └──── backoff elapsed ─────┼──── restarting ◀── unexpected exit
//      └──── stopping ◀───┴──────── stop ───────────────┘        │
//                                                  too many exits └──▶ failed ──start──▶ starting
import type { ChildProcess } from 'node:child_process';
import { HealthTimeoutError, stopProcess, waitUntilHealthy } from './app-processes';
import type { TAppExit, TAppState, TAppStatus } from './control-client';
import { log } from './log';

/** A process the supervisor keeps running: an app, or an engine process beside them. */
export type TSupervisedProcess = {
  id: string;
  name: string;
  /** The port it serves on; null for a worker that serves nothing. */
  port: number | null;
  /** Where people reach it; null when nobody opens it. */
  url: string | null;
  /** Answers 200 `{ "status": "ok" }` once it is ready; null: ready once it stayed up a second. */
  healthUrl: string | null;
  /** Starts one process of it (a real app or engine in the runner, tiny children in the tests). */
  spawn: () => ChildProcess;
};

export type TRestartPolicy = {
  /** The first restart waits this long; each further one twice as long as the one before… */
  initialBackoffMs: number;
  /** …up to this. */
  maxBackoffMs: number;
  /** An app that stayed up this long starts again from `initialBackoffMs` when it exits. */
  resetBackoffAfterMs: number;
  /** This many unexpected exits within `crashWindowMs` and the app is `failed` (not restarted). */
  maxCrashes: number;
  crashWindowMs: number;
};

export const DEFAULT_RESTART_POLICY: TRestartPolicy = {
  initialBackoffMs: 1_000,
  maxBackoffMs: 30_000,
  resetBackoffAfterMs: 60_000,
  maxCrashes: 5,
  crashWindowMs: 120_000,
};

export type TSupervisorOptions = {
  processes: readonly TSupervisedProcess[];
  /** How long a start waits for its health to be ok (LUMENFORGE_READY_TIMEOUT). */
  readyTimeoutMs: number;
  /** SIGKILL after this long when SIGTERM did not stop an app. */
  stopGraceMs?: number;
  policy?: Partial<TRestartPolicy>;
  /** Called after every state change (tests follow the transitions). */
  onStateChange?: (status: TAppStatus) => void;
};

/** A request about an app the platform does not run (the control channel answers 404). */
export class UnknownAppError extends Error {
  constructor(id: string, validIds: readonly string[]) {
    super(`No app "${id}"; the apps are ${validIds.join(', ')}.`);
    this.name = 'UnknownAppError';
  }
}

/** A request the supervisor cannot carry out now, e.g. a start while the platform stops (409). */
export class SupervisorConflictError extends Error {
  override name = 'SupervisorConflictError';
}

type TAppRecord = {
  app: TSupervisedProcess;
  state: TAppState;
  since: number;
  /** The current process, while one is running. */
  running: ChildProcess | undefined;
  startedAt: number;
  /** Automatic restarts after unexpected exits (a start or stop asked for is not one). */
  restarts: number;
  lastExit: TAppExit | null;
  /** Resolves when the current process's health is ok; rejects when it exits first or times out. */
  ready: Promise<void>;
  stopping: Promise<void> | undefined;
  restartTimer: NodeJS.Timeout | undefined;
  backoffStep: number;
  /** When it exited unexpectedly, within the crash window. */
  crashTimes: number[];
};

/** Each round of watching a process that missed its ready timeout lasts this long. */
const LATE_HEALTH_WATCH_MS = 30_000;

/** How `npm run app` starts an app again (printed when the supervisor gives up on it). */
export function startCommandFor(id: string): string {
  return `npm run app -- start ${id}`;
}

/** The n-th restart's delay (n from 0): initial × 2ⁿ, capped. */
export function backoffDelayMs(step: number, policy: TRestartPolicy = DEFAULT_RESTART_POLICY): number {
  return Math.min(policy.initialBackoffMs * 2 ** step, policy.maxBackoffMs);
}

function describeExit(code: number | null, signal: string | null): string {
  return signal ? `signal ${signal}` : `code ${code}`;
}

export class Supervisor {
  private readonly records: Map<string, TAppRecord>;
  private readonly policy: TRestartPolicy;
  private readonly stopGraceMs: number;
  /** While `startAll` runs, an exit fails the boot instead of being restarted. */
  private isBooting = false;
  private isShuttingDown = false;

  constructor(private readonly options: TSupervisorOptions) {
    this.policy = { ...DEFAULT_RESTART_POLICY, ...options.policy };
    this.stopGraceMs = options.stopGraceMs ?? 10_000;
    const now = Date.now();
    this.records = new Map(
      options.processes.map((app) => [
        app.id,
        {
          app,
          state: 'stopped',
          since: now,
          running: undefined,
          startedAt: now,
          restarts: 0,
          lastExit: null,
          ready: Promise.resolve(),
          stopping: undefined,
          restartTimer: undefined,
          backoffStep: 0,
          crashTimes: [],
        },
      ]),
    );
  }

  get ids(): string[] {
    return [...this.records.keys()];
  }

  has(id: string): boolean {
    return this.records.has(id);
  }

  list(): TAppStatus[] {
    return [...this.records.values()].map((record) => this.describe(record));
  }

  status(id: string): TAppStatus {
    return this.describe(this.record(id));
  }

  /**
   * Boot: spawns every stopped app and resolves once all of them are healthy. An app that exits
   * meanwhile is not restarted — at boot an exit is a bad configuration or build, which a restart
   * would only repeat — it is marked `failed` and this rejects (the runner then stops everything).
   */
  async startAll(): Promise<void> {
    this.isBooting = true;
    try {
      for (const record of this.records.values()) if (record.state === 'stopped') this.launch(record);
      const readiness = [...this.records.values()].map((record) => record.ready);
      try {
        await Promise.all(readiness);
      } catch (error) {
        if (!(error instanceof HealthTimeoutError)) throw error;
        // One message naming every app that is not ready (they share the deadline).
        const settled = await Promise.allSettled(readiness);
        const probes = new Map(
          settled.flatMap((result) =>
            result.status === 'rejected' && result.reason instanceof HealthTimeoutError
              ? [...result.reason.lastProbes]
              : [],
          ),
        );
        throw new HealthTimeoutError(this.options.readyTimeoutMs, probes);
      }
    } finally {
      this.isBooting = false;
    }
  }

  /**
   * Starts a stopped or failed app (a restarting one at once, without waiting out its backoff) and
   * resolves once its /api/health is ok. Rejects with a HealthTimeoutError after the ready timeout,
   * or an Error when it exits before it became healthy (then the restart policy applies).
   */
  async start(id: string): Promise<TAppStatus> {
    const record = this.record(id);
    if (this.isShuttingDown) throw new SupervisorConflictError('The platform is stopping.');
    if (record.state === 'stopping') await record.stopping;
    if (record.state === 'stopped' || record.state === 'failed' || record.state === 'restarting') {
      this.cancelRestart(record);
      // Asked for: a fresh start, the earlier crashes no longer count.
      record.crashTimes = [];
      record.backoffStep = 0;
      log.info(`Starting ${record.app.id} (asked through the control channel)…`);
      this.launch(record);
    }
    await record.ready;
    return this.describe(record);
  }

  /**
   * Stops an app (SIGTERM, SIGKILL after the grace period) and keeps it stopped: it is not
   * restarted until asked. Resolves once it exited. A failed or stopped app is left as it is.
   */
  async stop(id: string): Promise<TAppStatus> {
    const record = this.record(id);
    if (record.state === 'restarting') {
      this.cancelRestart(record);
      this.setState(record, 'stopped');
    } else if (record.running) {
      if (record.state !== 'stopping') {
        log.info(`Stopping ${record.app.id} (asked through the control channel); it stays stopped.`);
        this.beginStop(record, record.running);
      }
      await record.stopping;
    }
    return this.describe(record);
  }

  /** Stop, then start (resolves once healthy, as {@link start}). */
  async restart(id: string): Promise<TAppStatus> {
    await this.stop(id);
    return this.start(id);
  }

  /** Stops every app and restarts none any more (the platform is stopping). */
  async stopAll(): Promise<void> {
    this.isShuttingDown = true;
    for (const record of this.records.values()) {
      if (record.state === 'restarting') {
        this.cancelRestart(record);
        this.setState(record, 'stopped');
      } else if (record.running && record.state !== 'stopping') {
        this.beginStop(record, record.running);
      }
    }
    await Promise.all([...this.records.values()].map((record) => record.stopping));
  }

  private record(id: string): TAppRecord {
    const record = this.records.get(id);
    if (!record) throw new UnknownAppError(id, this.ids);
    return record;
  }

  private describe(record: TAppRecord): TAppStatus {
    return {
      id: record.app.id,
      name: record.app.name,
      port: record.app.port,
      url: record.app.url,
      state: record.state,
      pid: record.running?.pid ?? null,
      restarts: record.restarts,
      since: new Date(record.since).toISOString(),
      lastExit: record.lastExit,
    };
  }

  private setState(record: TAppRecord, state: TAppState): void {
    record.state = state;
    record.since = Date.now();
    this.options.onStateChange?.(this.describe(record));
  }

  private cancelRestart(record: TAppRecord): void {
    if (record.restartTimer) clearTimeout(record.restartTimer);
    record.restartTimer = undefined;
  }

  private beginStop(record: TAppRecord, running: ChildProcess): void {
    this.setState(record, 'stopping');
    record.stopping = stopProcess(running, this.stopGraceMs).finally(() => {
      record.stopping = undefined;
    });
  }

  /** Spawns the app's process and follows it: health → running, exit → onExit. */
  private launch(record: TAppRecord, isAutomaticRestart = false): void {
    let running: ChildProcess;
    try {
      running = record.app.spawn();
    } catch (error) {
      // e.g. no production build: nothing to restart.
      record.ready = Promise.reject(error instanceof Error ? error : new Error(String(error)));
      record.ready.catch(() => undefined);
      this.setState(record, 'failed');
      // At boot startAll's rejection says it; later only this log does.
      if (!this.isBooting)
        log.error(
          `${record.app.id} could not be started: ${error instanceof Error ? error.message : String(error)}`,
        );
      return;
    }
    record.running = running;
    if (isAutomaticRestart) record.restarts += 1;
    record.startedAt = Date.now();
    this.setState(record, 'starting');
    running.on('error', (error) => log.error(`${record.app.id}: ${error.message}`));
    running.once('exit', (code, signal) => this.onExit(record, running, code, signal));

    const started = { id: record.app.id, child: running, healthUrl: record.app.healthUrl };
    record.ready = waitUntilHealthy([started], this.options.readyTimeoutMs).then(() => {
      if (record.running !== running || record.state !== 'starting') return;
      this.setState(record, 'running');
      if (isAutomaticRestart) log.info(`${record.app.id} is running again (pid ${running.pid}).`);
    });
    // Whoever asked for the start sees the error; an automatic restart logs it. Either way the
    // process keeps being watched: one that becomes healthy late is `running`, not `starting` forever.
    record.ready.catch((error: unknown) => {
      if (record.running !== running || !(error instanceof HealthTimeoutError)) return;
      log.error(
        `${record.app.id} was started but is still not healthy; it stays ${log.bold('starting')} until its health check passes. ${error.message}`,
      );
      void this.followUntilHealthy(record, running);
    });
  }

  /** After the ready timeout: checks the process's health every few seconds until it passes or the process is replaced. */
  private async followUntilHealthy(record: TAppRecord, running: ChildProcess): Promise<void> {
    const started = { id: record.app.id, child: running, healthUrl: record.app.healthUrl };
    while (record.running === running && record.state === 'starting') {
      try {
        await waitUntilHealthy([started], LATE_HEALTH_WATCH_MS);
      } catch (error) {
        if (error instanceof HealthTimeoutError) continue;
        return; // it exited: onExit decides what happens next
      }
      if (record.running !== running || record.state !== 'starting') return;
      this.setState(record, 'running');
      log.info(`${record.app.id} is healthy now (pid ${running.pid}).`);
      return;
    }
  }

  private onExit(
    record: TAppRecord,
    running: ChildProcess,
    code: number | null,
    signal: string | null,
  ): void {
    if (record.running !== running) return;
    const now = Date.now();
    record.running = undefined;
    record.lastExit = { code, signal, at: new Date(now).toISOString() };
    const id = record.app.id;

    if (record.state === 'stopping' || this.isShuttingDown) {
      this.setState(record, 'stopped');
      return;
    }
    if (this.isBooting) {
      // startAll rejects with "exited before it became healthy" and the runner says so.
      this.setState(record, 'failed');
      return;
    }

    if (now - record.startedAt >= this.policy.resetBackoffAfterMs) record.backoffStep = 0;
    record.crashTimes = [...record.crashTimes.filter((at) => now - at < this.policy.crashWindowMs), now];
    if (record.crashTimes.length >= this.policy.maxCrashes) {
      this.setState(record, 'failed');
      log.error(
        `${id} exited unexpectedly (${describeExit(code, signal)}), ${record.crashTimes.length} times within ` +
          `${Math.round(this.policy.crashWindowMs / 1000)} s: giving up on it (${log.bold('failed')}); ` +
          `the other apps keep running. Start it again with: ${log.bold(startCommandFor(id))}`,
      );
      return;
    }
    const delayMs = backoffDelayMs(record.backoffStep, this.policy);
    record.backoffStep += 1;
    this.setState(record, 'restarting');
    log.error(
      `${id} exited unexpectedly (${describeExit(code, signal)}); restarting it in ${delayMs / 1000} s.`,
    );
    record.restartTimer = setTimeout(() => {
      record.restartTimer = undefined;
      this.launch(record, true);
    }, delayMs);
  }
}
