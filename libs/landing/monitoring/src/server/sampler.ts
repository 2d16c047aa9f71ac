import type { TDbClient, TDbTransaction } from '@lumenforge/db/server';
import { createRepositories, sampleMinute } from '@lumenforge/db/server';
import type { THealthSample } from '@lumenforge/db';
import type { TEventBus } from '@lumenforge/event-bus';
import { createEvent, SYSTEM_ALERT } from '@lumenforge/events';
import { boundOf, detectCrossings, type TCrossing } from '../crossings';
import { formatMetric } from '../format';
import { SAMPLE_INTERVAL_MS, SAMPLE_RETENTION_MS } from '../status-summary';
import {
  DATA_SERVICE_NAMES,
  evaluateService,
  METRICS,
  type TDataService,
  type TThresholdOverrides,
} from '../thresholds';
import { isDataService, probeAll, withMessageRate, type TMonitorTargets, type TProbeResult } from './probes';

type TSamplerLogger = { info: (message: string) => void; error: (message: string) => void };

export type THealthSamplerOptions = {
  db: TDbClient;
  bus: TEventBus<TDbTransaction>;
  targets: TMonitorTargets;
  logger: TSamplerLogger;
  /** Raises the alerts (actor id); default `landing`. */
  service?: string;
  /** Default 60 s: one sample per target per minute. */
  intervalMs?: number;
  /** Samples older than this are deleted; default 48 h (the strip shows 24 h). */
  retentionMs?: number;
  /** Thresholds by `service.key` instead of the spec's (tests). */
  thresholds?: TThresholdOverrides;
  /** Default `() => new Date()` (tests move time). */
  now?: () => Date;
};

export type TSampleOutcome =
  | { kind: 'written'; samples: number; alerts: TCrossing[]; resolved: TCrossing[]; pruned: number }
  | { kind: 'skipped'; reason: 'in-flight' | 'minute-taken' | 'locked' };

export type THealthSampler = {
  /** One round now; skipped while a round runs, or when this minute was sampled (by any replica). */
  sampleOnce: () => Promise<TSampleOutcome>;
  /** First round after `firstDelayMs` (default 3 s), then every interval. Idempotent. */
  start: (options?: { firstDelayMs?: number }) => void;
  stop: () => void;
};

function alertMessage(service: TDataService, label: string, crossing: TCrossing, unit: string): string {
  const bound = boundOf(crossing);
  const comparison = crossing.threshold.direction === 'above' ? '>' : '<';
  const value = formatMetric(crossing.value, unit as Parameters<typeof formatMetric>[1]);
  const limit = formatMetric(bound, unit as Parameters<typeof formatMetric>[1]);
  const change = crossing.from === 'ok' ? '' : ` (was ${crossing.from})`;
  return `${DATA_SERVICE_NAMES[service]} ${label.toLowerCase()} is ${value}: ${crossing.to} ${comparison} ${limit}${change}`;
}

/**
 * LANDING's health sampler: every minute it probes the six apps and the data services, writes one
 * `health_samples` row per target, judges the data-service metrics against the alert thresholds
 * and raises `wissil.system.alert` (through the outbox, in the same transaction as the samples)
 * for every crossing into warning or critical. Levels are stored with each sample, so a restart,
 * or another replica sampling the next minute, never raises the same crossing twice. With several
 * LANDING replicas one writes per minute: the others find the minute taken (or the advisory lock
 * held) and skip. Old samples are pruned on every round.
 */
