import { BUILD_STARTED, createEvent, type TEventEnvelope } from '@lumenforge/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from './repositories';
import { readOutbox, sequenceOutbox } from './outbox.repository';
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
});
