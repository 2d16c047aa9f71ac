import { RateLimiterMemory } from 'rate-limiter-flexible';
import { createFlexibleRateLimiter } from './flexible-limiter';
import type { TRateLimiter, TRateLimiterOptions } from './rate-limit.types';

/** Per-process limits (tests and dev; in production each process would count on its own). */
export function createMemoryRateLimiter(options: TRateLimiterOptions): TRateLimiter {
  return createFlexibleRateLimiter(
    options,
    (policy, keyPrefix) =>
      new RateLimiterMemory({ points: policy.points, duration: policy.durationSeconds, keyPrefix }),
    { mode: 'open', counters: { errors: 0 } },
  );
}
