// Retention: each bus prunes, on its timer, the outbox rows no consumer needs any more. Its own
// databases: pruning works on the whole outbox, and other tests' consumers would hold it back.
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TTestDatabase } from '@lumenforge/db/testing';
import { connectNats, type NatsConnection } from '@lumenforge/nats/server';
import { startNatsServer, type TNatsServerProcess } from '@lumenforge/nats/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNatsEventBus } from './nats-event-bus';
import { createPostgresEventBus } from './postgres-event-bus';
import { countSideEffects, sampleEvent, subscribeRecording, waitFor } from './testing';

/** Prune at once (no window) and often, so a test sees it happen. */
const PRUNE_NOW = { windowMs: 0, intervalMs: 200 };

let pgDb: TTestDatabase;
let natsDb: TTestDatabase;
let nats: TNatsServerProcess;
let nc: NatsConnection;
beforeAll(async () => {
  [pgDb, natsDb, nats] = await Promise.all([createTestDatabase(), createTestDatabase(), startNatsServer()]);
  nc = await connectNats({ servers: [nats.url], name: 'event-bus-retention' });
});
afterAll(async () => {
  await nc?.close();
  await Promise.all([nats?.dispose(), pgDb?.drop(), natsDb?.drop()]);
});

const outboxPositions = async (testDb: TTestDatabase) =>
  (await testDb.db.outboxEvent.findMany({ orderBy: { position: 'asc' }, select: { position: true } })).map(
    (row) => Number(row.position),
  );

describe('event log retention', () => {
  it('PostgreSQL: prunes rows every consumer has passed, keeps those a slow consumer has not reached, and that consumer still gets them all', async () => {
    const run = randomUUID();
    const bus = createPostgresEventBus({
      db: pgDb.db,
      databaseUrl: pgDb.url,
      pollIntervalMs: 250,
      retention: PRUNE_NOW,
      onError: () => undefined,
    });
    const fast = `retention.fast-${run}`;
    const slow = `retention.slow-${run}`;
    await subscribeRecording(bus, fast, 'wissil.build.started');
    const slowSubscription = await subscribeRecording(bus, slow, 'wissil.build.started');
    const early = Array.from({ length: 5 }, (_, index) => `${run}-early-${index}`);
    for (const id of early) await bus.publish(sampleEvent(id));
    await waitFor(async () => (await countSideEffects(pgDb.db, slow, early[4] as string)) === 1);
    const cursorOf = async (consumer: string) =>
      Number((await pgDb.db.eventConsumerCursor.findUniqueOrThrow({ where: { consumer } })).position);
    await waitFor(async () => (await cursorOf(slow)) === 5);
    // The slow consumer stops; the fast one goes on.
    await slowSubscription.close();
    const late = Array.from({ length: 5 }, (_, index) => `${run}-late-${index}`);
    for (const id of late) await bus.publish(sampleEvent(id));
    await waitFor(async () => (await cursorOf(fast)) === 10);

    // Everything up to the slow consumer's cursor goes; what it has not read stays.
    await waitFor(async () => (await outboxPositions(pgDb))[0] === 6);
    expect(await outboxPositions(pgDb)).toEqual([6, 7, 8, 9, 10]);

    const resumed = await subscribeRecording(bus, slow, 'wissil.build.started');
    for (const id of [...early, ...late])
      await waitFor(async () => (await countSideEffects(pgDb.db, slow, id)) === 1);
    // Both consumers passed everything: only the newest row is left (the sequencer numbers on from it).
    await waitFor(async () => (await outboxPositions(pgDb)).length === 1);
    expect(await outboxPositions(pgDb)).toEqual([10]);
    await bus.publish(sampleEvent(`${run}-after`));
    await waitFor(async () => (await countSideEffects(pgDb.db, fast, `${run}-after`)) === 1);
    expect((await outboxPositions(pgDb)).at(-1)).toBe(11);
    await resumed.close();
    await bus.close();
  });

  it('NATS: prunes rows once relayed to JetStream, and consumers still get every event from the stream', async () => {
    const run = randomUUID();
    const bus = createNatsEventBus({
      db: natsDb.db,
      databaseUrl: natsDb.url,
      nc,
      pollIntervalMs: 250,
      redeliveryBackoffMs: [2_000, 2_000],
      retention: PRUNE_NOW,
      onError: () => undefined,
    });
    const ids = Array.from({ length: 5 }, (_, index) => `${run}-${index}`);
    for (const id of ids) await bus.publish(sampleEvent(id));
    await waitFor(async () => (await outboxPositions(natsDb)).length === 1);
    // A consumer that subscribes after the rows are gone reads the stream, not the outbox.
    const consumer = `retention.nats-${run}`;
    await subscribeRecording(bus, consumer, 'wissil.build.started');
    for (const id of ids) await waitFor(async () => (await countSideEffects(natsDb.db, consumer, id)) === 1);
    await bus.close();
  });
});
