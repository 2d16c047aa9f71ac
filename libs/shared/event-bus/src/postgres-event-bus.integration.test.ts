import { randomUUID } from 'node:crypto';
import type { TEventEnvelope } from '@lumenforge/events';
import { createDbClient } from '@lumenforge/db/server';
import { createTestDatabase, type TTestDatabase } from '@lumenforge/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresEventBus } from './postgres-event-bus';
import {
  countSideEffects,
  describeEventBusContract,
  FAST_RETRY,
  sampleEvent,
  subscribeRecording,
  waitFor,
} from './testing';

let testDb: TTestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb.drop();
});

const createBus = () =>
  createPostgresEventBus({
    db: testDb.db,
    databaseUrl: testDb.url,
    pollIntervalMs: 500,
    onError: () => undefined,
  });

describeEventBusContract('PostgreSQL (outbox + LISTEN/NOTIFY)', () => ({ db: testDb.db, createBus }));

describe('PostgreSQL transport', () => {
  it('wakes a consumer in another process on commit (NOTIFY), long before its poll interval', async () => {
    const otherProcessDb = createDbClient(testDb.url, { poolMax: 2 });
    const consumerBus = createPostgresEventBus({
      db: otherProcessDb,
      databaseUrl: testDb.url,
      pollIntervalMs: 60_000,
    });
    const publisherBus = createBus();
    const consumer = `notify-${randomUUID()}`;
    const correlationId = `notify-${randomUUID()}`;
    await subscribeRecording(consumerBus, consumer, 'wissil.build.started');
    await new Promise((resolveWait) => setTimeout(resolveWait, 300)); // let it reach its first wait
    const started = performance.now();
    await publisherBus.publish(sampleEvent(correlationId));
    await waitFor(async () => (await countSideEffects(testDb.db, consumer, correlationId)) === 1, 5_000);
    expect(performance.now() - started).toBeLessThan(2_000);
    await Promise.all([consumerBus.close(), publisherBus.close()]);
    await otherProcessDb.$disconnect();
  });

  it('does not repeat side effects when events are redelivered (cursor rewound)', async () => {
    const consumer = `redeliver-${randomUUID()}`;
    const correlationId = `redeliver-${randomUUID()}`;
    const bus = createBus();
    await subscribeRecording(bus, consumer, 'wissil.build.started');
    for (let index = 0; index < 3; index += 1) await bus.publish(sampleEvent(correlationId));
    await waitFor(async () => (await countSideEffects(testDb.db, consumer, correlationId)) === 3);
    await bus.close();

    await testDb.db.eventConsumerCursor.update({ where: { consumer }, data: { position: 0n } });
    const again = createBus();
    await subscribeRecording(again, consumer, 'wissil.build.started');
    const latest = await testDb.db.outboxEvent.aggregate({ _max: { position: true } });
    await waitFor(async () => {
      const cursor = await testDb.db.eventConsumerCursor.findUniqueOrThrow({ where: { consumer } });
      return cursor.position >= (latest._max.position ?? 0n);
    });
    expect(await countSideEffects(testDb.db, consumer, correlationId)).toBe(3);
    await again.close();
  });

  it('writes its cursor with its next read, or as it closes when none follows', async () => {
    const bus = createPostgresEventBus({ db: testDb.db, databaseUrl: testDb.url, pollIntervalMs: 60_000 });
    const consumer = `cursor-${randomUUID()}`;
    const correlationId = `cursor-${randomUUID()}`;
    await subscribeRecording(bus, consumer, 'wissil.build.started');
    await bus.publish(sampleEvent(correlationId));
    await waitFor(async () => (await countSideEffects(testDb.db, consumer, correlationId)) === 1);
    const cursorOf = async () =>
      (await testDb.db.eventConsumerCursor.findUniqueOrThrow({ where: { consumer } })).position;
    const first = await testDb.db.outboxEvent.findFirstOrThrow({
      where: { correlationId },
      select: { position: true },
    });
    // The next publish wakes the consumer: its read writes the cursor past the first event.
    await bus.publish(sampleEvent(correlationId));
    await waitFor(async () => (await countSideEffects(testDb.db, consumer, correlationId)) === 2);
    expect(await cursorOf()).toBeGreaterThanOrEqual(first.position ?? 1n);
    const head = await testDb.db.outboxEvent.aggregate({ _max: { position: true } });
    await bus.close();
    expect(await cursorOf()).toBe(head._max.position);
  });

  it('runs one consumer name in one process at a time; a standby takes over when it stops', async () => {
    const consumer = `exclusive-${randomUUID()}`;
    const correlationId = `exclusive-${randomUUID()}`;
    const handledBy: string[] = [];
    // A new consumer starts at the beginning of the log; only this test's events are counted.
    const handler = (name: string) => async (event: TEventEnvelope) => {
      if (event.correlationId === correlationId) handledBy.push(name);
    };
    const active = createBus();
    const standby = createBus();
    await active.subscribe({
      consumer,
      subject: 'wissil.build.started',
      handler: handler('active'),
      retry: FAST_RETRY,
    });
    await new Promise((resolveWait) => setTimeout(resolveWait, 300));
    await standby.subscribe({
      consumer,
      subject: 'wissil.build.started',
      handler: handler('standby'),
      retry: FAST_RETRY,
    });
    await active.publish(sampleEvent(correlationId));
    await waitFor(async () => handledBy.length === 1);
    await active.close();
    await standby.publish(sampleEvent(correlationId));
    await waitFor(async () => handledBy.length === 2);
    expect(handledBy).toEqual(['active', 'standby']);
    await standby.close();
  });

  it('takes its lock again after the connection holding it was killed, and keeps consuming', async () => {
    const bus = createBus();
    const consumer = `relock-${randomUUID()}`;
    await subscribeRecording(bus, consumer, 'wissil.build.started');
    const lockHolders = () =>
      testDb.db.$queryRaw<{ pid: number }[]>`
        SELECT l.pid FROM pg_locks l
        WHERE l.locktype = 'advisory' AND l.granted
          AND l.objid = (hashtext(${`lumenforge.consumer.${consumer}`}) & 4294967295)::oid`;
    await waitFor(async () => (await lockHolders()).length === 1);
    const [first] = await lockHolders();
    await testDb.db.$queryRaw`SELECT pg_terminate_backend(${first?.pid}::int)`;
    // A new session holds the lock (not the same worker polling on without it).
    await waitFor(async () => {
      const holders = await lockHolders();
      return holders.length === 1 && holders[0]?.pid !== first?.pid;
    });
    const correlationId = `relock-${randomUUID()}`;
    await bus.publish(sampleEvent(correlationId));
    await waitFor(async () => (await countSideEffects(testDb.db, consumer, correlationId)) === 1);
    await bus.close();
  });
});