export function createHealthSampler(options: THealthSamplerOptions): THealthSampler {
  const now = options.now ?? (() => new Date());
  const intervalMs = options.intervalMs ?? SAMPLE_INTERVAL_MS;
  const retentionMs = options.retentionMs ?? SAMPLE_RETENTION_MS;
  const service = options.service ?? 'landing';
  let inFlight = false;
  let timer: NodeJS.Timeout | undefined;
  let firstTimer: NodeJS.Timeout | undefined;
  let isFailing = false;

  async function round(): Promise<TSampleOutcome> {
    const startedAt = now();
    const repos = createRepositories(options.db);
    if (await repos.healthSamples.hasMinute(startedAt)) return { kind: 'skipped', reason: 'minute-taken' };
    const probed = await probeAll(options.targets);
    const outcome = await options.db.$transaction(async (tx) => {
      const txRepos = createRepositories(tx);
      if (!(await txRepos.healthSamples.tryLockSampler()))
        return { kind: 'skipped', reason: 'locked' } as const;
      if (await txRepos.healthSamples.hasMinute(startedAt))
        return { kind: 'skipped', reason: 'minute-taken' } as const;
      const previous = new Map<string, THealthSample>(
        (await txRepos.healthSamples.latestPerTarget({ before: sampleMinute(startedAt) })).map((sample) => [
          sample.target,
          sample,
        ]),
      );
      const alerts: Array<{ service: TDataService; crossing: TCrossing }> = [];
      const resolved: TCrossing[] = [];
      const rows = probed.map((result: TProbeResult) => {
        const before = previous.get(result.target) ?? null;
        const measured = withMessageRate(result, before);
        let levels = before?.levels ?? {};
        if (isDataService(measured.target) && measured.metrics) {
          const judged = detectCrossings(
            levels,
            evaluateService(measured.target, measured.metrics, options.thresholds),
          );
          levels = judged.levels;
          for (const crossing of judged.crossings) {
            if (crossing.to === 'ok') resolved.push(crossing);
            else alerts.push({ service: measured.target, crossing });
          }
        }
        return {
          sampledAt: startedAt,
          target: measured.target,
          kind: measured.kind,
          status: measured.status,
          latencyMs: measured.latencyMs,
          error: measured.error,
          metrics: measured.metrics,
          levels,
        };
      });
      const written = await txRepos.healthSamples.insertMany(rows);
      for (const { service: target, crossing } of alerts) {
        const definition = METRICS.find((metric) => metric.service === target && metric.key === crossing.key);
        await options.bus.publish(
          createEvent(SYSTEM_ALERT, {
            data: {
              severity: crossing.to === 'critical' ? 'critical' : 'warning',
              source: target,
              metric: `${target}.${crossing.key}`,
              value: crossing.value,
              threshold: boundOf(crossing),
              message: alertMessage(
                target,
                definition?.label ?? crossing.key,
                crossing,
                definition?.unit ?? 'count',
              ),
            },
            actor: { type: 'system', id: service },
            correlationId: crypto.randomUUID(),
            workspaceId: null,
          }),
          { tx },
        );
      }
      return {
        kind: 'written',
        samples: written,
        alerts: alerts.map((alert) => alert.crossing),
        resolved,
        pruned: 0,
      } as const;
    });
    if (outcome.kind === 'skipped') return outcome;
    const pruned = await repos.healthSamples.prune(new Date(startedAt.getTime() - retentionMs));
    return { ...outcome, pruned };
  }

  const sampleOnce = async (): Promise<TSampleOutcome> => {
    if (inFlight) return { kind: 'skipped', reason: 'in-flight' };
    inFlight = true;
    try {
      return await round();
    } finally {
      inFlight = false;
    }
  };

  const tick = () => {
    void sampleOnce().then(
      (outcome) => {
        if (isFailing) options.logger.info('health samples are written again');
        isFailing = false;
        if (outcome.kind === 'written' && outcome.alerts.length > 0)
          options.logger.info(`health sampler raised ${outcome.alerts.length} alert(s)`);
      },
      (error: unknown) => {
        // Once per outage (PostgreSQL down: /api/health says so already).
        if (!isFailing) options.logger.error(`health sample not written: ${String(error)}`);
        isFailing = true;
      },
    );
  };

  return {
    sampleOnce,
    start: ({ firstDelayMs = 3_000 } = {}) => {
      if (timer || firstTimer) return;
      firstTimer = setTimeout(() => {
        tick();
        // Then on the minute boundaries (plus a second), so each round lands in its own slot.
        const untilNextSlot = intervalMs - (now().getTime() % intervalMs) + 1_000;
        firstTimer = setTimeout(() => {
          tick();
          timer = setInterval(tick, intervalMs);
          timer.unref();
        }, untilNextSlot);
        firstTimer.unref();
      }, firstDelayMs);
      firstTimer.unref();
    },
    stop: () => {
      clearTimeout(firstTimer);
      clearInterval(timer);
      firstTimer = undefined;
      timer = undefined;
    },
  };
}
