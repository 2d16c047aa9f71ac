import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cacheKeys } from '@lumenforge/cache';
import { SYSTEM_IDS } from '@lumenforge/config';
import { createTestDatabase, type TTestDatabase } from '@lumenforge/db/testing';
import { startNatsServer, type TNatsServerProcess } from '@lumenforge/nats/testing';
import { startRedisServer, type TRedisServerProcess } from '@lumenforge/redis/testing';
import { ZRuntimeEnv, type TRuntimeEnvInput } from '@lumenforge/runtime/env';
import { createRuntime, type TPlatformRuntime } from '@lumenforge/runtime/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TStatusSummary } from './status-summary';
import { createLandingMonitor, type TLandingMonitor } from './server/landing-monitor';

const quiet = { info: () => undefined, error: () => undefined };

/** The six apps' /api/health, all ok except `waypoint` (down: 503). */
function startFakeApps(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const isDown = request.url?.startsWith('/waypoint/');
    response.writeHead(isDown ? 503 : 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: isDown ? 'down' : 'ok' }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

describe('LANDING monitor', () => {
  const services = {} as {
    db: TTestDatabase;
    nats: TNatsServerProcess;
    redis: TRedisServerProcess;
    apps: { server: Server; url: string };
  };
  const open: Array<{ runtime: TPlatformRuntime; monitor: TLandingMonitor }> = [];

  beforeAll(async () => {
    [services.db, services.nats, services.redis, services.apps] = await Promise.all([
      createTestDatabase(),
      startNatsServer(),
      startRedisServer(),
      startFakeApps(),
    ]);
  });
  afterEach(async () => {
    for (const { runtime, monitor } of open.splice(0)) {
      await monitor.close();
      await runtime.close();
    }
    await services.db.db.healthSample.deleteMany();
    await services.db.db.outboxEvent.deleteMany({ where: { subject: 'wissil.system.alert' } });
  });
  afterAll(async () => {
    services.apps?.server.close();
    await Promise.all([services.db?.drop(), services.nats?.dispose(), services.redis?.dispose()]);
  });

  const baseEnv = (): TRuntimeEnvInput => ({
    DATABASE_URL: services.db.url,
    DATABASE_POOL_MAX: 5,
    NATS_STREAM_REPLICAS: 1,
  });
  const clusterEnv = (): TRuntimeEnvInput => ({
    ...baseEnv(),
    REDIS_URL: services.redis.url,
    NATS_URL: services.nats.url,
  });

  function monitorFor(
    envInput: TRuntimeEnvInput,
    options: Partial<Parameters<typeof createLandingMonitor>[0]> = {},
  ): TLandingMonitor {
    const runtime = createRuntime({
      service: 'landing',
      env: envInput,
      db: services.db.db,
      logger: quiet,
      keyPrefix: `monitor-test-${crypto.randomUUID()}:`,
    });
    const monitor = createLandingMonitor({
      runtime,
      env: ZRuntimeEnv.parse(envInput),
      monitorEnv: {},
      apps: SYSTEM_IDS.map((id) => ({ id, healthUrl: `${services.apps.url}/${id}/api/health` })),
      ...options,
    });
    open.push({ runtime, monitor });
    return monitor;
  }

  it('cluster: writes a sample per target each minute with the data-service metrics, and prunes old ones', async () => {
    let now = new Date();
    const monitor = monitorFor(clusterEnv(), { now: () => now });
    const db = services.db.db;
    await db.healthSample.create({
      data: {
        sampledAt: new Date(now.getTime() - 49 * 3_600_000),
        minute: new Date(Math.floor((now.getTime() - 49 * 3_600_000) / 60_000) * 60_000),
        target: 'slate',
        kind: 'app',
        status: 'ok',
      },
    });

    const first = await monitor.sampler.sampleOnce();
    expect(first).toMatchObject({ kind: 'written', samples: 9, pruned: 1 });
    // The same minute again (another replica, or a second timer): skipped.
    expect(await monitor.sampler.sampleOnce()).toEqual({ kind: 'skipped', reason: 'minute-taken' });

    const rows = await db.healthSample.findMany({ orderBy: { target: 'asc' } });
    expect(rows.map((row) => `${row.target}:${row.status}`)).toEqual([
      'ignis:ok',
      'ignition:ok',
      'landing:ok',
      'nats:ok',
      'postgres:ok',
      'redis:ok',
      'slate:ok',
      'spark:ok',
      'waypoint:down',
    ]);
    const metricsOf = (target: string) =>
      rows.find((row) => row.target === target)?.metrics as Record<string, number | null>;
    expect(metricsOf('postgres')).toMatchObject({
      connections: expect.any(Number),
      databaseSizeBytes: expect.any(Number),
      replicationLagSeconds: null,
    });
    expect(metricsOf('redis')).toMatchObject({
      keys: expect.any(Number),
      connectedClients: expect.any(Number),
      memoryUsedBytes: expect.any(Number),
    });
    expect(metricsOf('nats')).toMatchObject({
      consumerPending: expect.any(Number),
      streamLastSeq: expect.any(Number),
      messageRate: null,
    });

    now = new Date(now.getTime() + 60_000);
    const second = await monitor.sampler.sampleOnce();
    expect(second).toMatchObject({ kind: 'written', samples: 9 });
    const nats = await db.healthSample.findFirst({
      where: { target: 'nats' },
      orderBy: { sampledAt: 'desc' },
    });
    expect((nats?.metrics as Record<string, number | null>)['messageRate']).toEqual(expect.any(Number));
  });

  it('raises one wissil.system.alert per crossing, not again on the next sample, and not from a second replica', async () => {
    let now = new Date();
    const thresholds = {
      'postgres.connections': { direction: 'above' as const, warning: 0, critical: 10_000 },
    };
    const monitor = monitorFor(baseEnv(), { now: () => now, thresholds });
    const replica = monitorFor(baseEnv(), { now: () => now, thresholds });
    const alerts = () =>
      services.db.db.outboxEvent.findMany({
        where: { subject: 'wissil.system.alert' },
        select: { envelope: true },
      });

    const [a, b] = await Promise.all([monitor.sampler.sampleOnce(), replica.sampler.sampleOnce()]);
    expect([a.kind, b.kind].sort()).toEqual(['skipped', 'written']);
    const raised = await alerts();
    expect(raised).toHaveLength(1);
    expect((raised[0]?.envelope as { data: unknown }).data).toMatchObject({
      severity: 'warning',
      source: 'postgres',
      metric: 'postgres.connections',
      threshold: 0,
      value: expect.any(Number),
    });

    now = new Date(now.getTime() + 60_000);
    expect(await replica.sampler.sampleOnce()).toMatchObject({ kind: 'written', alerts: [] });
    now = new Date(now.getTime() + 60_000);
    expect(await monitor.sampler.sampleOnce()).toMatchObject({ kind: 'written', alerts: [] });
    expect(await alerts()).toHaveLength(1);

    // Back under the (restored) threshold: a resolution, stored, nothing published.
    const restored = monitorFor(baseEnv(), { now: () => new Date(now.getTime() + 60_000) });
    const outcome = await restored.sampler.sampleOnce();
    expect(outcome).toMatchObject({
      kind: 'written',
      alerts: [],
      resolved: [{ key: 'connections', from: 'warning', to: 'ok' }],
    });
    expect(await alerts()).toHaveLength(1);

    const summary = await restored.summary(crypto.randomUUID());
    expect(summary.alerts).toHaveLength(1);
    expect(summary.alerts[0]).toMatchObject({
      severity: 'warning',
      metric: 'postgres.connections',
      isResolved: true,
    });
  });

  it('single-node: Redis and NATS are "not used", the registry "not configured"', async () => {
    const monitor = monitorFor(baseEnv());
    await monitor.sampler.sampleOnce();
    const summary = await monitor.summary(crypto.randomUUID());
    const state = (id: string) => summary.targets.find((target) => target.id === id)?.state;
    expect(summary.mode).toBe('single-node');
    expect(state('postgres')).toBe('ok');
    expect(state('redis')).toBe('not-used');
    expect(state('nats')).toBe('not-used');
    expect(state('registry')).toBe('not-configured');
    expect(state('waypoint')).toBe('down');
    expect(summary.overall).toBe('down');
    const slate = summary.targets.find((target) => target.id === 'slate');
    expect(slate?.latencyMs).toEqual(expect.any(Number));
    expect(slate?.uptime.buckets).toHaveLength(96);
    expect(slate?.uptime.buckets.at(-1)?.status).toBe('up');
    expect(slate?.uptime.upPercent).toBe(100);
    expect(summary.sampling.lastSampleAt).not.toBeNull();
    const connections = summary.targets
      .find((target) => target.id === 'postgres')
      ?.metrics.find((metric) => metric.key === 'connections');
    expect(connections).toMatchObject({ level: 'ok', threshold: { warning: 80, critical: 95 } });
  });

  it('cluster: the summary is served from realtime:{workspace_id} in Redis and rebuilt after its TTL', async () => {
    const workspaceId = crypto.randomUUID();
    const monitor = monitorFor(clusterEnv(), { cacheTtlMs: 1_000 });
    const runtime = open.at(-1)?.runtime as TPlatformRuntime;
    const first = await monitor.summary(workspaceId);
    expect(first.mode).toBe('cluster');
    const cached = await runtime.cache.get<TStatusSummary>(cacheKeys.realtime(workspaceId));
    expect(cached?.generatedAt).toBe(first.generatedAt);
    const again = await monitor.summary(workspaceId);
    expect(again.generatedAt).toBe(first.generatedAt);
    const redis = first.targets.find((target) => target.id === 'redis');
    expect(redis?.state).toBe('ok');
    expect(redis?.metrics.find((metric) => metric.key === 'keys')?.value).toEqual(expect.any(Number));
    // A fresh Redis has too few lookups to judge its hit rate.
    expect(redis?.metrics.find((metric) => metric.key === 'hitRatePercent')).toMatchObject({
      level: null,
      note: expect.stringMatching(/^not enough lookups yet/),
    });
    expect(first.targets.find((target) => target.id === 'nats')?.state).toBe('ok');

    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const refreshed = await monitor.summary(workspaceId);
    expect(refreshed.generatedAt).not.toBe(first.generatedAt);
  });
});
