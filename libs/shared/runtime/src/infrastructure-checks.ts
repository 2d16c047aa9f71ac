import type { THealthCheck } from '@lumenforge/health';
import { pingNats, type NatsConnection } from '@lumenforge/nats/server';
import { pingRedis, type TRedisClient } from '@lumenforge/redis/server';

/**
 * Redis (cluster mode). Not critical: the cache degrades to misses and the rate limiter to its
 * in-process insurance, so the app keeps serving, degraded.
 */
export function redisCheck(client: TRedisClient): THealthCheck {
  return {
    name: 'redis',
    critical: false,
    run: async () => {
      await pingRedis(client, { timeoutMs: 1_000 });
    },
  };
}

/**
 * NATS JetStream (cluster mode). Not critical: events wait in the outbox and are relayed when NATS
 * is back, so the app keeps serving, degraded.
 */
export function natsCheck(connection: () => NatsConnection | undefined): THealthCheck {
  return {
    name: 'nats',
    critical: false,
    run: async () => {
      const nc = connection();
      if (!nc) throw new Error('NATS is unavailable: not connected yet');
      await pingNats(nc, 1_500);
    },
  };
}
