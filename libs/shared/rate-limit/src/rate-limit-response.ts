import type { TRateLimitResult } from './rate-limit.types';

/**
 * Sets `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (IETF httpapi draft, the
 * widely deployed three-header form) on `headers`, for allowed and blocked responses alike.
 */
export function applyRateLimitHeaders(headers: Headers, result: TRateLimitResult): Headers {
  headers.set('RateLimit-Limit', String(result.limit));
  headers.set('RateLimit-Remaining', String(Math.max(0, result.remaining)));
  headers.set('RateLimit-Reset', String(Math.max(0, result.resetAfterSeconds)));
  return headers;
}

/**
 * The 429 answer for a blocked request: JSON
 * `{ error: 'rate_limited', message: 'Too many requests: try again in N s' }` with `Retry-After`
 * and the `RateLimit-*` headers.
 */
export function rateLimitResponse(result: TRateLimitResult): Response {
  const retryAfter = Math.max(1, Math.ceil(result.retryAfterSeconds));
  const headers = applyRateLimitHeaders(new Headers({ 'Content-Type': 'application/json' }), result);
  headers.set('Retry-After', String(retryAfter));
  headers.set('Cache-Control', 'no-store');
  return new Response(
    JSON.stringify({ error: 'rate_limited', message: `Too many requests: try again in ${retryAfter} s` }),
    { status: 429, headers },
  );
}
