import { parseEvent, type TEventEnvelope } from '@lumenforge/events';
import type { TDb } from './client';
import type { Prisma } from './generated/prisma/client';
import {
  type THealthSample,
  type THealthStatusCount,
  type TNewHealthSample,
  type TPostgresStats,
  ZHealthSampleSchema,
  ZNewHealthSampleSchema,
} from './health-sample.schema';

const SAMPLE_SELECT = {
  id: true,
  sampledAt: true,
  minute: true,
  target: true,
  kind: true,
  status: true,
  latencyMs: true,
  error: true,
  metrics: true,
  levels: true,
} as const;

type TSampleRow = {
  id: string;
  sampled_at: Date;
  minute: Date;
  target: string;
  kind: string;
  status: string;
  latency_ms: number | null;
  error: string | null;
  metrics: unknown;
  levels: unknown;
};

function fromRaw(row: TSampleRow): THealthSample {
  return ZHealthSampleSchema.parse({
    id: row.id,
    sampledAt: row.sampled_at,
    minute: row.minute,
    target: row.target,
    kind: row.kind,
    status: row.status,
    latencyMs: row.latency_ms,
    error: row.error,
    metrics: row.metrics,
    levels: row.levels,
  });
}

/** The sampling slot of a time: the start of its minute (UTC). */
export function sampleMinute(time: Date): Date {
  return new Date(Math.floor(time.getTime() / 60_000) * 60_000);
}

/**
 * LANDING's health history (`health_samples`): one row per target per minute, bounded by `prune`.
 * Reads take explicit time ranges and use the (target, sampled_at) and (minute) indexes.
 */
export class HealthSampleRepository {
  constructor(private readonly db: TDb) {}

  /**
   * Takes the sampler's lock for the rest of the transaction (call it on a `tx`): `false` when
   * another LANDING replica holds it, which is then writing this minute's samples.
   */
  async tryLockSampler(): Promise<boolean> {
    const rows = await this.db.$queryRaw<Array<{ locked: boolean }>>`
      SELECT pg_try_advisory_xact_lock(hashtext('lumenforge.landing.health-sampler')) AS locked`;
    return rows[0]?.locked === true;
  }

  /** Whether any sample was written for the minute that `time` falls in. */
  async hasMinute(time: Date): Promise<boolean> {
    const row = await this.db.healthSample.findFirst({
      where: { minute: sampleMinute(time) },
      select: { id: true },
    });
    return row !== null;
  }

  /**
   * Writes samples in their minute slots; a (target, minute) already written (by another replica)
   * is skipped. Returns how many rows were inserted.
   */
  async insertMany(samples: readonly TNewHealthSample[]): Promise<number> {
    if (samples.length === 0) return 0;
    const data = samples.map((sample) => {
      const parsed = ZNewHealthSampleSchema.parse(sample);
      return {
        ...parsed,
        minute: sampleMinute(parsed.sampledAt),
        metrics: (parsed.metrics ?? undefined) as Prisma.InputJsonObject | undefined,
        levels: parsed.levels as Prisma.InputJsonObject,
      };
    });
    const result = await this.db.healthSample.createMany({ data, skipDuplicates: true });
    return result.count;
  }

  /** The newest sample of each target (taken before `before` when given). */
  async latestPerTarget(options: { before?: Date } = {}): Promise<THealthSample[]> {
    const before = options.before ?? new Date('9999-12-31T00:00:00Z');
    const rows = await this.db.$queryRaw<TSampleRow[]>`
      SELECT DISTINCT ON (target) id, sampled_at, minute, target, kind, status, latency_ms, error, metrics, levels
      FROM health_samples
      WHERE sampled_at < ${before}::timestamptz
      ORDER BY target, sampled_at DESC`;
    return rows.map(fromRaw);
  }

  /** One target's samples in [from, to), oldest first. */
  async range(input: { target: string; from: Date; to: Date; limit?: number }): Promise<THealthSample[]> {
    const rows = await this.db.healthSample.findMany({
      where: { target: input.target, sampledAt: { gte: input.from, lt: input.to } },
      orderBy: { sampledAt: 'asc' },
      take: input.limit ?? 2_000,
      select: SAMPLE_SELECT,
    });
    return rows.map((row) => ZHealthSampleSchema.parse(row));
  }

