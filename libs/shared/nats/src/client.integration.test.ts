import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectNats, ensureEventStream, EVENT_STREAM, pingNats, type NatsConnection } from './client';
import { readTestNatsUrl, startNatsServer, type TNatsServerProcess } from './testing';

describe('NATS connection and event stream', () => {
  // A private server: these tests create, restart and inspect the stream.
  let server: TNatsServerProcess;
  let nc: NatsConnection;
  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connectNats({ servers: [server.url], name: 'nats-test' });
  });
  afterAll(async () => {
    await nc?.close();
    await server?.dispose();
  });

  it('pings the shared server with JetStream enabled', async () => {
    const shared = await connectNats({ servers: [readTestNatsUrl()], name: 'nats-test' });
    expect((await pingNats(shared)).latencyMs).toBeGreaterThanOrEqual(0);
    await shared.close();
  });

  it('creates the stream idempotently, with file storage and duplicate suppression by Nats-Msg-Id', async () => {
    const info = await ensureEventStream(nc, { duplicateWindowMs: 60_000 });
    expect(info.config).toMatchObject({ name: EVENT_STREAM, subjects: ['wissil.>'], storage: 'file' });
    const again = await ensureEventStream(nc, { duplicateWindowMs: 120_000 });
    expect(again.config.duplicate_window).toBe(120_000_000_000);

    const js = jetstream(nc);
    const id = randomUUID();
    const first = await js.publish('wissil.system.maintenance', '{}', { msgID: id });
    const second = await js.publish('wissil.system.maintenance', '{}', { msgID: id });
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    expect(second.seq).toBe(first.seq);
  });

  it('fails the ping while the server is down and recovers on its own when it returns', async () => {
    await ensureEventStream(nc);
    await pingNats(nc);
    await server.stop();
    await expect(pingNats(nc, 500)).rejects.toThrow(/NATS/);
    await server.start();
    await expect
      .poll(
        async () =>
          pingNats(nc, 500).then(
            () => 'ok',
            (error: Error) => error.message,
          ),
        { timeout: 10_000 },
      )
      .toBe('ok');
    // File storage: the stream and its messages survived the restart.
    const jsm = await jetstreamManager(nc);
    expect((await jsm.streams.info(EVENT_STREAM)).state.messages).toBeGreaterThan(0);
  });
});
