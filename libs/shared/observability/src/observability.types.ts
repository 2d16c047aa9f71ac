/** Structured fields of a log line (`correlationId`, `userId`, `err`, …). */
export type TLogFields = Record<string, unknown>;

/** `log.info('message')` or `log.info({ field }, 'message')`, as pino takes them. */
export type TLogMethod = {
  (message: string): void;
  (fields: TLogFields, message?: string): void;
};

/** What code logs through: pino's logger satisfies it, and so does `loggerFromCallbacks` (tests). */
export type TLogger = {
  fatal: TLogMethod;
  error: TLogMethod;
  warn: TLogMethod;
  info: TLogMethod;
  debug: TLogMethod;
  trace: TLogMethod;
  /** A logger whose every line also carries `bindings`, e.g. `{ correlationId, userId }`. */
  child: (bindings: TLogFields) => TLogger;
};

/** Read at scrape time: a cache's counters since it was created (`TCache.stats()`). */
export type TCacheStatsSource = () => { hits: number; misses: number; errors: number };

/** Read at scrape time: a connection pool's open, idle and waiting counts. */
export type TPoolStatsSource = () => { total: number; idle: number; waiting: number };

/** Asked at scrape time: how many events each durable consumer has still to handle. */
export type TConsumerLagSource = () => Promise<ReadonlyArray<{ consumer: string; lag: number }>>;

/**
 * A handler attempt's outcome: `ok` (handled), `retry` (failed, will run again), `parked` (failed
 * for the last time, dead-lettered), `duplicate` (already processed: a redelivery, skipped).
 */
export type TConsumedOutcome = 'ok' | 'retry' | 'parked' | 'duplicate';

/** The `/api/metrics` access decision. */
export type TMetricsAccess = { isAllowed: true } | { isAllowed: false; status: 401 | 403; reason: string };
