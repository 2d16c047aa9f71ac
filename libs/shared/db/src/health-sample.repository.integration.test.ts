import { createEvent, SYSTEM_ALERT } from '@lumenforge/events';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readPostgresStats, sampleMinute } from './health-sample.repository';
import { createRepositories } from './repositories';
import { createTestDatabase, type TTestDatabase } from './testing';

let testDb: TTestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb.drop();
});
beforeEach(async () => {
  await testDb.db.healthSample.deleteMany();
});

const T0 = new Date('2026-11-24T10:00:20.000Z');
const minutes = (count: number) => new Date(T0.getTime() + count * 60_000);

function sample(target: string, at: Date, status: 'ok' | 'degraded' | 'down' = 'ok') {
  return { target, kind: 'app' as const, status, latencyMs: 12.4, sampledAt: at };
}

describe('HealthSampleRepository', () => {
  it('writes one row per target per minute: a second writer of the same minute is skipped', async () => {
    const repo = createRepositories(testDb.db).healthSamples;
    expect(await repo.hasMinute(T0)).toBe(false);
    expect(await repo.insertMany([sample('slate', T0), sample('spark', T0)])).toBe(2);
    expect(await repo.insertMany([sample('slate', new Date(T0.getTime() + 30_000))])).toBe(0);
    expect(await repo.hasMinute(new Date(T0.getTime() + 39_000))).toBe(true);
    expect(await repo.hasMinute(minutes(1))).toBe(false);
    const [row] = await repo.range({ target: 'slate', from: minutes(-1), to: minutes(1) });
    expect(row).toMatchObject({
      target: 'slate',
      status: 'ok',
      latencyMs: 12,
      minute: sampleMinute(T0),
      levels: {},
    });
    expect(row?.sampledAt).toEqual(T0);
  });

  it('stores metrics and levels, and refuses unknown statuses', async () => {
    const repo = createRepositories(testDb.db).healthSamples;
    await repo.insertMany([
      {
        target: 'postgres',
        kind: 'service',
        status: 'ok',
        latencyMs: 1,
        sampledAt: T0,
        metrics: { connections: 12, replicationLagSeconds: null },
        levels: { connections: 'ok' },
      },
    ]);
    const [latest] = await repo.latestPerTarget();
    expect(latest?.metrics).toEqual({ connections: 12, replicationLagSeconds: null });
    expect(latest?.levels).toEqual({ connections: 'ok' });
    await expect(repo.insertMany([{ ...sample('slate', T0), status: 'sideways' as 'ok' }])).rejects.toThrow();
  });

  it('reads the newest sample per target, before a time when asked, and ranges oldest first', async () => {
    const repo = createRepositories(testDb.db).healthSamples;
    await repo.insertMany(
      [0, 1, 2].flatMap((n) => [
        sample('slate', minutes(n)),
        sample('ignis', minutes(n), n === 2 ? 'down' : 'ok'),
      ]),
    );
    const latest = await repo.latestPerTarget();
    expect(latest.map((row) => [row.target, row.sampledAt.toISOString(), row.status])).toEqual([
      ['ignis', minutes(2).toISOString(), 'down'],
      ['slate', minutes(2).toISOString(), 'ok'],
    ]);
    const before = await repo.latestPerTarget({ before: sampleMinute(minutes(2)) });
    expect(before.map((row) => row.sampledAt.toISOString())).toEqual([
      minutes(1).toISOString(),
      minutes(1).toISOString(),
    ]);
    const range = await repo.range({ target: 'ignis', from: minutes(1), to: minutes(3) });
    expect(range.map((row) => row.status)).toEqual(['ok', 'down']);
    expect(await repo.range({ target: 'ignis', from: minutes(5), to: minutes(6) })).toEqual([]);
  });

  it('counts samples per status in time buckets over a range', async () => {
    const repo = createRepositories(testDb.db).healthSamples;
    // 20 minutes of slate: minute 7 down, minute 16 degraded; one sample outside the range.
    await repo.insertMany(
      Array.from({ length: 20 }, (_, n) =>
        sample('slate', minutes(n), n === 7 ? 'down' : n === 16 ? 'degraded' : 'ok'),
      ),
    );
    await repo.insertMany([sample('waypoint', minutes(-30))]);
    const from = new Date('2026-11-24T10:00:00.000Z');
    const counts = await repo.statusCounts({ from, to: minutes(60), bucketMs: 15 * 60_000 });
    expect(counts).toEqual([
      { target: 'slate', bucket: 0, ok: 14, degraded: 0, down: 1 },
      { target: 'slate', bucket: 1, ok: 4, degraded: 1, down: 0 },
    ]);
  });

  it('prunes samples older than the retention, by minute', async () => {
    const repo = createRepositories(testDb.db).healthSamples;
    await repo.insertMany([
      sample('slate', minutes(-60 * 49)),
      sample('slate', minutes(-60 * 47)),
      sample('slate', T0),
    ]);
    expect(await repo.prune(new Date(T0.getTime() - 48 * 3_600_000))).toBe(1);
    const left = await repo.range({ target: 'slate', from: minutes(-60 * 50), to: minutes(1) });
    expect(left).toHaveLength(2);
  });

  it('lets one transaction at a time hold the sampler lock', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstLocked: Promise<boolean> | undefined;
    const first = testDb.db.$transaction(async (tx) => {
      firstLocked = createRepositories(tx).healthSamples.tryLockSampler();
      await firstLocked;
      await held;
    });
    while (!firstLocked) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await firstLocked).toBe(true);
    expect(await testDb.db.$transaction((tx) => createRepositories(tx).healthSamples.tryLockSampler())).toBe(
      false,
    );
    release();
    await first;
    expect(await testDb.db.$transaction((tx) => createRepositories(tx).healthSamples.tryLockSampler())).toBe(
      true,
    );
  });

  it('lists the newest wissil.system.alert events of the outbox', async () => {
    const repos = createRepositories(testDb.db);
    for (const [index, severity] of (['warning', 'critical'] as const).entries())
      await repos.outbox.append(
        createEvent(SYSTEM_ALERT, {
          data: {
            severity,
            source: 'postgres',
            metric: 'postgres.connections',
            value: 90 + index,
            threshold: 80,
            message: `alert ${index}`,
          },
          actor: { type: 'system', id: 'landing' },
          correlationId: `alert-${index}`,
          workspaceId: null,
          occurredAt: minutes(index),
        }),
      );
    const alerts = await repos.healthSamples.recentAlerts(10);
    expect(alerts.map((event) => (event.data as { message: string }).message)).toEqual([
      'alert 1',
      'alert 0',
    ]);
    expect(await repos.healthSamples.recentAlerts(1)).toHaveLength(1);
  });

  it('reads PostgreSQL metrics: connections, size, no replica', async () => {
    const stats = await readPostgresStats(testDb.db);
    expect(stats.connections).toBeGreaterThan(0);
    expect(stats.maxConnections).toBeGreaterThanOrEqual(stats.connections);
    expect(stats.databaseSizeBytes).toBeGreaterThan(1_000_000);
    expect(stats.replicas).toBe(0);
    expect(stats.replicationLagSeconds).toBeNull();
  });
});
