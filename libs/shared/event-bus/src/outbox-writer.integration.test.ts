import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TTestDatabase } from '@lumenforge/db/testing';
import type { TEventEnvelope } from '@lumenforge/events';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventPathPool, sequenceAndReadLog } from './outbox-sql';
import { createOutboxWriter } from './outbox-writer';
import { sampleEvent } from './testing';

let testDb: TTestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  testDb = await createTestDatabase();
  pool = createEventPathPool(testDb.url, () => undefined);
});
afterAll(async () => {
  await pool.end();
  await testDb.drop();
});

describe('outbox writer (grouped publishes on plain pg)', () => {
  it('writes publishes made together in publish order, and a duplicate id fails only its own write', async () => {
    const writer = createOutboxWriter(pool);
    const prefix = `writer-${randomUUID()}`;
    const events = Array.from({ length: 40 }, (_, index) => sampleEvent(`${prefix}-${index}`));
    const duplicate = events[7];
    if (!duplicate) throw new Error('no event 7');
    await writer.write(duplicate); // already in the outbox when the group below is written

    const results = await Promise.allSettled(events.map((event) => writer.write(event)));
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1);
    expect(results[7]?.status).toBe('rejected');

    const log = await sequenceAndReadLog(pool, { afterPosition: 0, limit: 1_000 });
    const written = log
      .map((record) => record.envelope.correlationId)
      .filter((correlationId) => correlationId.startsWith(prefix));
    expect(written).toEqual([
      `${prefix}-7`,
      ...events.map((event) => event.correlationId).filter((id) => id !== `${prefix}-7`),
    ]);
    // Positions are gapless and ascending.
    const positions = log.map((record) => record.position);
    expect(positions).toEqual(positions.map((_, index) => (positions[0] ?? 0) + index));
  });

  it('refuses an invalid event without writing it, and the others of its group commit', async () => {
    const writer = createOutboxWriter(pool);
    const valid = sampleEvent(`valid-${randomUUID()}`);
    const invalid = {
      ...sampleEvent(`invalid-${randomUUID()}`),
      data: { buildId: 'not a uuid' },
    } as unknown as TEventEnvelope;
    const [validResult, invalidResult] = await Promise.allSettled([
      writer.write(valid),
      writer.write(invalid),
    ]);
    expect(validResult.status).toBe('fulfilled');
    expect(invalidResult.status).toBe('rejected');
    const rows = await pool.query<{ id: string }>('SELECT id::text FROM outbox WHERE id = ANY($1::uuid[])', [
      [valid.id, invalid.id],
    ]);
    expect(rows.rows.map((row) => row.id)).toEqual([valid.id]);
  });
});
