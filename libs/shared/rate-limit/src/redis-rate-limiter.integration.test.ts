import {
  createTestRedisClient,
  deleteKeysWithPrefix,
  uniqueTestPrefix,
  waitForReady,
} from '@lumenforge/redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRateLimiterContract } from './rate-limiter.contract';
import { createRedisRateLimiter } from './redis-rate-limiter';

// The shared Redis at 127.0.0.1:6379: keys live under this run's prefix (or unique ips) and are removed.
const runPrefix = uniqueTestPrefix('rate-limit'); // ends with ':'
const client = createTestRedisClient('rate-limit:contract');

beforeAll(() => waitForReady(client));
afterAll(async () => {
  await deleteKeysWithPrefix(client, runPrefix); // whatever a failed or later test left behind
  client.disconnect();
});

describeRateLimiterContract('redis', {
  create: (options) => createRedisRateLimiter(client, { ...options, keyPrefix: `${runPrefix}ratelimit` }),
  cleanup: async () => {
    await deleteKeysWithPrefix(client, runPrefix);
  },
});

describe('createRedisRateLimiter key layout', () => {
  const ip = `203.0.113.${Date.now() % 250}-${process.pid}`;
  const endpoint = `lf-test-${Math.random().toString(36).slice(2)}`;
  afterAll(async () => {
    await client.unlink(`ratelimit:${ip}:${endpoint}`);
  });

  it('counts in exactly ratelimit:{ip}:{endpoint} with the window as TTL', async () => {
    const limiter = createRedisRateLimiter(client, { defaultPolicy: { points: 5, durationSeconds: 30 } });
    await limiter.consume({ ip, endpoint }, 2);
    expect(await client.get(`ratelimit:${ip}:${endpoint}`)).toBe('2');
    const ttl = await client.pttl(`ratelimit:${ip}:${endpoint}`);
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
    await limiter.reset({ ip, endpoint });
    expect(await client.exists(`ratelimit:${ip}:${endpoint}`)).toBe(0);
  });

  it('shares one window between limiter instances (processes)', async () => {
    const options = { defaultPolicy: { points: 3, durationSeconds: 30 }, keyPrefix: `${runPrefix}shared` };
    const a = createRedisRateLimiter(client, options);
    const b = createRedisRateLimiter(client, options);
    const key = { ip: '203.0.113.9', endpoint: 'shared' };
    await a.consume(key);
    await b.consume(key);
    await a.consume(key);
    expect((await b.consume(key)).isAllowed).toBe(false);
  });
});
