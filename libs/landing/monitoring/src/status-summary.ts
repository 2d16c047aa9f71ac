import type { TMetricLevel, TMetricUnit, TThreshold } from './thresholds';
import type { TUptimeStrip } from './uptime';

/** How often the sampler writes a sample of every target, and how long samples are kept. */
export const SAMPLE_INTERVAL_MS = 60_000;
export const SAMPLE_RETENTION_MS = 48 * 60 * 60_000;
/** How long GET /api/status answers from the cache (`realtime:{workspace_id}`). */
export const STATUS_CACHE_TTL_MS = 5_000;
/** How often the status page asks again. */
export const STATUS_POLL_MS = 15_000;

/**
 * `ok`/`degraded`/`down` as probed; `not-used`: Redis and NATS in single-node mode (events and
 * caches live in PostgreSQL and in-process); `not-configured`: the registry without REGISTRY_URL.
 */
export type TTargetState = 'ok' | 'degraded' | 'down' | 'not-used' | 'not-configured';

export type TMetricView = {
  key: string;
  label: string;
  unit: TMetricUnit;
  value: number | null;
  /** The value with its unit ("82 %", "1.2 GB"), or why there is none ("not configured"). */
  display: string;
  /** Null: no threshold, or nothing to judge yet ("not enough data"). */
  level: TMetricLevel | null;
  threshold: TThreshold | null;
  /** Why the level is missing, e.g. "not enough lookups yet (12 of 100)". */
  note: string | null;
};

export type TTargetStatus = {
  id: string;
  name: string;
  kind: 'app' | 'service';
  state: TTargetState;
  /** One line on what it is or why it is not probed. */
  detail: string;
  latencyMs: number | null;
  checkedAt: string | null;
  error: string | null;
  metrics: TMetricView[];
  uptime: TUptimeStrip;
};

export type TStatusAlert = {
  id: string;
  occurredAt: string;
  severity: 'warning' | 'critical';
  source: string;
  metric: string | null;
  value: number | null;
  threshold: number | null;
  message: string;
  /** The metric is back to ok (or the alert was not about a metric we sample). */
  isResolved: boolean;
};

/** The body of GET /api/status. */
export type TStatusSummary = {
  generatedAt: string;
  mode: 'single-node' | 'cluster';
  /** Worst state of the probed targets. */
  overall: 'ok' | 'degraded' | 'down';
  sampling: {
    intervalSeconds: number;
    retentionHours: number;
    /** The newest stored sample; null on a fresh install. */
    lastSampleAt: string | null;
    windowStart: string;
    bucketMinutes: number;
  };
  targets: TTargetStatus[];
  alerts: TStatusAlert[];
};
