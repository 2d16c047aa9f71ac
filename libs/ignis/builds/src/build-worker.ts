import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { TDbClient } from '@lumenforge/db/server';
import type { TLimits } from '@lumenforge/ignis-sandbox';
import type { BuildRepository } from './build.repository';
import type { TPipelineStageName } from './build.schema';
import type { IBuildQueue } from './build-queue';
import { runPipeline } from './pipeline';
import type { TArtifactRegistry } from './registry';

export type TBuildWorkerOptions = {
  repo: BuildRepository;
  queue: IBuildQueue;
  db: TDbClient;
  /** LUMENFORGE_HOME. */
  home: string;
  workerId?: string;
  /** How long a claim holds without a heartbeat (a dead worker's build is taken over after this). */
  leaseMs?: number;
  /** Pause between empty polls. */
  idleMs?: number;
  limits?: Partial<Record<TPipelineStageName, Partial<TLimits>>>;
  /** Cluster mode: where artifacts are pushed (see registry.ts). */
  registry?: TArtifactRegistry | null;
  onError?: (error: unknown) => void;
};

/**
 * Takes builds off the queue one at a time and runs them. While a build runs it renews the lease
 * (and the JetStream ack wait), watches for a cancel request, and streams the log to PostgreSQL in
 * small batches.
 */
export class BuildWorker {
  readonly workerId: string;
  private readonly leaseMs: number;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly options: TBuildWorkerOptions) {
    this.workerId = options.workerId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.leaseMs = options.leaseMs ?? 30_000;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops after the current build (if any). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  /** A new build was queued: poll now instead of after the idle pause. */
  nudge(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let worked = false;
      try {
        worked = await this.runOnce();
      } catch (error) {
        this.options.onError?.(error);
      }
      if (!worked && !this.stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.idleMs ?? 1_000);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    }
  }

  /** Claims and runs one build; false when the queue was empty. */
  async runOnce(): Promise<boolean> {
    const { repo, queue } = this.options;
    const claim = await queue.claim(this.workerId, this.leaseMs);
    if (!claim) return false;
    const { row } = claim;
    const abort = new AbortController();
    let leaseLost = false;

    const pending: Array<{ stage: string; stream: 'stdout' | 'stderr' | 'system'; line: string }> = [];
    let flushing: Promise<void> = Promise.resolve();
    const flush = () => {
      if (pending.length === 0) return flushing;
      const batch = pending.splice(0, pending.length);
      flushing = flushing
        .then(() => repo.appendLog(row.id, batch))
        .catch((error: unknown) => this.options.onError?.(error));
      return flushing;
    };
    const logTimer = setInterval(() => void flush(), 250);

    const beat = async () => {
      const state = await repo.heartbeat(row.id, this.workerId, this.leaseMs);
      if (!state.held) {
        leaseLost = true;
        abort.abort();
      } else if (state.cancelRequested) {
        abort.abort();
      }
      await claim.extend();
    };
    const heartbeat = setInterval(
      () => void beat().catch((error: unknown) => this.options.onError?.(error)),
      Math.min(1_000, this.leaseMs / 3),
    );

    try {
      if (row.attempts > 1)
        pending.push({
          stage: 'install',
          stream: 'system',
          line: `attempt ${row.attempts}: the previous worker stopped renewing its lease; starting over`,
        });
      const outcome = await runPipeline(row, {
        home: this.options.home,
        db: this.options.db,
        limits: this.options.limits,
        registry: this.options.registry,
        signal: abort.signal,
        hooks: {
          onStages: (stages, inputDigest) => repo.updateStages(row.id, this.workerId, stages, inputDigest),
          log: (stage, stream, line) => {
            pending.push({ stage, stream, line: line.slice(0, 4_000) });
          },
          findReusable: async (inputDigest) => {
            const previous = await repo.findReusable(row.workspaceId, inputDigest, row.id);
            return previous?.artifactDigest && previous.metrics
              ? {
                  id: previous.id,
                  artifactDigest: previous.artifactDigest,
                  artifactRef: previous.artifactRef,
                  metrics: previous.metrics,
                }
              : null;
          },
        },
      });
      clearInterval(heartbeat);
      clearInterval(logTimer);
      await flush();
      if (leaseLost) {
        await claim.abandon();
        return true;
      }
      const finished = await repo.finish(row.id, this.workerId, outcome);
      if (finished) await claim.done();
      else await claim.abandon();
      return true;
    } finally {
      clearInterval(heartbeat);
      clearInterval(logTimer);
    }
  }
}
