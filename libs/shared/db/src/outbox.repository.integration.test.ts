import { BUILD_STARTED, createEvent, type TEventEnvelope } from '@lumenforge/events';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from './repositories';
import { pruneEventLog, readOutbox, sequenceOutbox } from './outbox.repository';
import { createTestDatabase, type TTestDatabase } from './testing';

let testDb: TTestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb.drop();
});

function buildStarted(correlationId: string): TEventEnvelope {
  return createEvent(BUILD_STARTED, {
    data: BUILD_STARTED.sample,
    actor: { type: 'system', id: 'outbox-test' },
    correlationId,
    workspaceId: null,
  });
}

describe('outbox', () => {
  it('writes nothing for a rolled-back transaction', async () => {
    const event = buildStarted('rolled-back');
    await expect(
      testDb.db.$transaction(async (tx) => {
        await createRepositories(tx).outbox.append(event);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await testDb.db.outboxEvent.count({ where: { id: event.id } })).toBe(0);
  });

  it('refuses an invalid event and stores nothing', async () => {
    const event = {
      ...buildStarted('invalid'),
      data: { buildId: 'not-a-uuid' },
    } as unknown as TEventEnvelope;
    await expect(createRepositories(testDb.db).outbox.append(event)).rejects.toThrow(
      /wissil\.build\.started/,
    );
    expect(await testDb.db.outboxEvent.count({ where: { id: event.id } })).toBe(0);
  });

  it('never lets a reader skip a row that committed after a later one (many concurrent writers)', async () => {
    const WRITERS = 12;
    const EVENTS_PER_WRITER = 20;
    await testDb.db.outboxEvent.deleteMany();
    let writersDone = false;

    // Each transaction inserts, then sleeps a random time before committing, so rows commit in a
    // different order than they were created: the situation that makes naive readers skip rows.
    const writers = Array.from({ length: WRITERS }, async (_, writer) => {
      for (let index = 0; index < EVENTS_PER_WRITER; index += 1) {
        await testDb.db.$transaction(async (tx) => {
          await createRepositories(tx).outbox.append(buildStarted(`writer-${writer}-${index}`));
          await tx.$executeRaw`SELECT pg_sleep(${Math.random() * 0.02})`;
        });
      }
    });
    const allWritten = Promise.all(writers).then(() => (writersDone = true));

    const seen: Array<{ position: number; correlationId: string }> = [];
    let cursor = 0;
    for (;;) {
      const isFinalPass = writersDone;
      // Two sequencers at once, as two app processes would run them: the lock serialises them.
      await Promise.all([sequenceOutbox(testDb.db), sequenceOutbox(testDb.db, { batchSize: 7 })]);
      for (const record of await readOutbox(testDb.db, { afterPosition: cursor })) {
        seen.push({ position: record.position, correlationId: record.envelope.correlationId });
        cursor = record.position;
      }
      if (isFinalPass) break;
      await new Promise((resolveWait) => setTimeout(resolveWait, 5));
    }
    await allWritten;

    const total = WRITERS * EVENTS_PER_WRITER;
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((record) => record.correlationId)).size).toBe(total);
    expect(seen.map((record) => record.position)).toEqual(
      Array.from({ length: total }, (_, index) => index + 1),
    );
    for (let writer = 0; writer < WRITERS; writer += 1) {
      const own = seen
        .filter((record) => record.correlationId.startsWith(`writer-${writer}-`))
        .map((record) => record.correlationId);
      expect(own).toEqual(
        Array.from({ length: EVENTS_PER_WRITER }, (_, index) => `writer-${writer}-${index}`),
      );
    }
  });

  it('sequences the events of one transaction, and of one multi-row append, in the order they were appended', async () => {
    // They share created_at (the transaction's start): ordering by it and the random id shuffled them.
    const run = randomUUID();
    const names = Array.from({ length: 30 }, (_, index) => `${run}-${index}`);
    await testDb.db.$transaction(async (tx) => {
      for (const name of names.slice(0, 15)) await createRepositories(tx).outbox.append(buildStarted(name));
    });
    await createRepositories(testDb.db).outbox.appendMany(names.slice(15).map(buildStarted));
    await sequenceOutbox(testDb.db);
    const sequenced = await testDb.db.outboxEvent.findMany({
      where: { correlationId: { startsWith: run } },
      orderBy: { position: 'asc' },
      select: { correlationId: true },
    });
    expect(sequenced.map((row) => row.correlationId)).toEqual(names);
  });

  it('appendMany writes nothing when one of the events is invalid', async () => {
    const valid = buildStarted(`valid-${randomUUID()}`);
    const invalid = { ...buildStarted('invalid'), data: { buildId: 'nope' } } as unknown as TEventEnvelope;
    await expect(createRepositories(testDb.db).outbox.appendMany([valid, invalid])).rejects.toThrow();
    expect(await testDb.db.outboxEvent.count({ where: { id: valid.id } })).toBe(0);
  });
});

