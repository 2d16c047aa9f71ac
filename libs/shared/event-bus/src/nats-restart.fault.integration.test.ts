// Fault test: the NATS server is killed (SIGKILL) and restarted while 10,000 events go through the
// outbox, the relay and a durable JetStream consumer. Every event must be delivered, each handler
// side effect must happen exactly once, the outbox must drain and nothing may be parked.
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { jetstreamManager } from '@nats-io/jetstream';
import { createDbClient, type TDbClient, type TDbTransaction } from '@lumenforge/db/server';
import { createTestDatabase, type TTestDatabase } from '@lumenforge/db/testing';
import { connectNats, EVENT_STREAM, type NatsConnection } from '@lumenforge/nats/server';
import { startNatsServer, type TNatsServerProcess } from '@lumenforge/nats/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEventBus, TEventHandler } from './event-bus.types';
import { createNatsEventBus, durableName } from './nats-event-bus';
import { BUILD_STARTED, DEPLOY_STARTED } from '@lumenforge/events';
import { FAST_RETRY, sampleEvent } from './testing';

const EVENT_COUNT = 10_000;
const PUBLISH_CONCURRENCY = 8;
/** First restart once this many events are in the outbox (publishing and consuming both under way). */
const RESTART_WHILE_PUBLISHING_AT = 3_000;
/** Second restart once the handler has seen this many events (publishing done, consuming under way). */
const RESTART_WHILE_CONSUMING_AT = 6_000;
const OUTAGE_MS = 1_000;

/**
 * Polls `check` every 200 ms until true (counting 10,000 rows every 25 ms would load the machine).
 * A check that throws (NATS still reconnecting after a restart) counts as not yet.
 */
