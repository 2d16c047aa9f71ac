import { pingDatabase, pingReadReplica, type TDb, type TDbClient } from '@lumenforge/db/server';
import { pingNats, type NatsConnection } from '@lumenforge/nats/server';
import { pingRedis, type TRedisClient } from '@lumenforge/redis/server';
import type { THealthCheck, THealthStatus } from './health-report';

/**
 * PostgreSQL `SELECT 1` (spec: every app). Critical: no app can serve without its database.
 * Uses the process's client unless one is given.
 */
export function postgresCheck(options: { db?: TDb } = {}): THealthCheck {
  return {
    name: 'postgres',
    critical: true,
    run: async () => {
      await pingDatabase({ timeoutMs: 1_500, db: options.db });
    },
  };
}

/**
 * The read replica's `SELECT 1`, asked of the replica itself (spec: Infrastructure Health Checks,
 * "Replica: SELECT 1"). Not critical: while the replica is down, reads fall back to the primary,
 * so the app keeps serving, degraded. Include it only when a replica is configured:
 * `...(hasReadReplica() ? [postgresReplicaCheck()] : [])`. Uses the process's read client
 * (`getReadDb()`) unless one is given.
 */
export function postgresReplicaCheck(options: { db?: TDbClient } = {}): THealthCheck {
  return {
    name: 'postgresReplica',
    critical: false,
    run: async () => {
      await pingReadReplica({ timeoutMs: 1_500, db: options.db });
    },
  };
}

/**
 * Another service's GET /api/health (spec: SPARK checks SLATE and IGNIS). Not critical: the
 * caller keeps serving, degraded, while a peer is down.
 */
export function peerHealthCheck(name: string, healthUrl: string): THealthCheck {
  return {
    name,
    critical: false,
    run: async (signal) => {
      const response = await fetch(healthUrl, { signal, headers: { accept: 'application/json' } });
      const body = (await response.json().catch(() => null)) as { status?: THealthStatus } | null;
      if (!response.ok || body?.status === 'down')
        throw new Error(`${healthUrl} answered ${response.status}`);
      return body?.status === 'degraded' ? 'degraded' : undefined;
    },
  };
}

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