  /**
   * Samples per status of every target in `bucketMs`-wide buckets over [from, to): bucket `n`
   * covers [from + n·bucketMs, from + (n+1)·bucketMs). Buckets without samples are absent.
   */
  async statusCounts(input: { from: Date; to: Date; bucketMs: number }): Promise<THealthStatusCount[]> {
    const rows = await this.db.$queryRaw<
      Array<{ target: string; bucket: number; ok: number; degraded: number; down: number }>
    >`
      SELECT target,
             floor(extract(epoch FROM (sampled_at - ${input.from}::timestamptz)) * 1000 / ${input.bucketMs}::float8)::int AS bucket,
             (count(*) FILTER (WHERE status = 'ok'))::int AS ok,
             (count(*) FILTER (WHERE status = 'degraded'))::int AS degraded,
             (count(*) FILTER (WHERE status = 'down'))::int AS down
      FROM health_samples
      WHERE sampled_at >= ${input.from}::timestamptz AND sampled_at < ${input.to}::timestamptz
      GROUP BY 1, 2
      ORDER BY 1, 2`;
    return rows.map((row) => ({
      target: row.target,
      bucket: Number(row.bucket),
      ok: Number(row.ok),
      degraded: Number(row.degraded),
      down: Number(row.down),
    }));
  }

  /** Deletes samples taken before `olderThan`; returns how many. */
  async prune(olderThan: Date): Promise<number> {
    const result = await this.db.healthSample.deleteMany({
      where: { minute: { lt: sampleMinute(olderThan) } },
    });
    return result.count;
  }

  /** The newest `wissil.system.alert` events of the outbox, newest first. */
  async recentAlerts(limit = 20): Promise<TEventEnvelope[]> {
    const rows = await this.db.outboxEvent.findMany({
      where: { subject: 'wissil.system.alert' },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      take: limit,
      select: { envelope: true },
    });
    return rows.flatMap((row) => {
      const parsed = parseEvent(row.envelope);
      return parsed.success ? [parsed.event] : [];
    });
  }
}

/**
 * PostgreSQL's metrics for the status page: connections (pg_stat_activity) against
 * max_connections, the database size, pg_stat_statements' mean time when installed, and the
 * streaming replicas' replay lag (none: `replicas` 0, lag null).
 */
export async function readPostgresStats(db: TDb): Promise<TPostgresStats> {
  const [basics] = await db.$queryRaw<
    Array<{ connections: number; max_connections: number; size_bytes: bigint; has_statements: boolean }>
  >`
    SELECT (SELECT count(*) FROM pg_stat_activity)::int AS connections,
           current_setting('max_connections')::int AS max_connections,
           pg_database_size(current_database())::bigint AS size_bytes,
           EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements') AS has_statements`;
  const [replication] = await db.$queryRaw<Array<{ replicas: number; lag_seconds: number | null }>>`
    SELECT count(*)::int AS replicas,
           max(extract(epoch FROM coalesce(replay_lag, interval '0')))::float8 AS lag_seconds
    FROM pg_stat_replication`;
  let meanQueryTimeMs: number | null = null;
  if (basics?.has_statements) {
    // The view is readable only once the library is preloaded; then its columns (13+) answer.
    const statements = await db.$queryRaw<Array<{ mean_ms: number | null }>>`
        SELECT (sum(total_exec_time) / nullif(sum(calls), 0))::float8 AS mean_ms FROM pg_stat_statements`.catch(
      () => [],
    );
    meanQueryTimeMs = statements[0]?.mean_ms ?? null;
  }
  const replicas = Number(replication?.replicas ?? 0);
  return {
    connections: Number(basics?.connections ?? 0),
    maxConnections: Number(basics?.max_connections ?? 0),
    databaseSizeBytes: Number(basics?.size_bytes ?? 0),
    meanQueryTimeMs,
    replicas,
    replicationLagSeconds: replicas > 0 ? Number(replication?.lag_seconds ?? 0) : null,
  };
}
