// Entry `@lumenforge/rate-limit`: types, policy helpers and the HTTP response helpers. No I/O: safe in
// proxy.ts and route handlers alike.
export {
  DEFAULT_RATE_LIMIT_KEY_PREFIX,
  resolvePolicy,
  assertValidPolicy,
  rateLimitKey,
  type TRateLimitKey,
  type TRateLimitPolicy,
  type TRateLimitResult,
  type TRateLimiter,
  type TRateLimiterOptions,
  type TRateLimiterStats,
} from './rate-limit.types';
export { rateLimitResponse, applyRateLimitHeaders } from './rate-limit-response';
