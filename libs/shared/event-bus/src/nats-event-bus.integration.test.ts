import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { createTestDatabase, type TTestDatabase } from '@lumenforge/db/testing';
import { connectNats, EVENT_STREAM, type NatsConnection } from '@lumenforge/nats/server';
import { startNatsServer, type TNatsServerProcess } from '@lumenforge/nats/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNatsEventBus, durableName } from './nats-event-bus';
import {
  countSideEffects,
  describeEventBusContract,
  sampleEvent,
  subscribeRecording,
  waitFor,
} from './testing';

// A private nats-server: durable consumers start at the beginning of the stream, and the shared
// server's stream holds every earlier run's events.
let nats: TNatsServerProcess;
let nc: NatsConnection;
let testDb: TTestDatabase;
beforeAll(async () => {
  [nats, testDb] = await Promise.all([startNatsServer(), createTestDatabase()]);
  nc = await connectNats({ servers: [nats.url], name: 'event-bus-test' });
});
afterAll(async () => {
  await nc?.close();
  await Promise.all([nats?.dispose(), testDb?.drop()]);
});

const createBus = () =>
  createNatsEventBus({
    db: testDb.db,
    databaseUrl: testDb.url,
    nc,
    redeliveryBackoffMs: [2_000, 2_000],
    pollIntervalMs: 500,
    onError: () => undefined,
  });

describeEventBusContract('NATS JetStream (outbox relay + durable pull consumers)', () => ({
  db: testDb.db,
  createBus,
}));

describe('NATS JetStream transport', () => {
  it('configures the stream and consumers on purpose: file storage, Nats-Msg-Id dedupe window, explicit ack, backoff', async () => {
    const bus = createBus();
    const consumer = `config.check-${randomUUID()}`;
    await subscribeRecording(bus, consumer, 'wissil.build.*');
    const jsm = await jetstreamManager(nc);
    const stream = await jsm.streams.info(EVENT_STREAM);
    expect(stream.config).toMatchObject({
      subjects: ['wissil.>'],
      storage: 'file',
      duplicate_window: 600_000_000_000,
    });
    const info = await jsm.consumers.info(EVENT_STREAM, durableName(consumer));
    expect(info.config).toMatchObject({
      durable_name: durableName(consumer),
      filter_subject: 'wissil.build.*',
      ack_policy: 'explicit',
      ack_wait: 2_000_000_000,
      backoff: [2_000_000_000, 2_000_000_000],
      max_deliver: 500,
    });
    await bus.close();
  });

  it('marks relayed rows published, and a re-relayed event is dropped by JetStream as a duplicate', async () => {
    const bus = createBus();
    const consumer = `relay.dedupe-${randomUUID()}`;
    const correlationId = `dedupe-${randomUUID()}`;
    await subscribeRecording(bus, consumer, 'wissil.build.started');
    const event = sampleEvent(correlationId);
    await bus.publish(event);
    await waitFor(async () => (await countSideEffects(testDb.db, consumer, correlationId)) === 1);
    // Marked with the relay's next read: here its poll (every 500 ms in this test).
    await waitFor(
      async () =>
        (await testDb.db.outboxEvent.findUniqueOrThrow({ where: { id: event.id } })).publishedAt !== null,
      2_000,
    );

    const jsm = await jetstreamManager(nc);
    const before = (await jsm.streams.info(EVENT_STREAM)).state.messages;
    // As if the relay crashed after JetStream stored the message but before it marked the row.
    await testDb.db.outboxEvent.update({ where: { id: event.id }, data: { publishedAt: null } });
    await bus.publish(sampleEvent(`wake-${randomUUID()}`)); // wakes the relay
    await waitFor(async () => (await testDb.db.outboxEvent.count({ where: { publishedAt: null } })) === 0);
    expect((await jsm.streams.info(EVENT_STREAM)).state.messages).toBe(before + 1); // only the new one
    expect(await countSideEffects(testDb.db, consumer, correlationId)).toBe(1);
    await bus.close();
  });

  it('refuses to reuse a consumer name for another subject', async () => {
    const bus = createBus();
    const consumer = `rename-${randomUUID()}`;
    await subscribeRecording(bus, consumer, 'wissil.build.*');
    await expect(subscribeRecording(bus, consumer, 'wissil.deploy.*')).rejects.toThrow(
      /already exists for "wissil.build.\*"/,
    );
    await bus.close();
  });
});
