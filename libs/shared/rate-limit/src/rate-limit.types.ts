/** Who is asking for what: the Redis key is `ratelimit:{ip}:{endpoint}`. */
export type TRateLimitKey = { ip: string; endpoint: string };

/** `points` requests (cost units) per `durationSeconds` window, counted from the first request. */
export type TRateLimitPolicy = { points: number; durationSeconds: number };

export type TRateLimiterOptions = {
  /** Applies to every endpoint without its own entry in `endpoints`. */
  defaultPolicy: TRateLimitPolicy;
  /** Per-endpoint policies, keyed by the `endpoint` you pass to `consume`, e.g. `'auth.login': { points: 5, durationSeconds: 60 }`. */
  endpoints?: Readonly<Record<string, TRateLimitPolicy>>;
  /** Key prefix (default `'ratelimit'`, giving `ratelimit:{ip}:{endpoint}`); tests use a unique one. */
  keyPrefix?: string;
};

export type TRateLimitResult = {
  isAllowed: boolean;
  /** Cost units left in the current window (0 when blocked). */
  remaining: number;
  /** Seconds to wait before retrying: 0 when allowed, at least 1 when blocked. */
  retryAfterSeconds: number;
  /** The policy's `points`. */
  limit: number;
  /** Seconds until the current window ends and `remaining` is back to `limit` (for `RateLimit-Reset`). */
  resetAfterSeconds: number;
};

export type TRateLimiterStats = {
  /** Store failures (Redis/PostgreSQL unavailable) since creation; each one was answered by the fallback. */
  errors: number;
};

export type TRateLimiter = {
  /** Takes `cost` units (default 1) from `key`'s window. Never throws for a store outage (see the implementation's failure mode). */
  consume(key: TRateLimitKey, cost?: number): Promise<TRateLimitResult>;
  /** Forgets `key`'s window (e.g. after a successful sign-in). */
  reset(key: TRateLimitKey): Promise<void>;
  stats(): TRateLimiterStats;
};

export const DEFAULT_RATE_LIMIT_KEY_PREFIX = 'ratelimit';

/** The policy for `endpoint`: its own entry, else the default. Validates it. */
export function resolvePolicy(options: TRateLimiterOptions, endpoint: string): TRateLimitPolicy {
  const policy = Object.hasOwn(options.endpoints ?? {}, endpoint)
    ? (options.endpoints?.[endpoint] ?? options.defaultPolicy)
    : options.defaultPolicy;
  assertValidPolicy(policy, endpoint);
  return policy;
}

export function assertValidPolicy(policy: TRateLimitPolicy, label = 'default'): void {
  if (!Number.isInteger(policy.points) || policy.points < 1) {
    throw new RangeError(`rate-limit: points of "${label}" must be a positive integer, got ${policy.points}`);
  }
  // Redis windows are whole seconds (EX), so fractional durations are refused rather than rounded.
  if (!Number.isInteger(policy.durationSeconds) || policy.durationSeconds < 1) {
    throw new RangeError(
      `rate-limit: durationSeconds of "${label}" must be a positive integer, got ${policy.durationSeconds}`,
    );
  }
}

/** `{ip}:{endpoint}`: the key inside the prefix. */
export function rateLimitKey(key: TRateLimitKey): string {
  return `${key.ip}:${key.endpoint}`;
}
