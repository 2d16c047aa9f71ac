import { z } from 'zod';

/** What a health sample is about: one of the six apps, or a data service. */
export const HEALTH_SAMPLE_KINDS = ['app', 'service'] as const;
export const ZHealthSampleKindSchema = z.enum(HEALTH_SAMPLE_KINDS);
export type THealthSampleKind = z.infer<typeof ZHealthSampleKindSchema>;

export const HEALTH_SAMPLE_STATUSES = ['ok', 'degraded', 'down'] as const;
export const ZHealthSampleStatusSchema = z.enum(HEALTH_SAMPLE_STATUSES);
export type THealthSampleStatus = z.infer<typeof ZHealthSampleStatusSchema>;

/** A metric's level against its alert thresholds. */
export const METRIC_LEVELS = ['ok', 'warning', 'critical'] as const;
export const ZMetricLevelSchema = z.enum(METRIC_LEVELS);
export type TMetricLevel = z.infer<typeof ZMetricLevelSchema>;

/** Measured values by metric name; `null` when it could not be measured this time. */
export const ZHealthSampleMetricsSchema = z.record(z.string(), z.number().nullable());
export type THealthSampleMetrics = z.infer<typeof ZHealthSampleMetricsSchema>;
export const ZHealthSampleLevelsSchema = z.record(z.string(), ZMetricLevelSchema);
export type THealthSampleLevels = z.infer<typeof ZHealthSampleLevelsSchema>;

export const ZHealthTargetSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9-]*$/);

export const ZHealthSampleSchema = z.object({
  id: z.uuid(),
  sampledAt: z.date(),
  minute: z.date(),
  target: ZHealthTargetSchema,
  kind: ZHealthSampleKindSchema,
  status: ZHealthSampleStatusSchema,
  latencyMs: z.number().int().nonnegative().nullable(),
  error: z.string().nullable(),
  metrics: ZHealthSampleMetricsSchema.nullable(),
  levels: ZHealthSampleLevelsSchema,
});
export type THealthSample = z.infer<typeof ZHealthSampleSchema>;

export const ZNewHealthSampleSchema = z.object({
  sampledAt: z.date(),
  target: ZHealthTargetSchema,
  kind: ZHealthSampleKindSchema,
  status: ZHealthSampleStatusSchema,
  latencyMs: z
    .number()
    .nonnegative()
    .nullable()
    .transform((value) => (value === null ? null : Math.round(value))),
  error: z
    .string()
    .nullish()
    .transform((value) => (value ? value.slice(0, 2000) : null)),
  metrics: ZHealthSampleMetricsSchema.nullish().transform((value) => value ?? null),
  levels: ZHealthSampleLevelsSchema.default({}),
});
export type TNewHealthSample = z.input<typeof ZNewHealthSampleSchema>;

/** How many samples of each status one target has in one time bucket. */
export type THealthStatusCount = {
  target: string;
  /** 0-based bucket index from the range's start. */
  bucket: number;
  ok: number;
  degraded: number;
  down: number;
};

/** PostgreSQL's own metrics (spec: Monitoring Dashboard), read by `readPostgresStats`. */
export type TPostgresStats = {
  /** Backends in pg_stat_activity (every database). */
  connections: number;
  maxConnections: number;
  /** Size of the current database. */
  databaseSizeBytes: number;
  /** Mean execution time over pg_stat_statements, when that extension is installed; else null. */
  meanQueryTimeMs: number | null;
  /** Streaming replicas attached to this server (pg_stat_replication). */
  replicas: number;
  /** Largest replay lag among them; null when there is none. */
  replicationLagSeconds: number | null;
};
