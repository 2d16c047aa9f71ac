// The spec's "Alert Thresholds" table as data, and how one measured value is judged against it.
// Client-safe: the status page renders the same table.

export type TMetricLevel = 'ok' | 'warning' | 'critical';

/** The data services the status page shows besides the six apps. */
export const DATA_SERVICES = ['postgres', 'redis', 'nats', 'registry'] as const;
export type TDataService = (typeof DATA_SERVICES)[number];

export const DATA_SERVICE_NAMES: Record<TDataService, string> = {
  postgres: 'PostgreSQL',
  redis: 'Redis',
  nats: 'NATS JetStream',
  registry: 'Registry',
};

export type TMetricUnit = 'count' | 'ms' | 'percent' | 'bytes' | 'seconds' | 'per-second';

/** One alert threshold: `above` (warning when value > warning) or `below` (value < warning). */
export type TThreshold = {
  direction: 'above' | 'below';
  warning: number;
  critical: number;
  /**
   * For ratios: the metric that says how much the value is based on (e.g. Redis lookups) and the
   * least amount that makes it meaningful. Below it the metric is "not enough data" (no level).
   */
  minimum?: { metric: string; atLeast: number };
};

/** A metric the status page shows for a data service; `threshold` when the spec sets one. */
export type TMetricDefinition = {
  service: TDataService;
  /** Key in the sample's `metrics` (unique per service). */
  key: string;
  label: string;
  unit: TMetricUnit;
  threshold?: TThreshold;
};

/** Redis hit rate is judged only after this many lookups (keyspace hits + misses). */
export const MIN_REDIS_LOOKUPS = 100;

/**
 * Every data-service metric (spec: "Monitoring Dashboard"), in display order, with the
 * thresholds of "Alert Thresholds": PostgreSQL connections > 80 / > 95 and query time > 1 s /
 * > 5 s; Redis memory > 80 % / > 95 % and hit rate < 90 % / < 80 %; NATS queue depth (consumer
 * pending) > 1000 / > 5000; registry storage > 80 % / > 95 %.
 */
export const METRICS: readonly TMetricDefinition[] = [
  {
    service: 'postgres',
    key: 'connections',
    label: 'Connections',
    unit: 'count',
    threshold: { direction: 'above', warning: 80, critical: 95 },
  },
  { service: 'postgres', key: 'maxConnections', label: 'Max connections', unit: 'count' },
  {
    service: 'postgres',
    key: 'queryTimeMs',
    label: 'Query time (probe)',
    unit: 'ms',
    threshold: { direction: 'above', warning: 1_000, critical: 5_000 },
  },
  {
    service: 'postgres',
    key: 'meanQueryTimeMs',
    label: 'Mean query time (pg_stat_statements)',
    unit: 'ms',
    threshold: { direction: 'above', warning: 1_000, critical: 5_000 },
  },
  { service: 'postgres', key: 'databaseSizeBytes', label: 'Database size', unit: 'bytes' },
  { service: 'postgres', key: 'replicationLagSeconds', label: 'Replication lag', unit: 'seconds' },
  {
    service: 'redis',
    key: 'memoryPercent',
    label: 'Memory used (of maxmemory)',
    unit: 'percent',
    threshold: { direction: 'above', warning: 80, critical: 95 },
  },
  { service: 'redis', key: 'memoryUsedBytes', label: 'Memory used', unit: 'bytes' },
  {
    service: 'redis',
    key: 'hitRatePercent',
    label: 'Hit rate',
    unit: 'percent',
    threshold: {
      direction: 'below',
      warning: 90,
      critical: 80,
      minimum: { metric: 'lookups', atLeast: MIN_REDIS_LOOKUPS },
    },
  },
  { service: 'redis', key: 'keys', label: 'Keys', unit: 'count' },
  { service: 'redis', key: 'connectedClients', label: 'Connections', unit: 'count' },
  { service: 'nats', key: 'messageRate', label: 'Message rate', unit: 'per-second' },
  { service: 'nats', key: 'connections', label: 'Connections', unit: 'count' },
  { service: 'nats', key: 'subscriptions', label: 'Subscriptions', unit: 'count' },
  {
    service: 'nats',
    key: 'consumerPending',
    label: 'Queue depth (consumer pending)',
    unit: 'count',
    threshold: { direction: 'above', warning: 1_000, critical: 5_000 },
  },
  {
    service: 'registry',
    key: 'storagePercent',
    label: 'Storage used',
    unit: 'percent',
    threshold: { direction: 'above', warning: 80, critical: 95 },
  },
  { service: 'registry', key: 'imageCount', label: 'Images', unit: 'count' },
];

/** The definitions of one service's metrics. */
export function metricsOf(service: TDataService): TMetricDefinition[] {
  return METRICS.filter((metric) => metric.service === service);
}

/** Threshold overrides by `service.key` (tests inject low thresholds). */
export type TThresholdOverrides = Partial<Record<string, TThreshold>>;

export function thresholdOf(
  definition: TMetricDefinition,
  overrides: TThresholdOverrides = {},
): TThreshold | undefined {
  return overrides[`${definition.service}.${definition.key}`] ?? definition.threshold;
}

/**
 * The level of `value` against `threshold`: strictly beyond the critical bound is critical,
 * strictly beyond the warning bound warning, else ok (so exactly 80 connections is ok, 81 is a
 * warning). `null` when there is nothing to judge: no value, or (`minimum`) too little data.
 */
export function evaluateThreshold(
  threshold: TThreshold,
  value: number | null | undefined,
  metrics: Readonly<Record<string, number | null>> = {},
): TMetricLevel | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  if (threshold.minimum) {
    const basis = metrics[threshold.minimum.metric];
    if (basis === null || basis === undefined || basis < threshold.minimum.atLeast) return null;
  }
  const beyond = (bound: number) => (threshold.direction === 'above' ? value > bound : value < bound);
  if (beyond(threshold.critical)) return 'critical';
  if (beyond(threshold.warning)) return 'warning';
  return 'ok';
}

/** One metric's judgement in a sample: its value, its level (null: not judged) and the bounds. */
export type TMetricEvaluation = {
  key: string;
  value: number | null;
  level: TMetricLevel | null;
  threshold: TThreshold;
};

/** Judges every thresholded metric of a service's sample. */
export function evaluateService(
  service: TDataService,
  metrics: Readonly<Record<string, number | null>>,
  overrides: TThresholdOverrides = {},
): TMetricEvaluation[] {
  return metricsOf(service).flatMap((definition) => {
    const threshold = thresholdOf(definition, overrides);
    if (!threshold) return [];
    const value = metrics[definition.key] ?? null;
    return [{ key: definition.key, value, level: evaluateThreshold(threshold, value, metrics), threshold }];
  });
}