async function pollUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: not reached within ${timeoutMs} ms`, { cause: lastError });
    await delay(200);
  }
}

let nats: TNatsServerProcess;
let nc: NatsConnection;
let testDb: TTestDatabase;
// Publishers and the consumer get their own pools, as two app processes would.
let publisherDb: TDbClient;
let consumerDb: TDbClient;
const buses: TEventBus<TDbTransaction>[] = [];
const errors: string[] = [];

beforeAll(async () => {
  [nats, testDb] = await Promise.all([startNatsServer(), createTestDatabase()]);
  publisherDb = createDbClient(testDb.url, {
    poolMax: PUBLISH_CONCURRENCY,
    applicationName: 'fault-publisher',
  });
  consumerDb = createDbClient(testDb.url, { poolMax: 4, applicationName: 'fault-consumer' });
  nc = await connectNats({ servers: [nats.url], name: 'event-bus-nats-restart' });
});

afterAll(async () => {
  await Promise.all(buses.map((bus) => bus.close().catch(() => undefined)));
  await nc?.close().catch(() => undefined);
  await Promise.all([publisherDb?.$disconnect(), consumerDb?.$disconnect()]);
  await Promise.all([nats?.dispose(), testDb?.drop()]);
});

const createBus = (db: TDbClient) => {
  const bus = createNatsEventBus({
    db,
    databaseUrl: testDb.url,
    nc,
    // Short ack wait: messages delivered but not acknowledged when the server died come back soon.
    redeliveryBackoffMs: [2_000, 2_000],
    pollIntervalMs: 250,
    onError: (message) => errors.push(message),
  });
  buses.push(bus);
  return bus;
};

describe('NATS JetStream transport under a server restart', () => {
  it('delivers 10,000 events, each side effect exactly once, while NATS restarts mid-publish and mid-consume', async () => {
    const runId = randomUUID();
    const publisherBus = createBus(publisherDb);
    const consumerBus = createBus(consumerDb);

    // Two durable consumers (two handlers), each on its own subject: half of the events each.
    // Even-numbered events are builds, odd-numbered ones deployments.
    const consumers = [
      { name: `fault.builds-${runId}`, subject: BUILD_STARTED.subject, parity: 0 },
      { name: `fault.deploys-${runId}`, subject: DEPLOY_STARTED.subject, parity: 1 },
    ] as const;
    let handlerCalls = 0; // attempts, rolled-back ones included: only a progress signal
    for (const consumer of consumers) {
      // The side effect: an audit row per event, written through the handler's tx. Raw SQL because
      // it runs 10,000 times on a 2-core machine, and a Prisma create costs about twice as much.
      const handler: TEventHandler<TDbTransaction> = async (event, { tx }) => {
        handlerCalls += 1;
        await tx.$executeRaw`
          INSERT INTO audit_logs (action, target_type, target_id, correlation_id)
          VALUES ('test.side_effect', 'consumer', ${consumer.name}, ${event.correlationId})`;
      };
      await consumerBus.subscribe({
        consumer: consumer.name,
        subject: consumer.subject,
        handler,
        retry: FAST_RETRY,
      });
    }

    // Each event gets its own correlation id, so a duplicate or a loss shows per event.
    let published = 0;
    let nextIndex = 0;
    const publishAll = () =>
      Promise.all(
        Array.from({ length: PUBLISH_CONCURRENCY }, async () => {
          for (let index = nextIndex++; index < EVENT_COUNT; index = nextIndex++) {
            const definition = index % 2 === 0 ? BUILD_STARTED : DEPLOY_STARTED;
            await publisherBus.publish(sampleEvent(`${runId}-${index}`, definition));
            published += 1;
          }
        }),
      );

    const restarts: { reason: string; published: number; handlerCalls: number }[] = [];
    const restartNats = async (reason: string) => {
      restarts.push({ reason, published, handlerCalls });
      await nats.stop(); // SIGKILL
      await delay(OUTAGE_MS);
      await nats.start(); // same port, same store
    };
    const chaos = async () => {
      await pollUntil(() => published >= RESTART_WHILE_PUBLISHING_AT, 60_000, 'publishing progress');
      await restartNats('while publishing');
      await pollUntil(() => handlerCalls >= RESTART_WHILE_CONSUMING_AT, 100_000, 'consuming progress');
      await restartNats('while consuming');
    };

    const started = performance.now();
    let publishedInMs = 0;
    await Promise.all([
      publishAll().then(() => (publishedInMs = Math.round(performance.now() - started))),
      chaos(),
    ]);

    // Both restarts hit work in flight, or this test proved nothing.
    const [duringPublish, duringConsume] = restarts;
    expect(duringPublish?.published).toBeLessThan(EVENT_COUNT);
    expect(duringPublish?.handlerCalls).toBeGreaterThan(0);
    expect(duringConsume?.handlerCalls).toBeLessThan(EVENT_COUNT);

    // Settled once the relay moved every outbox row to the stream and both consumers acknowledged
    // every stream message (redeliveries after the restarts included). A loss or a duplicate then
    // shows in the counts below; waiting for a count to reach 10,000 would only time out.
    await pollUntil(
      async () => (await testDb.db.outboxEvent.count({ where: { publishedAt: null } })) === 0,
      90_000,
      'outbox drained',
    );
    // No account lookup on creation: the connection may still be reconnecting after the restart.
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    const consumerInfos = () =>
      Promise.all(consumers.map(({ name }) => jsm.consumers.info(EVENT_STREAM, durableName(name))));
    await pollUntil(
      async () =>
        (await consumerInfos()).every((info) => info.num_pending === 0 && info.num_ack_pending === 0),
      120_000,
      'consumers fully acknowledged',
    );
    const elapsedMs = Math.round(performance.now() - started);

    // Exactly once per event: each consumer has one side-effect row for each of its 5,000 events
    // (every other event of the run), and no other row.
    for (const consumer of consumers) {
      const [effects] = await testDb.db.$queryRaw<{ total: number; distinct: number; missing: number }[]>`
        SELECT count(*)::int AS total, count(DISTINCT correlation_id)::int AS distinct,
          (SELECT count(*)::int FROM generate_series(${consumer.parity}, ${EVENT_COUNT - 1}, 2) AS i
            WHERE NOT EXISTS (SELECT 1 FROM audit_logs
              WHERE target_id = ${consumer.name} AND correlation_id = ${runId}::text || '-' || i::text)
          ) AS missing
        FROM audit_logs WHERE action = 'test.side_effect' AND target_id = ${consumer.name}`;
      expect(effects, consumer.name).toEqual({
        total: EVENT_COUNT / 2,
        distinct: EVENT_COUNT / 2,
        missing: 0,
      });
    }
    expect(await testDb.db.processedEvent.count()).toBe(EVENT_COUNT);

    // Nothing left behind: every outbox row relayed, nothing parked (hence no alert either).
    expect(await testDb.db.outboxEvent.count()).toBe(EVENT_COUNT);
    expect(await testDb.db.outboxEvent.count({ where: { publishedAt: null } })).toBe(0);
    expect(await testDb.db.parkedEvent.count()).toBe(0);

    // A batch re-relayed after the outage (its publish acks were lost) was dropped by Nats-Msg-Id.
    const stream = await jsm.streams.info(EVENT_STREAM);
    expect(stream.state.messages).toBe(EVENT_COUNT);

    console.info(
      `[nats-restart] ${EVENT_COUNT} events published in ${publishedInMs} ms, all handled in ${elapsedMs} ms; ` +
        `restarts ${JSON.stringify(restarts)}; handler calls ${handlerCalls}; ` +
        `transport errors reported: ${errors.length}` +
        errors
          .slice(0, 5)
          .map((error) => `\n  ${error}`)
          .join(''),
    );
  }, 170_000);
});
