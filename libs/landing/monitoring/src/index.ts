// Entry `@lumenforge/landing-monitoring`: thresholds, crossings, uptime strips, parsers, formats and
// the GET /api/status shape. No I/O: safe for client components and unit tests.
export {
  DATA_SERVICES,
  DATA_SERVICE_NAMES,
  METRICS,
  MIN_REDIS_LOOKUPS,
  evaluateService,
  evaluateThreshold,
  metricsOf,
  thresholdOf,
  type TDataService,
  type TMetricDefinition,
  type TMetricEvaluation,
  type TMetricLevel,
  type TMetricUnit,
  type TThreshold,
  type TThresholdOverrides,
} from './thresholds';
export { boundOf, detectCrossings, type TCrossing } from './crossings';
export {
  UPTIME_BUCKETS,
  UPTIME_BUCKET_MS,
  UPTIME_WINDOW_MS,
  buildUptimeStrip,
  uptimeWindowStart,
  type TBucketCount,
  type TUptimeBucket,
  type TUptimeBucketStatus,
  type TUptimeStrip,
} from './uptime';
export { counterRate, parseNatsVarz, parseRedisInfo, redisMetricsFromInfo, type TNatsVarz } from './parse';
export { formatBytes, formatMetric, formatMs } from './format';
export {
  SAMPLE_INTERVAL_MS,
  SAMPLE_RETENTION_MS,
  STATUS_CACHE_TTL_MS,
  STATUS_POLL_MS,
  type TMetricView,
  type TStatusAlert,
  type TStatusSummary,
  type TTargetState,
  type TTargetStatus,
} from './status-summary';
