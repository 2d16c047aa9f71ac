import { LRUCache } from 'lru-cache';
import { DEFAULT_CACHE_TTL_MS, resolveTtlMs, serializeCacheValue, type TCache } from './cache.types';

export type TMemoryCacheOptions = {
  /** Most entries kept; the least recently used go first. */
  max: number;
  /** TTL when `set` gives none (default five minutes). */
  defaultTtlMs?: number;
};

/**
 * In-process LRU cache (single-node mode, and tests). Values are stored as JSON text, so reads return
 * copies and behave exactly like the Redis cache. Never fails, so `errors` stays 0.
 */
export function createMemoryCache(options: TMemoryCacheOptions): TCache {
  const defaultTtlMs = options.defaultTtlMs ?? DEFAULT_CACHE_TTL_MS;
  resolveTtlMs(undefined, defaultTtlMs);
  const entries = new LRUCache<string, string>({ max: options.max, ttl: defaultTtlMs });
  const counters = { hits: 0, misses: 0, errors: 0 };
  return {
    async get<T>(key: string) {
      const json = entries.get(key);
      if (json === undefined) {
        counters.misses++;
        return undefined;
      }
      counters.hits++;
      return JSON.parse(json) as T;
    },
    async set(key, value, setOptions = {}) {
      const ttl = resolveTtlMs(setOptions.ttlMs, defaultTtlMs);
      entries.set(key, serializeCacheValue(key, value), { ttl });
    },
    async delete(key) {
      entries.delete(key);
    },
    async deleteByPrefix(prefix) {
      let deleted = 0;
      for (const key of [...entries.keys()]) {
        if (key.startsWith(prefix) && entries.delete(key)) deleted++;
      }
      return deleted;
    },
    stats: () => ({ ...counters }),
  };
}
