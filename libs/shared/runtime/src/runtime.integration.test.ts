import { randomUUID } from 'node:crypto';
import { cacheKeys } from '@lumenforge/cache';
import type { TTestDatabase } from '@lumenforge/db/testing';
import { waitFor } from '@lumenforge/event-bus/testing';
import { COMPONENT_UPDATED, createEvent, type TEventEnvelope } from '@lumenforge/events';
import { runHealthChecks } from '@lumenforge/health';
import { describe, expect, it } from 'vitest';
import { createRuntime, type TPlatformRuntime } from './runtime';
import type { TRuntimeEnvInput } from './env';
import { useRuntimeTestServices } from './runtime-test-services';

const quiet = { info: () => undefined, error: () => undefined };

function componentUpdated(componentId: string): TEventEnvelope {
  return createEvent(COMPONENT_UPDATED, {
    data: { ...COMPONENT_UPDATED.sample, componentId },
    actor: { type: 'system', id: 'runtime-test' },
    correlationId: randomUUID(),
    workspaceId: null,
  });
}

const report = (runtime: TPlatformRuntime) =>
  runHealthChecks({
    service: runtime.service,
    version: 'test',
    uptimeSeconds: 1,
    checks: runtime.healthChecks(),
  });

/** Two apps on one database: an event published by one clears the cached entry in both. */
function describeRuntime(
  mode: 'single-node' | 'cluster',
  env: () => TRuntimeEnvInput,
  db: () => TTestDatabase,
) {
  it(`${mode}: events clear cached entries in every app, and each app publishes wissil.system.health`, async () => {
    const slate = createRuntime({ service: 'slate', env: env(), db: db().db, logger: quiet });
    const spark = createRuntime({ service: 'spark', env: env(), db: db().db, logger: quiet });
    expect(slate.mode).toBe(mode);
    await Promise.all(
      [slate, spark].map((runtime) =>
        runtime.startBackground({ healthReport: () => report(runtime), healthIntervalMs: 300 }),
      ),
    );
    const componentId = randomUUID();
    const key = cacheKeys.component(componentId);
    await slate.cache.set(key, { name: 'PricingCard' });
    await spark.cache.set(key, { name: 'PricingCard' });
    const otherKey = cacheKeys.component(randomUUID());
    await spark.cache.set(otherKey, { name: 'Untouched' });

    await slate.bus.publish(componentUpdated(componentId));
    await waitFor(
      async () => (await slate.cache.get(key)) === undefined && (await spark.cache.get(key)) === undefined,
      15_000,
    );
    expect(await spark.cache.get(otherKey)).toEqual({ name: 'Untouched' });

    await waitFor(
      async () =>
        (await db().db.outboxEvent.count({
          where: {
            subject: 'wissil.system.health',
            envelope: { path: ['data', 'service'], equals: 'spark' },
          },
        })) >= 2,
    );
    await Promise.all([slate.close(), spark.close()]);
  });
}

describe('app runtime', () => {
  const { services, baseEnv, clusterEnv } = useRuntimeTestServices({ rateLimitWritesPerMinute: 3 });

  describeRuntime('single-node', baseEnv, () => services.db);
  describeRuntime('cluster', clusterEnv, () => services.db);

  it('single-node: reports PostgreSQL only; the write limiter refuses the 4th write in a minute', async () => {
    const runtime = createRuntime({ service: 'ignis', env: baseEnv(), db: services.db.db, logger: quiet });
    expect(runtime.summary).toBe(
      'ignis: single-node mode (events in PostgreSQL, in-process cache and rate limits)',
    );
    expect(Object.keys((await report(runtime)).checks)).toEqual(['postgres']);
    const key = { ip: '203.0.113.7', endpoint: 'tokens.publish' };
    const results = [];
    for (let index = 0; index < 4; index += 1) results.push(await runtime.writeLimiter.consume(key));
    expect(results.map((result) => result.isAllowed)).toEqual([true, true, true, false]);
    expect(results[3]?.retryAfterSeconds).toBeGreaterThan(0);
    await runtime.close();
  });

  it('cluster: Redis stopped → cache misses and health degraded, never an error; back to ok when it returns', async () => {
    const runtime = createRuntime({
      service: 'waypoint',
      env: clusterEnv(),
      db: services.db.db,
      logger: quiet,
    });
    expect(runtime.summary).toMatch(
      /^waypoint: cluster mode \(events on NATS JetStream at nats:\/\/127\.0\.0\.1:\d+, cache and rate limits in Redis at redis:\/\/127\.0\.0\.1:\d+\)$/,
    );
    await waitFor(async () => (await report(runtime)).status === 'ok');
    expect(Object.keys((await report(runtime)).checks)).toEqual(['postgres', 'redis', 'nats']);
    await runtime.cache.set('cache:build:p1', { size: 1 });
    expect(await runtime.cache.get('cache:build:p1')).toEqual({ size: 1 });

    await services.redis.stop();
    const degraded = await report(runtime);
    expect(degraded.status).toBe('degraded');
    expect(degraded.checks['redis']).toMatchObject({ status: 'down', critical: false });
    await expect(runtime.cache.get('cache:build:p1')).resolves.toBeUndefined();
    await expect(runtime.cache.set('cache:build:p1', { size: 2 })).resolves.toBeUndefined();
    // The limiter falls back to its in-process insurance instead of failing the request.
    expect((await runtime.writeLimiter.consume({ ip: '198.51.100.1', endpoint: 'x' })).isAllowed).toBe(true);

    await services.redis.start();
    await waitFor(async () => (await report(runtime)).status === 'ok', 15_000);
    await runtime.close();
  });

  it('cluster: NATS stopped → health degraded while events wait in the outbox; relayed when it returns', async () => {
    const runtime = createRuntime({
      service: 'ignition',
      env: clusterEnv(),
      db: services.db.db,
      logger: quiet,
    });
    await waitFor(async () => (await report(runtime)).status === 'ok');
    await services.nats.stop();
    await waitFor(async () => (await report(runtime)).checks['nats']?.status === 'down');
    expect((await report(runtime)).status).toBe('degraded');
    const event = componentUpdated(randomUUID());
    await runtime.bus.publish(event);
    expect(
      (await services.db.db.outboxEvent.findUniqueOrThrow({ where: { id: event.id } })).publishedAt,
    ).toBeNull();
    await services.nats.start();
    await waitFor(
      async () =>
        (await services.db.db.outboxEvent.findUniqueOrThrow({ where: { id: event.id } })).publishedAt !==
        null,
      20_000,
    );
    await waitFor(async () => (await report(runtime)).status === 'ok', 15_000);
    await runtime.close();
  });
});
