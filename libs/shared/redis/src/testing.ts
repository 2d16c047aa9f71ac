// Entry `@lumenforge/redis/testing`: a private redis-server for fault tests, the shared test Redis,
// unique key prefixes and key cleanup. Tests only.
import { createRedisClient, type TRedisClient } from './client';
import { readTestRedisUrl } from './env';

export { startRedisServer, type TRedisServerProcess } from './redis-server-process';
export { findFreePort } from '@lumenforge/server-process';
export { uniqueTestPrefix, deleteKeysWithPrefix, escapeRedisGlob } from './test-keys';

/** A client for the shared test Redis (`TEST_REDIS_URL`, else redis://127.0.0.1:6379). Never FLUSHALL it. */
export function createTestRedisClient(connectionName = 'test', url = readTestRedisUrl()): TRedisClient {
  return createRedisClient(
    { REDIS_URL: url },
    { connectionName, logger: { warn: () => undefined, info: () => undefined } },
  );
}

/** Resolves once `client` is ready (after a restart, say); rejects after `timeoutMs`. */
export async function waitForReady(client: TRedisClient, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (client.status !== 'ready') {
    if (Date.now() > deadline)
      throw new Error(`Redis client not ready after ${timeoutMs} ms (${client.status})`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
