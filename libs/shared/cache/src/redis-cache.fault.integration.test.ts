import { createRedisClient, type TRedisClient } from '@lumenforge/redis/server';
import { startRedisServer, waitForReady, type TRedisServerProcess } from '@lumenforge/redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOrSet } from './get-or-set';
import { createRedisCache } from './redis-cache';

// Our own redis-server (never the shared one): stopped and restarted to simulate an outage.
describe('createRedisCache during a Redis outage', () => {
  let server: TRedisServerProcess;
  let client: TRedisClient;
  const warnings: string[] = [];
  beforeAll(async () => {
    server = await startRedisServer();
    client = createRedisClient(
      { REDIS_URL: server.url },
      {
        connectionName: 'cache:fault',
        maxReconnectDelayMs: 200,
        logger: { warn: (line) => warnings.push(line), info: () => undefined },
      },
    );
    await waitForReady(client);
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.dispose();
  });

  it('degrades to misses and no-op writes without throwing, counts errors, and recovers by itself', async () => {
    const cache = createRedisCache(client, { keyPrefix: 'fault:' });
    await cache.set('before', 'outage');
    expect(await cache.get('before')).toBe('outage');

    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));

    const startedAt = performance.now();
    expect(await cache.get('before')).toBeUndefined();
    await expect(cache.set('during', 'outage')).resolves.toBeUndefined();
    await expect(cache.delete('before')).resolves.toBeUndefined();
    await expect(cache.deleteByPrefix('')).resolves.toBe(0);
    expect(await getOrSet(cache, 'loaded', async () => 'from the database')).toBe('from the database');
    expect(performance.now() - startedAt).toBeLessThan(500); // fails fast: nothing waits for Redis
    const during = cache.stats();
    expect(during.errors).toBe(6); // get, set, delete, deleteByPrefix, getOrSet's get and set
    expect(during.misses).toBe(2);
    expect(warnings).toHaveLength(1); // the client logs the outage once, not per retry

    await server.start(); // empty: the server persists nothing
    await waitForReady(client, 5_000);

    await cache.set('after', { isBack: true }, { ttlMs: 60_000 });
    expect(await cache.get('after')).toEqual({ isBack: true });
    expect(await cache.get('during')).toBeUndefined();
    expect(cache.stats().errors).toBe(during.errors);
  });
});
