import { createRedisClient, type TRedisClient } from '@lumenforge/redis/server';
import { startRedisServer, waitForReady, type TRedisServerProcess } from '@lumenforge/redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRateLimiter } from './redis-rate-limiter';

// Our own redis-server (never the shared one): stopped and restarted to simulate an outage.
describe('createRedisRateLimiter during a Redis outage', () => {
  let server: TRedisServerProcess;
  let client: TRedisClient;
  beforeAll(async () => {
    server = await startRedisServer();
    client = createRedisClient(
      { REDIS_URL: server.url },
      {
        connectionName: 'rate-limit:fault',
        maxReconnectDelayMs: 200,
        logger: { warn: () => undefined, info: () => undefined },
      },
    );
    await waitForReady(client);
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.dispose();
  });

  it('fails open through the per-process insurance limiter, counts errors, and goes back to Redis', async () => {
    const errors: unknown[] = [];
    const limiter = createRedisRateLimiter(client, {
      defaultPolicy: { points: 3, durationSeconds: 60 },
      onError: (error) => errors.push(error),
    });
    const key = { ip: '203.0.113.50', endpoint: 'tokens.write' };
    expect(await limiter.consume(key)).toMatchObject({ isAllowed: true, remaining: 2 });
    expect(limiter.stats().errors).toBe(0);

    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Redis's count (1) is out of reach: the insurance limiter starts its own window in this process.
    const startedAt = performance.now();
    const during = [];
    for (let i = 0; i < 4; i++) during.push(await limiter.consume(key));
    expect(performance.now() - startedAt).toBeLessThan(200); // no waiting on the dead server
    expect(during.map((result) => result.isAllowed)).toEqual([true, true, true, false]);
    expect(during[3]?.retryAfterSeconds).toBeGreaterThan(50);
    expect(limiter.stats().errors).toBe(4);
    expect(errors).toHaveLength(4);
    await expect(limiter.reset(key)).resolves.toBeUndefined();

    await server.start(); // empty: the old count is gone
    await waitForReady(client, 5_000);
    expect(await limiter.consume(key)).toMatchObject({ isAllowed: true, remaining: 2 });
    expect(await client.get('ratelimit:203.0.113.50:tokens.write')).toBe('1');
    expect(limiter.stats().errors).toBe(5); // the reset during the outage counted too
  });
});
