/** Options of `TCache.set`. */
export type TCacheSetOptions = {
  /** Time to live in milliseconds (positive). Defaults to the cache's `defaultTtlMs`. */
  ttlMs?: number;
};

/** Counters since the cache was created. `errors` counts store failures (Redis down, corrupt value). */
export type TCacheStats = { hits: number; misses: number; errors: number };

/**
 * A key/value cache of JSON values. Values go through `JSON.stringify`/`JSON.parse`, so what you read
 * back is a copy (dates become strings, `undefined` properties disappear). Store failures never reach
 * the caller: reads degrade to misses and writes to no-ops, counted in `stats().errors`.
 */
export type TCache = {
  /** The value, or `undefined` on a miss (including an expired entry or an unavailable store). */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores `value` (must be JSON-serialisable: `undefined` and functions are rejected with a TypeError). */
  set(key: string, value: unknown, options?: TCacheSetOptions): Promise<void>;
  /** Removes one key (a missing key is fine). */
  delete(key: string): Promise<void>;
  /** Removes every key starting with `prefix`, e.g. `cacheKeys.build('')`; returns how many were removed. */
  deleteByPrefix(prefix: string): Promise<number>;
  stats(): TCacheStats;
};

/** Default TTL when neither `set` nor the factory gives one: five minutes. */
export const DEFAULT_CACHE_TTL_MS = 5 * 60_000;

/** `JSON.stringify(value)`, rejecting values JSON cannot represent. */
export function serializeCacheValue(key: string, value: unknown): string {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new TypeError(`cache: the value for "${key}" is not JSON-serialisable`);
  return json;
}

/** Validates a TTL: a positive, finite number of milliseconds (rounded up to whole ms). */
export function resolveTtlMs(ttlMs: number | undefined, defaultTtlMs: number): number {
  const ttl = ttlMs ?? defaultTtlMs;
  if (!Number.isFinite(ttl) || ttl <= 0)
    throw new RangeError(`cache: ttlMs must be a positive number, got ${ttl}`);
  return Math.ceil(ttl);
}
