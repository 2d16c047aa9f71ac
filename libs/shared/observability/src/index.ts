// Entry `@lumenforge/observability`: types only (no I/O), for code that takes a logger or a metrics source.
export type {
  TCacheStatsSource,
  TConsumedOutcome,
  TConsumerLagSource,
  TLogFields,
  TLogger,
  TLogMethod,
  TMetricsAccess,
  TPoolStatsSource,
} from './observability.types';
export type { TLogLevel } from './env';
