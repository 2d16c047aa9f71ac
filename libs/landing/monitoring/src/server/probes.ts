import { statfs } from 'node:fs/promises';
import { jetstreamManager } from '@nats-io/jetstream';
import { readPostgresStats, type TDbClient } from '@lumenforge/db/server';
import { EVENT_STREAM, type NatsConnection } from '@lumenforge/nats/server';
import type { TRedisClient } from '@lumenforge/redis/server';
import { counterRate, parseNatsVarz, redisMetricsFromInfo } from '../parse';
import type { TDataService } from '../thresholds';

export type TProbeStatus = 'ok' | 'degraded' | 'down';

/** One target's probe: reachability, round trip, and (data services) its metrics. */
export type TProbeResult = {
  target: string;
  kind: 'app' | 'service';
  status: TProbeStatus;
  latencyMs: number | null;
  error: string | null;
  metrics: Record<string, number | null> | null;
  checkedAt: Date;
};

/** What the monitor probes. `null` parts are not used in this mode or not configured. */
export type TMonitorTargets = {
  /** The six apps' GET /api/health URLs. */
  apps: readonly { id: string; healthUrl: string }[];
  db: TDbClient;
  /** Cluster mode: a Redis client of its own (INFO, DBSIZE). */
  redis: TRedisClient | null;
  /** Cluster mode: the NATS connection, and the monitoring port (8222) when NATS_MONITOR_URL is set. */
  nats: { connection: () => Promise<NatsConnection>; monitorUrl?: string; stream?: string } | null;
  /** REGISTRY_URL (and REGISTRY_STORAGE_DIR for the storage percentage). */
  registry: { url: string; storageDir?: string } | null;
  /** Per-probe timeout (default 3 s). */
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 3_000;

function message(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof Error && cause.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

async function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  work.catch(() => undefined);
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${what} did not answer within ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function timed(
  target: string,
  kind: 'app' | 'service',
  timeoutMs: number,
  run: () => Promise<{
    status: TProbeStatus;
    metrics: Record<string, number | null> | null;
    latencyMs?: number;
    error?: string | null;
  }>,
): Promise<TProbeResult> {
  const startedAt = performance.now();
  try {
    const outcome = await withTimeout(run(), timeoutMs, target);
    return {
      target,
      kind,
      status: outcome.status,
      latencyMs: Math.round(outcome.latencyMs ?? performance.now() - startedAt),
      error: outcome.error ?? null,
      metrics: outcome.metrics,
      checkedAt: new Date(),
    };
  } catch (error) {
    return {
      target,
      kind,
      status: 'down',
      latencyMs: Math.round(performance.now() - startedAt),
      error: message(error),
      metrics: kind === 'service' ? {} : null,
      checkedAt: new Date(),
    };
  }
}

/** An app's GET /api/health: its own status (`ok`, `degraded`, `down`) and the round trip. */
export function probeApp(app: { id: string; healthUrl: string }, timeoutMs = DEFAULT_TIMEOUT_MS) {
  return timed(app.id, 'app', timeoutMs, async () => {
    const response = await fetch(app.healthUrl, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      cache: 'no-store',
    });
    const body = (await response.json().catch(() => null)) as { status?: string } | null;
    const status: TProbeStatus =
      body?.status === 'ok' || body?.status === 'degraded' || body?.status === 'down' ? body.status : 'down';
    return {
      status: response.ok || status === 'down' ? status : 'down',
      metrics: null,
      error: status === 'down' ? `GET /api/health answered ${response.status}` : null,
    };
  });
}

/** PostgreSQL: a timed `SELECT 1` (query time), then connections, size, statements and replication. */
export function probePostgres(db: TDbClient, timeoutMs = DEFAULT_TIMEOUT_MS) {
  return timed('postgres', 'service', timeoutMs, async () => {
    const startedAt = performance.now();
    await db.$queryRaw`SELECT 1`;
    const queryTimeMs = Math.round((performance.now() - startedAt) * 100) / 100;
    const stats = await readPostgresStats(db);
    return {
      status: 'ok',
      latencyMs: queryTimeMs,
      metrics: {
        connections: stats.connections,
        maxConnections: stats.maxConnections,
        queryTimeMs,
        meanQueryTimeMs: stats.meanQueryTimeMs,
        databaseSizeBytes: stats.databaseSizeBytes,
        replicas: stats.replicas,
        replicationLagSeconds: stats.replicationLagSeconds,
      },
    };
  });
}

/** Resolves once the client is connected (a fresh process), or rejects after `timeoutMs`. */
function whenRedisReady(client: TRedisClient, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      reject(new Error(`Redis is not connected (${client.status})`));
    }, timeoutMs);
    client.once('ready', onReady);
  });
}

/** Redis: PING round trip, then INFO (memory, hit rate, clients) and DBSIZE. */
export function probeRedis(client: TRedisClient, timeoutMs = DEFAULT_TIMEOUT_MS) {
  return timed('redis', 'service', timeoutMs, async () => {
    await whenRedisReady(client, Math.max(100, timeoutMs - 500));
    const startedAt = performance.now();
    await client.ping();
    const latencyMs = performance.now() - startedAt;
    const [info, dbSize] = await Promise.all([client.info(), client.dbsize()]);
    return { status: 'ok', latencyMs, metrics: redisMetricsFromInfo(info, dbSize) };
  });
}

