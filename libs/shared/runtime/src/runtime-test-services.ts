import { createTestDatabase, type TTestDatabase } from '@lumenforge/db/testing';
import { startNatsServer, type TNatsServerProcess } from '@lumenforge/nats/testing';
import { startRedisServer, type TRedisServerProcess } from '@lumenforge/redis/testing';
import { afterAll, beforeAll } from 'vitest';
import type { TRuntimeEnvInput } from './env';

/**
 * For integration suites: a throwaway database, a private nats-server and redis-server for the
 * enclosing `describe`, and the runtime environments over them (single-node and cluster).
 */
export function useRuntimeTestServices(options: { rateLimitWritesPerMinute: number }) {
  const services = {} as { db: TTestDatabase; nats: TNatsServerProcess; redis: TRedisServerProcess };
  beforeAll(async () => {
    [services.db, services.nats, services.redis] = await Promise.all([
      createTestDatabase(),
      startNatsServer(),
      startRedisServer(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([services.db?.drop(), services.nats?.dispose(), services.redis?.dispose()]);
  });
  const baseEnv = (): TRuntimeEnvInput => ({
    DATABASE_URL: services.db.url,
    DATABASE_POOL_MAX: 5,
    NATS_STREAM_REPLICAS: 1,
    RATE_LIMIT_WRITES_PER_MINUTE: options.rateLimitWritesPerMinute,
  });
  const clusterEnv = (): TRuntimeEnvInput => ({
    ...baseEnv(),
    REDIS_URL: services.redis.url,
    NATS_URL: services.nats.url,
  });
  return { services, baseEnv, clusterEnv };
}
