import type { TRedisClient } from '@lumenforge/redis/server';
import { DEFAULT_CACHE_TTL_MS, resolveTtlMs, serializeCacheValue, type TCache } from './cache.types';

export type TRedisCacheOptions = {
  /** Prepended to every key (default ''). Production keeps '' so keys match spec (`cache:build:…`); tests isolate with a unique prefix. */
  keyPrefix?: string;
  /** TTL when `set` gives none (default five minutes). Every key gets a TTL. */
  defaultTtlMs?: number;
  /** Keys per SCAN step and per UNLINK in `deleteByPrefix` (default 500). */
  scanBatchSize?: number;
};

function escapeGlob(value: string): string {
  return value.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}

/**
 * Redis-backed cache (cluster mode), shared by every process. A Redis outage degrades to misses and
 * no-op writes (counted in `stats().errors`, logged once per outage by the client) and never throws to
 * the caller; once the client reconnects, the cache works again by itself. Use a client from
 * `createRedisClient` (no offline queue), so calls during an outage fail at once instead of waiting.
 */
export function createRedisCache(client: TRedisClient, options: TRedisCacheOptions = {}): TCache {
  const keyPrefix = options.keyPrefix ?? '';
  const defaultTtlMs = options.defaultTtlMs ?? DEFAULT_CACHE_TTL_MS;
  const batchSize = options.scanBatchSize ?? 500;
  resolveTtlMs(undefined, defaultTtlMs);
  const counters = { hits: 0, misses: 0, errors: 0 };

  return {
    async get<T>(key: string) {
      let json: string | null;
      try {
        json = await client.get(keyPrefix + key);
      } catch {
        counters.errors++;
        counters.misses++;
        return undefined;
      }
      if (json === null) {
        counters.misses++;
        return undefined;
      }
      try {
        const value = JSON.parse(json) as T;
        counters.hits++;
        return value;
      } catch {
        // Not written by this lib (or truncated): a miss, not a crash.
        counters.errors++;
        counters.misses++;
        return undefined;
      }
    },

    async set(key, value, setOptions = {}) {
      const ttl = resolveTtlMs(setOptions.ttlMs, defaultTtlMs);
      const json = serializeCacheValue(key, value); // programming errors do reach the caller
      try {
        await client.set(keyPrefix + key, json, 'PX', ttl);
      } catch {
        counters.errors++;
      }
    },

    async delete(key) {
      try {
        await client.unlink(keyPrefix + key);
      } catch {
        counters.errors++;
      }
    },

    // SCAN + UNLINK in batches, never KEYS: KEYS blocks Redis for every client while it walks the keyspace.
    async deleteByPrefix(prefix) {
      const pattern = `${escapeGlob(keyPrefix + prefix)}*`;
      let cursor = '0';
      let deleted = 0;
      try {
        do {
          const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', batchSize);
          cursor = next;
          if (keys.length > 0) deleted += await client.unlink(...keys);
        } while (cursor !== '0');
      } catch {
        counters.errors++;
      }
      return deleted;
    },

    stats: () => ({ ...counters }),
  };
}
