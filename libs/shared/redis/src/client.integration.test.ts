import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, pingRedis, type TRedisClient } from './client';
import { readTestRedisUrl } from './env';
import { startRedisServer, waitForReady, type TRedisServerProcess } from './testing';

describe('pingRedis against the shared Redis', () => {
  let client: TRedisClient;
  beforeAll(() => {
    client = createRedisClient({ REDIS_URL: readTestRedisUrl() }, { connectionName: 'redis-lib:test' });
  });
  afterAll(() => client.disconnect());

  it('reports the round trip', async () => {
    await waitForReady(client);
    const { latencyMs } = await pingRedis(client);
    expect(latencyMs).toBeGreaterThanOrEqual(0);
    expect(latencyMs).toBeLessThan(1_000);
  });

  it('sets the connection name', async () => {
    await waitForReady(client);
    expect(await client.client('GETNAME')).toBe('redis-lib:test');
  });
});

describe('outage behaviour (private redis-server)', () => {
  let server: TRedisServerProcess;
  let client: TRedisClient;
  const lines: string[] = [];
  beforeAll(async () => {
    server = await startRedisServer();
    client = createRedisClient(
      { REDIS_URL: server.url },
      {
        connectionName: 'redis-lib:fault',
        maxReconnectDelayMs: 200,
        logger: { warn: (line) => lines.push(`warn ${line}`), info: (line) => lines.push(`info ${line}`) },
      },
    );
    await waitForReady(client);
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.dispose();
  });

  it('fails commands fast while down, logs once per outage, and reconnects by itself', async () => {
    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // several reconnect attempts at 200 ms

    const startedAt = performance.now();
    await expect(pingRedis(client, { timeoutMs: 2_000 })).rejects.toThrow(/^Redis is unavailable/);
    expect(performance.now() - startedAt).toBeLessThan(100); // rejected at once, not queued
    await expect(client.get('anything')).rejects.toThrow();

    expect(lines.filter((line) => line.startsWith('warn'))).toHaveLength(1);
    expect(lines[0]).toMatch(/\[redis:redis-lib:fault\] unavailable/);

    await server.start();
    await waitForReady(client, 5_000);
    expect((await pingRedis(client)).latencyMs).toBeGreaterThanOrEqual(0);
    expect(lines.filter((line) => line.startsWith('info'))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/available again after/);
  });

  it('times out a ping to a server that accepts connections but never answers', async () => {
    await waitForReady(client);
    server.freeze();
    try {
      const startedAt = performance.now();
      await expect(pingRedis(client, { timeoutMs: 300 })).rejects.toThrow(/within 300 ms/);
      expect(performance.now() - startedAt).toBeLessThan(600);
    } finally {
      server.thaw();
    }
    await waitForReady(client, 5_000);
    expect((await pingRedis(client)).latencyMs).toBeGreaterThanOrEqual(0);
  });
});
