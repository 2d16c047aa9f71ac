import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import {
  DEFAULT_RATE_LIMIT_KEY_PREFIX,
  assertValidPolicy,
  rateLimitKey,
  resolvePolicy,
  type TRateLimitKey,
  type TRateLimitPolicy,
  type TRateLimitResult,
  type TRateLimiter,
  type TRateLimiterOptions,
} from './rate-limit.types';

/** What to answer when the store itself fails and no fallback did: let the request through, or refuse it. */
export type TStoreFailureMode = 'open' | 'closed';

type TBuildLimiter = (policy: TRateLimitPolicy, keyPrefix: string) => RateLimiterAbstract;

function toResult(res: RateLimiterRes, policy: TRateLimitPolicy, isAllowed: boolean): TRateLimitResult {
  const msBeforeNext = Math.max(0, res.msBeforeNext);
  const resetAfterSeconds = Math.ceil(msBeforeNext / 1_000);
  return {
    isAllowed,
    remaining: isAllowed ? Math.max(0, res.remainingPoints) : 0,
    retryAfterSeconds: isAllowed ? 0 : Math.max(1, resetAfterSeconds),
    limit: policy.points,
    resetAfterSeconds,
  };
}

/**
 * Adapts rate-limiter-flexible to `TRateLimiter`: one limiter per distinct endpoint policy, keys
 * `{prefix}:{ip}:{endpoint}`. Store errors that reach here (after any insurance limiter) are counted
 * and answered per `failureMode`.
 */
export function createFlexibleRateLimiter(
  options: TRateLimiterOptions,
  build: TBuildLimiter,
  failure: { mode: TStoreFailureMode; counters: { errors: number }; onError?: (error: unknown) => void },
): TRateLimiter {
  assertValidPolicy(options.defaultPolicy);
  for (const [endpoint, policy] of Object.entries(options.endpoints ?? {}))
    assertValidPolicy(policy, endpoint);
  const keyPrefix = options.keyPrefix ?? DEFAULT_RATE_LIMIT_KEY_PREFIX;
  const limiters = new Map<TRateLimitPolicy, RateLimiterAbstract>();
  const limiterFor = (policy: TRateLimitPolicy) => {
    let limiter = limiters.get(policy);
    if (!limiter) {
      limiter = build(policy, keyPrefix);
      limiters.set(policy, limiter);
    }
    return limiter;
  };

  return {
    async consume(key: TRateLimitKey, cost = 1) {
      if (!Number.isInteger(cost) || cost < 1)
        throw new RangeError(`rate-limit: cost must be a positive integer, got ${cost}`);
      const policy = resolvePolicy(options, key.endpoint);
      try {
        const res = await limiterFor(policy).consume(rateLimitKey(key), cost);
        return toResult(res, policy, true);
      } catch (error) {
        if (error instanceof RateLimiterRes) return toResult(error, policy, false);
        failure.counters.errors++;
        failure.onError?.(error);
        const isOpen = failure.mode === 'open';
        return {
          isAllowed: isOpen,
          remaining: isOpen ? Math.max(0, policy.points - cost) : 0,
          retryAfterSeconds: isOpen ? 0 : 1,
          limit: policy.points,
          resetAfterSeconds: isOpen ? policy.durationSeconds : 1,
        };
      }
    },

    async reset(key) {
      const policy = resolvePolicy(options, key.endpoint);
      try {
        await limiterFor(policy).delete(rateLimitKey(key));
      } catch (error) {
        failure.counters.errors++;
        failure.onError?.(error);
      }
    },

    stats: () => ({ errors: failure.counters.errors }),
  };
}
