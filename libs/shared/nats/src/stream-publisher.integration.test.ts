import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectNats, ensureEventStream, EVENT_STREAM, type NatsConnection } from './client';
import { createStreamPublisher } from './stream-publisher';
import { startNatsServer, type TNatsServerProcess } from './testing';

describe('createStreamPublisher', () => {
  let server: TNatsServerProcess;
  let nc: NatsConnection;
  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connectNats({ servers: [server.url], name: 'stream-publisher-test' });
    await ensureEventStream(nc);
  });
  afterAll(async () => {
    await nc?.close();
    await server?.dispose();
  });

  const lastSequence = async () =>
    (await (await jetstreamManager(nc)).streams.info(EVENT_STREAM)).state.last_seq;

  it('stores a batch in order, and drops a repeated id as a duplicate', async () => {
    const publisher = createStreamPublisher(nc, { stream: EVENT_STREAM });
    const before = await lastSequence();
    const messages = Array.from({ length: 300 }, (_, index) => ({
      subject: 'wissil.system.maintenance',
      data: JSON.stringify({ index }),
      msgId: randomUUID(),
    }));
    await publisher.publishAll(messages);
    expect(await lastSequence()).toBe(before + 300);
    const jsm = await jetstreamManager(nc);
    const stored = await Promise.all(
      [1, 150, 300].map((offset) => jsm.streams.getMessage(EVENT_STREAM, { seq: before + offset })),
    );
    expect(stored.map((message) => message?.json<{ index: number }>().index)).toEqual([0, 149, 299]);
    expect(stored[0]?.header.get('Nats-Msg-Id')).toBe(messages[0]?.msgId);

    await publisher.publishAll([
      ...messages.slice(0, 10),
      { ...messages[0], msgId: randomUUID() } as (typeof messages)[0],
    ]);
    expect(await lastSequence()).toBe(before + 301); // only the new id
    publisher.close();
  });

  it('rejects when the stream refuses a message, and when nothing stores it', async () => {
    const wrongStream = createStreamPublisher(nc, { stream: 'NOT_THE_STREAM' });
    await expect(
      wrongStream.publishAll([{ subject: 'wissil.system.maintenance', data: '{}', msgId: randomUUID() }]),
    ).rejects.toThrow(/JetStream refused a publish: expected stream does not match/);
    wrongStream.close();

    const noStream = createStreamPublisher(nc, { stream: EVENT_STREAM });
    await expect(
      noStream.publishAll([{ subject: 'elsewhere.subject', data: '{}', msgId: randomUUID() }]),
    ).rejects.toThrow(/no responders/);
    noStream.close();
  });

  it('rejects after the timeout while the server is down', async () => {
    const publisher = createStreamPublisher(nc, { stream: EVENT_STREAM, timeoutMs: 500 });
    await server.stop();
    try {
      await expect(
        publisher.publishAll([{ subject: 'wissil.system.maintenance', data: '{}', msgId: randomUUID() }]),
      ).rejects.toThrow(/did not acknowledge 1 publishes within 500 ms/);
    } finally {
      await server.start();
      publisher.close();
    }
  });
});
