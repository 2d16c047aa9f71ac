import type { TRedisClient } from '@lumenforge/redis/server';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterRes } from 'rate-limiter-flexible';

type TMemoryLimiterOptions = ConstructorParameters<typeof RateLimiterMemory>[0];
import { createFlexibleRateLimiter } from './flexible-limiter';
import type { TRateLimiter, TRateLimiterOptions } from './rate-limit.types';

/** The insurance limiter: counts each time it has to stand in for Redis. */
class InsuranceMemoryLimiter extends RateLimiterMemory {
  constructor(
    options: TMemoryLimiterOptions,
    private readonly onStandIn: () => void,
  ) {
    super(options);
  }

  override consume(
    key: string | number,
    points?: number,
    options?: Record<string, unknown>,
  ): Promise<RateLimiterRes> {
    this.onStandIn();
    return super.consume(key, points, options);
  }

  override delete(key: string | number, options?: Record<string, unknown>): Promise<boolean> {
    this.onStandIn();
    return super.delete(key, options);
  }
}

export type TRedisRateLimiterOptions = TRateLimiterOptions & {
  /** Called on every store error (after counting); the Redis client already logs outages once. */
  onError?: (error: unknown) => void;
};

/**
 * Cluster-mode limiter: one atomic Lua INCR+PEXPIRE per consume on `ratelimit:{ip}:{endpoint}`, shared
 * by every process.
 *
 * Fails OPEN when Redis is unavailable: this is a developer platform, and an unavailable cache server
 * must not take every API down with it (availability over strictness). It is not a free-for-all: an
 * in-process `RateLimiterMemory` (rate-limiter-flexible's `insuranceLimiter`) keeps applying the same
 * policy per process until Redis is back; each stand-in counts in `stats().errors`. Endpoints that must
 * stay strict (sign-in, MFA) use `createPostgresRateLimiter`, which fails closed.
 */
export function createRedisRateLimiter(
  client: TRedisClient,
  options: TRedisRateLimiterOptions,
): TRateLimiter {
  const counters = { errors: 0 };
  const onStandIn = () => {
    counters.errors++;
    options.onError?.(new Error('Redis unavailable: the in-process insurance limiter answered'));
  };
  return createFlexibleRateLimiter(
    options,
    (policy, keyPrefix) =>
      new RateLimiterRedis({
        storeClient: client,
        keyPrefix,
        points: policy.points,
        duration: policy.durationSeconds,
        // Go straight to the insurance limiter while the client is reconnecting instead of erroring per call.
        rejectIfRedisNotReady: true,
        insuranceLimiter: new InsuranceMemoryLimiter(
          { points: policy.points, duration: policy.durationSeconds, keyPrefix },
          onStandIn,
        ),
      }),
    // Reached only if the insurance limiter itself fails: still open.
    { mode: 'open', counters, ...(options.onError ? { onError: options.onError } : {}) },
  );
}
