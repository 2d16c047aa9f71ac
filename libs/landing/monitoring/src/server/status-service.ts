import { cacheKeys, getOrSet, type TCache } from '@lumenforge/cache';
import { createRepositories, type TDbClient } from '@lumenforge/db/server';
import type { THealthSample } from '@lumenforge/db';
import { SYSTEMS, isSystemId } from '@lumenforge/config';
import { formatMetric } from '../format';
import {
  SAMPLE_INTERVAL_MS,
  SAMPLE_RETENTION_MS,
  STATUS_CACHE_TTL_MS,
  type TMetricView,
  type TStatusAlert,
  type TStatusSummary,
  type TTargetStatus,
} from '../status-summary';
import {
  DATA_SERVICE_NAMES,
  evaluateThreshold,
  metricsOf,
  MIN_REDIS_LOOKUPS,
  thresholdOf,
  type TDataService,
  type TThresholdOverrides,
} from '../thresholds';
import {
  buildUptimeStrip,
  UPTIME_BUCKET_MS,
  UPTIME_BUCKETS,
  UPTIME_WINDOW_MS,
  uptimeWindowStart,
} from '../uptime';
import { isDataService, probeAll, withMessageRate, type TMonitorTargets, type TProbeResult } from './probes';

const SERVICE_DETAIL: Record<TDataService, string> = {
  postgres: 'Primary database: every app, the outbox and (single-node) sessions and events',
  redis: 'Sessions, caches and rate limits (cluster mode)',
  nats: 'Event stream wissil.> and durable consumers (cluster mode)',
  registry: 'OCI images pushed by WAYPOINT',
};

/** Why a metric has no value or no level, in words the page can show. */
function metricNote(
  service: TDataService,
  key: string,
  metrics: Readonly<Record<string, number | null>>,
  targets: TMonitorTargets,
): string | null {
  const value = metrics[key];
  if (service === 'redis' && key === 'hitRatePercent') {
    const lookups = metrics['lookups'] ?? 0;
    if (lookups < MIN_REDIS_LOOKUPS) return `not enough lookups yet (${lookups} of ${MIN_REDIS_LOOKUPS})`;
  }
  if (value !== null && value !== undefined) return null;
  if (service === 'postgres' && key === 'replicationLagSeconds') return 'not configured (no replica)';
  if (service === 'postgres' && key === 'meanQueryTimeMs') return 'pg_stat_statements not installed';
  if (service === 'redis' && key === 'memoryPercent') return 'no maxmemory set';
  if (service === 'nats' && key === 'messageRate') return 'from the next sample';
  if (service === 'nats' && (key === 'connections' || key === 'subscriptions'))
    return targets.nats?.monitorUrl ? 'monitoring port not answering' : 'set NATS_MONITOR_URL';
  if (service === 'registry' && key === 'storagePercent') return 'set REGISTRY_STORAGE_DIR';
  return 'not measured';
}

function metricViews(
  service: TDataService,
  metrics: Readonly<Record<string, number | null>> | null,
  targets: TMonitorTargets,
  overrides: TThresholdOverrides,
): TMetricView[] {
  if (!metrics) return [];
  return metricsOf(service).map((definition) => {
    const value = metrics[definition.key] ?? null;
    const threshold = thresholdOf(definition, overrides) ?? null;
    const note = metricNote(service, definition.key, metrics, targets);
    return {
      key: definition.key,
      label: definition.label,
      unit: definition.unit,
      value,
      display: value === null ? (note ?? '—') : formatMetric(value, definition.unit),
      level: threshold ? evaluateThreshold(threshold, value, metrics) : null,
      threshold,
      note,
    };
  });
}

export type TStatusServiceOptions = {
  db: TDbClient;
  cache: TCache;
  mode: 'single-node' | 'cluster';
  targets: TMonitorTargets;
  thresholds?: TThresholdOverrides;
  now?: () => Date;
  /** Default 5 s. */
  cacheTtlMs?: number;
};

/**
 * The status page's data: every target probed now (state, latency, metrics judged against the
 * thresholds), each one's uptime strip over the last 24 h from the stored samples, and the newest
 * `wissil.system.alert` events.
 */