describe('pruneEventLog', () => {
  let pruneDb: TTestDatabase;
  beforeAll(async () => {
    pruneDb = await createTestDatabase();
  });
  afterAll(async () => {
    await pruneDb.drop();
  });

  /** Appends `count` events and sequences them; returns their positions. */
  async function appendSequenced(count: number): Promise<number[]> {
    const events = Array.from({ length: count }, (_, index) => buildStarted(`prune-${index}`));
    await createRepositories(pruneDb.db).outbox.appendMany(events);
    await sequenceOutbox(pruneDb.db);
    const rows = await pruneDb.db.outboxEvent.findMany({
      where: { id: { in: events.map((event) => event.id) } },
      orderBy: { position: 'asc' },
      select: { position: true },
    });
    return rows.map((row) => Number(row.position));
  }
  const positions = async () =>
    (await pruneDb.db.outboxEvent.findMany({ orderBy: { position: 'asc' }, select: { position: true } })).map(
      (row) => Number(row.position),
    );
  const future = () => new Date(Date.now() + 60_000);

  it('single-node: deletes rows every consumer has passed, in bounded batches, keeps the rest and the newest row', async () => {
    const written = await appendSequenced(10); // positions 1…10
    await pruneDb.db.eventConsumerCursor.createMany({
      data: [
        { consumer: 'prune.fast', position: 10n },
        { consumer: 'prune.slow', position: 4n },
      ],
    });
    expect(
      await pruneEventLog(pruneDb.db, { transport: 'postgres', before: future(), batchSize: 3 }),
    ).toEqual({
      outbox: 3,
      processedEvents: 0,
    });
    expect(await positions()).toEqual(written.slice(3));
    await pruneEventLog(pruneDb.db, { transport: 'postgres', before: future(), batchSize: 3 });
    // The slow consumer has not read 5…10: they stay.
    expect(await positions()).toEqual(written.slice(4));

    await pruneDb.db.eventConsumerCursor.update({
      where: { consumer: 'prune.slow' },
      data: { position: 10n },
    });
    await pruneEventLog(pruneDb.db, { transport: 'postgres', before: future() });
    // Everything is consumed, but the newest row stays: the sequencer numbers on from it.
    expect(await positions()).toEqual([10]);
    expect(await appendSequenced(1)).toEqual([11]);
  });

  it('keeps rows younger than the retention window, and processed-event records too', async () => {
    await pruneDb.db.eventConsumerCursor.updateMany({ data: { position: 1_000n } });
    await appendSequenced(3);
    await pruneDb.db.processedEvent.create({ data: { consumer: 'prune.fast', eventId: randomUUID() } });
    const before = await positions();
    expect(
      await pruneEventLog(pruneDb.db, { transport: 'postgres', before: new Date(Date.now() - 60_000) }),
    ).toEqual({ outbox: 0, processedEvents: 0 });
    expect(await positions()).toEqual(before);
    expect(await pruneEventLog(pruneDb.db, { transport: 'postgres', before: future() })).toEqual({
      outbox: before.length - 1,
      processedEvents: 1,
    });
  });

  it('cluster: deletes only rows relayed to JetStream', async () => {
    const written = await appendSequenced(4);
    // As if the relay had moved the first two.
    await pruneDb.db.outboxEvent.updateMany({
      where: { position: { in: written.slice(0, 2).map(BigInt) } },
      data: { publishedAt: new Date() },
    });
    const before = await positions();
    await pruneEventLog(pruneDb.db, { transport: 'nats', before: future() });
    expect(await positions()).toEqual(before.filter((position) => !written.slice(0, 2).includes(position)));
  });
});
