// Entry `@lumenforge/rate-limit/server`: the memory, Redis and PostgreSQL limiters. Server code only.
export { createMemoryRateLimiter } from './memory-rate-limiter';
export { createRedisRateLimiter, type TRedisRateLimiterOptions } from './redis-rate-limiter';
export {
  createPostgresRateLimiter,
  DEFAULT_RATE_LIMIT_TABLE,
  type TPostgresRateLimiterOptions,
} from './postgres-rate-limiter';
export type { TStoreFailureMode } from './flexible-limiter';
