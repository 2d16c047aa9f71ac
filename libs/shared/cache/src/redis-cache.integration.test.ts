import {
  createTestRedisClient,
  deleteKeysWithPrefix,
  uniqueTestPrefix,
  waitForReady,
} from '@lumenforge/redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCacheContract } from './cache.contract';
import { createRedisCache } from './redis-cache';

// The shared Redis at 127.0.0.1:6379: every key lives under this run's prefix and is removed afterwards.
const runPrefix = uniqueTestPrefix('cache');
const client = createTestRedisClient('cache:contract');
let cacheNumber = 0;

beforeAll(() => waitForReady(client));
afterAll(async () => {
  await deleteKeysWithPrefix(client, runPrefix); // whatever a failed or later test left behind
  client.disconnect();
});

describeCacheContract('redis', {
  create: () => createRedisCache(client, { keyPrefix: `${runPrefix}${cacheNumber++}:` }),
  cleanup: async () => {
    await deleteKeysWithPrefix(client, runPrefix);
  },
});

describe('createRedisCache on the shared Redis', () => {
  const prefix = `${runPrefix}extra:`;
  afterAll(async () => {
    await deleteKeysWithPrefix(client, prefix);
  });

  it('writes the spec key under keyPrefix, as JSON, with a TTL', async () => {
    const cache = createRedisCache(client, { keyPrefix: prefix });
    await cache.set('cache:build:p1', { status: 'ok' }, { ttlMs: 30_000 });
    expect(await client.get(`${prefix}cache:build:p1`)).toBe('{"status":"ok"}');
    const ttl = await client.pttl(`${prefix}cache:build:p1`);
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
  });

  it('deletes thousands of keys by prefix in batches (SCAN + UNLINK)', async () => {
    const cache = createRedisCache(client, { keyPrefix: prefix, scanBatchSize: 200 });
    const pipeline = client.pipeline();
    for (let i = 0; i < 3_000; i++) pipeline.set(`${prefix}components:${i}`, '1', 'PX', 60_000);
    await pipeline.exec();
    await cache.set('realtime:w1', 'keep');
    expect(await cache.deleteByPrefix('components:')).toBe(3_000);
    expect(await cache.get('realtime:w1')).toBe('keep');
  });

  it('treats a value not written as JSON as a counted miss', async () => {
    const cache = createRedisCache(client, { keyPrefix: prefix });
    await client.set(`${prefix}corrupt`, '{not json', 'PX', 60_000);
    expect(await cache.get('corrupt')).toBeUndefined();
    expect(cache.stats()).toEqual({ hits: 0, misses: 1, errors: 1 });
  });
});