/**
 * NATS: the JetStream stream (its last sequence is the message counter when there is no
 * monitoring port) and the sum of its consumers' `num_pending` (queue depth); with
 * NATS_MONITOR_URL, `/varz` adds connections, subscriptions and `in_msgs`. The message rate is
 * derived later from the previous sample's counter (`withMessageRate`).
 */
export function probeNats(options: NonNullable<TMonitorTargets['nats']>, timeoutMs = DEFAULT_TIMEOUT_MS) {
  return timed('nats', 'service', timeoutMs, async () => {
    const nc = await options.connection();
    const startedAt = performance.now();
    await nc.flush();
    const latencyMs = performance.now() - startedAt;
    const jsm = await jetstreamManager(nc);
    const stream = await jsm.streams.info(options.stream ?? EVENT_STREAM);
    let consumerPending = 0;
    for await (const consumer of jsm.consumers.list(options.stream ?? EVENT_STREAM))
      consumerPending += consumer.num_pending;
    const varz = options.monitorUrl
      ? await fetch(new URL('/varz', options.monitorUrl), { signal: AbortSignal.timeout(timeoutMs) })
          .then(async (response) => parseNatsVarz(response.ok ? await response.json() : null))
          .catch(() => parseNatsVarz(null))
      : null;
    return {
      status: 'ok',
      latencyMs,
      metrics: {
        consumerPending,
        consumers: stream.state.consumer_count,
        streamMessages: stream.state.messages,
        streamLastSeq: stream.state.last_seq,
        inMsgsTotal: varz?.inMsgs ?? null,
        connections: varz?.connections ?? null,
        subscriptions: varz?.subscriptions ?? null,
        messageRate: null,
      },
    };
  });
}

/** The OCI registry's `/v2/` (200 or 401 is up), its catalog size, and its volume's usage. */
export function probeRegistry(
  options: NonNullable<TMonitorTargets['registry']>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
) {
  return timed('registry', 'service', timeoutMs, async () => {
    const base = options.url.replace(/\/+$/, '');
    const startedAt = performance.now();
    const response = await fetch(`${base}/v2/`, { signal: AbortSignal.timeout(timeoutMs) });
    const latencyMs = performance.now() - startedAt;
    if (response.status !== 200 && response.status !== 401)
      throw new Error(`/v2/ answered ${response.status}`);
    const catalog = await fetch(`${base}/v2/_catalog?n=10000`, { signal: AbortSignal.timeout(timeoutMs) })
      .then(async (answer) =>
        answer.ok
          ? (((await answer.json()) as { repositories?: unknown[] }).repositories?.length ?? null)
          : null,
      )
      .catch(() => null);
    const volume = options.storageDir ? await statfs(options.storageDir).catch(() => null) : null;
    const storagePercent =
      volume && volume.blocks > 0
        ? Math.round(((volume.blocks - volume.bavail) / volume.blocks) * 1000) / 10
        : null;
    return {
      status: 'ok',
      latencyMs,
      metrics: {
        imageCount: catalog,
        storagePercent,
        storageUsedBytes: volume ? (volume.blocks - volume.bfree) * volume.bsize : null,
      },
    };
  });
}

/** Every configured target, concurrently; each bounded by the timeout. */
export async function probeAll(targets: TMonitorTargets): Promise<TProbeResult[]> {
  const timeoutMs = targets.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return Promise.all([
    ...targets.apps.map((app) => probeApp(app, timeoutMs)),
    probePostgres(targets.db, timeoutMs),
    ...(targets.redis ? [probeRedis(targets.redis, timeoutMs)] : []),
    ...(targets.nats ? [probeNats(targets.nats, timeoutMs)] : []),
    ...(targets.registry ? [probeRegistry(targets.registry, timeoutMs)] : []),
  ]);
}

/**
 * Adds the NATS message rate from the previous sample: `in_msgs` per second when the monitoring
 * port is configured, else the stream's last-sequence growth per second.
 */
export function withMessageRate(
  result: TProbeResult,
  previous: { sampledAt: Date; metrics: Record<string, number | null> | null } | null,
): TProbeResult {
  if (result.target !== 'nats' || !result.metrics) return result;
  const hasVarz = result.metrics['inMsgsTotal'] !== null && result.metrics['inMsgsTotal'] !== undefined;
  const counter = hasVarz ? 'inMsgsTotal' : 'streamLastSeq';
  const messageRate = counterRate(
    previous?.metrics ? { value: previous.metrics[counter], at: previous.sampledAt } : null,
    { value: result.metrics[counter] ?? null, at: result.checkedAt },
  );
  return { ...result, metrics: { ...result.metrics, messageRate } };
}

export function isDataService(target: string): target is TDataService {
  return target === 'postgres' || target === 'redis' || target === 'nats' || target === 'registry';
}