export async function buildStatusSummary(options: TStatusServiceOptions): Promise<TStatusSummary> {
  const now = (options.now ?? (() => new Date()))();
  const repos = createRepositories(options.db);
  const from = uptimeWindowStart(now);
  const [probed, latest, counts, alertEvents] = await Promise.all([
    probeAll(options.targets),
    repos.healthSamples.latestPerTarget(),
    repos.healthSamples.statusCounts({
      from,
      to: new Date(from.getTime() + UPTIME_WINDOW_MS),
      bucketMs: UPTIME_BUCKET_MS,
    }),
    repos.healthSamples.recentAlerts(10),
  ]);
  const latestByTarget = new Map<string, THealthSample>(latest.map((sample) => [sample.target, sample]));
  const strip = (target: string) =>
    buildUptimeStrip(
      counts.filter((count) => count.target === target),
      { from, bucketMs: UPTIME_BUCKET_MS, buckets: UPTIME_BUCKETS },
    );
  const byTarget = new Map<string, TProbeResult>(probed.map((result) => [result.target, result]));
  const overrides = options.thresholds ?? {};

  const targets: TTargetStatus[] = [];
  for (const app of options.targets.apps) {
    const result = byTarget.get(app.id);
    targets.push({
      id: app.id,
      name: isSystemId(app.id) ? SYSTEMS[app.id].name : app.id,
      kind: 'app',
      state: result?.status ?? 'down',
      detail: isSystemId(app.id) ? SYSTEMS[app.id].tagline : app.healthUrl,
      latencyMs: result?.latencyMs ?? null,
      checkedAt: result?.checkedAt.toISOString() ?? null,
      error: result?.error ?? null,
      metrics: [],
      uptime: strip(app.id),
    });
  }
  for (const service of ['postgres', 'redis', 'nats', 'registry'] as const) {
    const raw = byTarget.get(service);
    const base = {
      id: service,
      name: DATA_SERVICE_NAMES[service],
      kind: 'service' as const,
      uptime: strip(service),
    };
    if (!raw) {
      const isUnused = service === 'redis' || service === 'nats';
      targets.push({
        ...base,
        state: isUnused ? 'not-used' : 'not-configured',
        detail: isUnused
          ? service === 'redis'
            ? 'Not used in single-node mode: sessions and rate limits live in PostgreSQL, caches in-process'
            : 'Not used in single-node mode: events travel through the PostgreSQL outbox'
          : 'Not configured: set REGISTRY_URL to monitor the OCI registry',
        latencyMs: null,
        checkedAt: null,
        error: null,
        metrics: [],
      });
      continue;
    }
    const previous = latestByTarget.get(service);
    const result = withMessageRate(
      raw,
      previous ? { sampledAt: previous.sampledAt, metrics: previous.metrics } : null,
    );
    targets.push({
      ...base,
      state: result.status,
      detail: SERVICE_DETAIL[service],
      latencyMs: result.latencyMs,
      checkedAt: result.checkedAt.toISOString(),
      error: result.error,
      metrics:
        result.status === 'down' ? [] : metricViews(service, result.metrics, options.targets, overrides),
    });
  }

  const levelOf = (metric: string | undefined) => {
    if (!metric) return undefined;
    const [service, key] = metric.split('.');
    if (!service || !key || !isDataService(service)) return undefined;
    return targets.find((target) => target.id === service)?.metrics.find((view) => view.key === key)?.level;
  };
  const alerts: TStatusAlert[] = alertEvents.flatMap((event) => {
    if (event.subject !== 'wissil.system.alert') return [];
    const data = event.data;
    return [
      {
        id: event.id,
        occurredAt: event.occurredAt,
        severity: data.severity,
        source: data.source,
        metric: data.metric ?? null,
        value: data.value ?? null,
        threshold: data.threshold ?? null,
        message: data.message,
        isResolved: levelOf(data.metric) === 'ok',
      },
    ];
  });

  const probedStates = targets.map((target) => target.state);
  const lastSample = latest.reduce<Date | null>(
    (newest, sample) => (!newest || sample.sampledAt > newest ? sample.sampledAt : newest),
    null,
  );
  return {
    generatedAt: now.toISOString(),
    mode: options.mode,
    overall: probedStates.includes('down') ? 'down' : probedStates.includes('degraded') ? 'degraded' : 'ok',
    sampling: {
      intervalSeconds: SAMPLE_INTERVAL_MS / 1000,
      retentionHours: SAMPLE_RETENTION_MS / 3_600_000,
      lastSampleAt: lastSample?.toISOString() ?? null,
      windowStart: from.toISOString(),
      bucketMinutes: UPTIME_BUCKET_MS / 60_000,
    },
    targets,
    alerts,
  };
}

/**
 * `buildStatusSummary` through the cache under `realtime:{workspace_id}` for a few seconds (Redis in
 * cluster mode, in-process otherwise): a page full of pollers costs one round of probes per TTL.
 * Concurrent misses in one process share one build.
 */
export function cachedStatusSummary(
  options: TStatusServiceOptions,
  workspaceId: string,
): Promise<TStatusSummary> {
  return getOrSet(options.cache, cacheKeys.realtime(workspaceId), () => buildStatusSummary(options), {
    ttlMs: options.cacheTtlMs ?? STATUS_CACHE_TTL_MS,
  });
}
