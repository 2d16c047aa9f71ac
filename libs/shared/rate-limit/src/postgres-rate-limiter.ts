import type pg from 'pg';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { createFlexibleRateLimiter, type TStoreFailureMode } from './flexible-limiter';
import type { TRateLimiter, TRateLimiterOptions } from './rate-limit.types';

export type TPostgresRateLimiterOptions = TRateLimiterOptions & {
  /** The table rate-limiter-flexible creates if missing (default `rate_limits`). */
  tableName?: string;
  /** Default 'closed': if PostgreSQL is down, refuse (auth endpoints must not become brute-forceable). */
  failureMode?: TStoreFailureMode;
  onError?: (error: unknown) => void;
};

export const DEFAULT_RATE_LIMIT_TABLE = 'rate_limits';

/**
 * Single-node and strict limiter on PostgreSQL (one atomic `INSERT … ON CONFLICT DO UPDATE … RETURNING`
 * per consume). Creates its table on first use (`CREATE TABLE IF NOT EXISTS rate_limits (key
 * varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`) and deletes rows
 * expired over an hour ago every 5 minutes. Async because the table must exist before the first consume.
 */
export async function createPostgresRateLimiter(
  pool: pg.Pool,
  options: TPostgresRateLimiterOptions,
): Promise<TRateLimiter> {
  const tableName = options.tableName ?? DEFAULT_RATE_LIMIT_TABLE;
  // Let the library create its own table once (its DDL stays in step with its queries).
  await new Promise<void>((resolve, reject) => {
    new RateLimiterPostgres(
      {
        storeClient: pool,
        storeType: 'pool',
        tableName,
        points: 1,
        duration: 1,
        clearExpiredByTimeout: false,
      },
      (error?: Error) => (error ? reject(error) : resolve()),
    );
  });
  return createFlexibleRateLimiter(
    options,
    (policy, keyPrefix) =>
      new RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        tableName,
        tableCreated: true,
        keyPrefix,
        points: policy.points,
        duration: policy.durationSeconds,
      }),
    {
      mode: options.failureMode ?? 'closed',
      counters: { errors: 0 },
      ...(options.onError ? { onError: options.onError } : {}),
    },
  );
}
