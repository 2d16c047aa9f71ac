// Fault test: a consumer process is SIGKILLed in the middle of a batch, inside an open handler
// transaction, and a second process takes over. For both transports every event must be handled,
// and each side effect must exist exactly once: the killed transaction (a delivery batch) rolls
// back, the PostgreSQL consumer lock is released with the dead connection and its cursor rewinds at
// most one batch; on NATS the unacknowledged messages come back after the ack wait. A poison event
// that crashes its process on every delivery is parked once JetStream gives up on it.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { resolve } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import type { TDbTransaction } from '@lumenforge/db/server';
import { createTestDatabase, type TTestDatabase } from '@lumenforge/db/testing';
import { connectNats, EVENT_STREAM, type NatsConnection } from '@lumenforge/nats/server';
import { startNatsServer, type TNatsServerProcess } from '@lumenforge/nats/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEventBus } from './event-bus.types';
import type { TFaultConsumerConfig } from './fault-consumer.fixture';
import { createNatsEventBus, durableName } from './nats-event-bus';
import { createPostgresEventBus } from './postgres-event-bus';
import { DEPLOY_STARTED } from '@lumenforge/events';
import { listParkedEvents } from './event-delivery';
import { countSideEffects, sampleEvent, subscribeRecording, waitFor } from './testing';

const WORKSPACE_ROOT = resolve(import.meta.dirname, '../../../..');
const FIXTURE = resolve(import.meta.dirname, 'fault-consumer.fixture.ts');

const EVENT_COUNT = 300;
/** The first process hangs inside its 120th handler call (its transaction open) and is killed there. */
const STALL_AT = 120;
const BATCH_SIZE = 50;
const HANDLER_DELAY_MS = 5;
/** Child processes start tsx and Prisma on a loaded 2-core machine: be generous. */
const STEP_TIMEOUT_MS = 60_000;
const TEST_TIMEOUT_MS = 180_000;

type TFixtureLine = { type: string; count?: number; correlationId?: string; message?: string };

type TConsumerProcess = {
  child: ChildProcess;
  lines: TFixtureLine[];
  /** Resolves with the first line matching `predicate`; rejects on timeout or early exit. */
  waitForLine: (predicate: (line: TFixtureLine) => boolean, what: string) => Promise<TFixtureLine>;
  handledCount: () => number;
  kill: () => Promise<void>;
  stop: () => Promise<void>;
};

const children = new Set<ChildProcess>();

function startConsumerProcess(config: TFaultConsumerConfig): TConsumerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, JSON.stringify(config)], {
    cwd: WORKSPACE_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const exited = new Promise<void>((resolveExit) =>
    child.once('exit', () => {
      children.delete(child);
      resolveExit();
    }),
  );
  const lines: TFixtureLine[] = [];
  let stderr = '';
  let buffered = '';
  const listeners = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    for (const text of complete) if (text.trim()) lines.push(JSON.parse(text) as TFixtureLine);
    for (const listener of listeners) listener();
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const describeState = () =>
    `exit ${child.exitCode ?? child.signalCode ?? 'none'}; last lines ${JSON.stringify(lines.slice(-3))}; stderr ${stderr.slice(-2_000)}`;

  const waitForLine = (predicate: (line: TFixtureLine) => boolean, what: string) =>
    new Promise<TFixtureLine>((resolveLine, reject) => {
      const check = () => {
        const found = lines.find(predicate);
        if (found) finish(() => resolveLine(found));
        else if (child.exitCode !== null || child.signalCode !== null)
          finish(() => reject(new Error(`consumer process ended before ${what}: ${describeState()}`)));
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`no ${what} within ${STEP_TIMEOUT_MS} ms: ${describeState()}`))),
        STEP_TIMEOUT_MS,
      );
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      void exited.then(check);
      check();
    });

  return {
    child,
    lines,
    waitForLine,
    handledCount: () => lines.filter((line) => line.type === 'handling').length,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Side-effect rows per event of this run: `total` rows over `distinct` events. */
async function countEffects(testDb: TTestDatabase, consumer: string) {
  const [row] = await testDb.db.$queryRaw<{ total: number; distinct: number }[]>`
    SELECT count(*)::int AS total, count(DISTINCT correlation_id)::int AS distinct
    FROM audit_logs WHERE action = 'test.side_effect' AND target_id = ${consumer}`;
  return row ?? { total: 0, distinct: 0 };
}

/** Publishes EVENT_COUNT events, each with its own correlation id; returns those ids. */
async function publishEvents(bus: TEventBus<TDbTransaction>, runId: string): Promise<string[]> {
  const ids = Array.from({ length: EVENT_COUNT }, (_, index) => `${runId}-${index}`);
  for (const id of ids) await bus.publish(sampleEvent(id));
  return ids;
}

/** Every published event has exactly one side-effect row, and there is no other row. */
async function expectExactlyOnce(testDb: TTestDatabase, consumer: string, ids: readonly string[]) {
  const rows = await testDb.db.auditLog.groupBy({
    by: ['correlationId'],
    where: { action: 'test.side_effect', targetId: consumer },
    _count: { _all: true },
  });
  const counts = new Map(rows.map((row) => [row.correlationId, row._count._all]));
  const wrong = ids.filter((id) => counts.get(id) !== 1).map((id) => `${id}: ${counts.get(id) ?? 0}`);
  expect(wrong, 'events whose side effect did not happen exactly once').toEqual([]);
  expect(rows).toHaveLength(ids.length);
}

let pgDb: TTestDatabase;
let natsDb: TTestDatabase;
let nats: TNatsServerProcess;
let nc: NatsConnection;
const buses: TEventBus<TDbTransaction>[] = [];

beforeAll(async () => {
  // One database per transport: the PostgreSQL consumer reads the whole outbox as its log.
  [pgDb, natsDb, nats] = await Promise.all([createTestDatabase(), createTestDatabase(), startNatsServer()]);
  nc = await connectNats({ servers: [nats.url], name: 'event-bus-consumer-crash' });
});

afterAll(async () => {
  await Promise.all([...children].map((child) => child.kill('SIGKILL')));
  await Promise.all(buses.map((bus) => bus.close().catch(() => undefined)));
  await nc?.close().catch(() => undefined);
  await Promise.all([nats?.dispose(), pgDb?.drop(), natsDb?.drop()]);
});

describe('a consumer process killed mid-batch', () => {
  it(
    'PostgreSQL: the lock is released with the dead connection, the standby process takes over from a cursor at most one batch back, every side effect exactly once',
    async () => {
      const runId = randomUUID();
      const consumer = `fault.crash-pg-${runId}`;
      const publisher = createPostgresEventBus({
        db: pgDb.db,
        databaseUrl: pgDb.url,
        onError: () => undefined,
      });
      buses.push(publisher);
      const ids = await publishEvents(publisher, runId);
      const config: TFaultConsumerConfig = {
        transport: 'postgres',
        databaseUrl: pgDb.url,
        consumer,
        subject: 'wissil.build.started',
        handlerDelayMs: HANDLER_DELAY_MS,
        batchSize: BATCH_SIZE,
      };

      const first = startConsumerProcess({ ...config, stallAt: STALL_AT });
      await first.waitForLine((line) => line.type === 'stalled', 'stall in the first process');
      // The standby subscribes while the first process holds the consumer lock: it must not consume.
      const standby = startConsumerProcess(config);
      await standby.waitForLine((line) => line.type === 'subscribed', 'standby subscription');

      // Mid-batch, inside a handler: the stalled event's row is written but not committed, nor are
      // the rows of the events before it in the same delivery transaction.
      const cursor = Number(
        (await pgDb.db.eventConsumerCursor.findUniqueOrThrow({ where: { consumer } })).position,
      );
      const committed = await countEffects(pgDb, consumer);
      expect(committed.total).toBe(committed.distinct);
      expect(committed.total).toBeGreaterThanOrEqual(cursor);
      expect(committed.total).toBeLessThan(STALL_AT);
      // The cursor is persisted once per batch read: behind what was handled, but by less than a batch.
      expect(STALL_AT - 1 - cursor).toBeLessThan(BATCH_SIZE);
      expect(cursor % BATCH_SIZE).toBe(0);
      expect(standby.handledCount()).toBe(0);

      // The consumer lock is the only session advisory lock in this database: the first process has it.
      const lockHolders = async () =>
        (
          await pgDb.db.$queryRaw<{ pid: number }[]>`
          SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`
        ).map((row) => row.pid);
      const [firstHolder, ...others] = await lockHolders();
      expect(firstHolder).toBeDefined();
      expect(others).toEqual([]);

      await first.kill();
      // The killed process's session ends in PostgreSQL, its advisory lock with it, and the standby
      // takes the lock.
      await waitFor(async () => {
        const holders = await lockHolders();
        return holders.length === 1 && holders[0] !== firstHolder;
      }, STEP_TIMEOUT_MS);
      const [stale] = await pgDb.db.$queryRaw<{ alive: number }[]>`
      SELECT count(*)::int AS alive FROM pg_stat_activity WHERE pid = ${firstHolder}`;
      expect(stale?.alive).toBe(0);
      // Settled when the consumer's cursor reaches the end of the log; a loss or a duplicate then
      // shows in the counts below (waiting for a count would only time out).
      const latest = await pgDb.db.outboxEvent.aggregate({ _max: { position: true } });
      await waitFor(async () => {
        const current = await pgDb.db.eventConsumerCursor.findUniqueOrThrow({ where: { consumer } });
        return current.position >= (latest._max.position ?? 0n);
      }, STEP_TIMEOUT_MS);

      await expectExactlyOnce(pgDb, consumer, ids);
      expect(await pgDb.db.processedEvent.count({ where: { consumer } })).toBe(EVENT_COUNT);
      expect(await pgDb.db.parkedEvent.count()).toBe(0);
      // The standby handled everything not committed before the kill; the rewound part of the batch
      // that was committed it found in processed_events and skipped.
      expect(standby.handledCount()).toBe(EVENT_COUNT - committed.total);
      await standby.stop();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'NATS JetStream: unacknowledged messages are redelivered to the next process after the ack wait, every side effect exactly once',
    async () => {
      const runId = randomUUID();
      const consumer = `fault.crash-nats-${runId}`;
      const publisher = createNatsEventBus({
        db: natsDb.db,
        databaseUrl: natsDb.url,
        nc,
        pollIntervalMs: 250,
        onError: () => undefined,
      });
      buses.push(publisher);
      const ids = await publishEvents(publisher, runId);
      await waitFor(
        async () => (await natsDb.db.outboxEvent.count({ where: { publishedAt: null } })) === 0,
        STEP_TIMEOUT_MS,
      );
      const config: TFaultConsumerConfig = {
        transport: 'nats',
        databaseUrl: natsDb.url,
        natsUrl: nats.url,
        consumer,
        subject: 'wissil.build.started',
        handlerDelayMs: HANDLER_DELAY_MS,
        redeliveryBackoffMs: [1_000, 1_000],
      };

      const first = startConsumerProcess({ ...config, stallAt: STALL_AT });
      await first.waitForLine((line) => line.type === 'stalled', 'stall in the first process');
      // The stalled delivery transaction holds the stalled event and those before it in its batch.
      const committed = await countEffects(natsDb, consumer);
      expect(committed.total).toBe(committed.distinct);
      expect(committed.total).toBeLessThan(STALL_AT);
      const jsm = await jetstreamManager(nc);
      const info = () => jsm.consumers.info(EVENT_STREAM, durableName(consumer));
      // The first process pulled more than it handled: those messages wait for redelivery.
      expect((await info()).num_ack_pending).toBeGreaterThan(1);

      await first.kill();
      const second = startConsumerProcess(config);
      // Settled when every stream message was acknowledged (the outbox was relayed before).
      await waitFor(async () => {
        const current = await info();
        return current.num_pending === 0 && current.num_ack_pending === 0;
      }, STEP_TIMEOUT_MS);

      await expectExactlyOnce(natsDb, consumer, ids);
      expect(await natsDb.db.processedEvent.count({ where: { consumer } })).toBe(EVENT_COUNT);
      expect(await natsDb.db.parkedEvent.count()).toBe(0);
      expect(second.handledCount()).toBe(EVENT_COUNT - committed.total);
      await second.stop();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'NATS JetStream: an event that crashes its consumer process on every delivery is parked after max deliveries, with one alert, and the consumer moves on',
    { timeout: TEST_TIMEOUT_MS },
    async () => {
      const runId = randomUUID();
      const consumer = `fault.poison-${runId}`;
      const maxDeliver = 2;
      const redeliveryBackoffMs = [1_000];
      // Its own subject: a new durable consumer starts at the beginning of the stream.
      const subject = 'wissil.deploy.started';
      const busErrors: string[] = [];
      const bus = createNatsEventBus({
        db: natsDb.db,
        databaseUrl: natsDb.url,
        nc,
        pollIntervalMs: 250,
        redeliveryBackoffMs,
        maxDeliver,
        onError: (message) => busErrors.push(message),
      });
      buses.push(bus);
      const poison = sampleEvent(`${runId}-poison`, DEPLOY_STARTED);
      await bus.publish(poison);

      const config: TFaultConsumerConfig = {
        transport: 'nats',
        databaseUrl: natsDb.url,
        natsUrl: nats.url,
        consumer,
        subject,
        handlerDelayMs: 0,
        redeliveryBackoffMs,
        maxDeliver,
        crashOn: poison.correlationId,
      };
      // One process after another takes the event and dies of it. A dead process's pull request
      // can outlive it on the server and use up a delivery too, so count crashes only to prove
      // there were some: the server counts the deliveries. Once it has made `maxDeliver` of them,
      // the next pull makes it raise its max-deliveries advisory instead, and the event is parked.
      const parkedEvents = () => listParkedEvents(natsDb.db, { consumer });
      let crashes = 0;
      for (let round = 0; round < maxDeliver + 2 && (await parkedEvents()).length === 0; round += 1) {
        const crashing = startConsumerProcess(config);
        const hasCrashed = () => crashing.lines.some((line) => line.type === 'crashing');
        await waitFor(async () => hasCrashed() || (await parkedEvents()).length > 0, STEP_TIMEOUT_MS).catch(
          async (error: unknown) => {
            throw new Error(
              `round ${round}: no crash and nothing parked: ${JSON.stringify(crashing.lines)}; errors ${JSON.stringify(busErrors)}; parked in all ${JSON.stringify(await listParkedEvents(natsDb.db))}`,
              {
                cause: error,
              },
            );
          },
        );
        if (hasCrashed()) crashes += 1;
        await crashing.kill(); // waits for the exit
      }
      expect(crashes).toBeGreaterThanOrEqual(1);
      await waitFor(async () => (await parkedEvents()).length === 1, STEP_TIMEOUT_MS);
      expect(await parkedEvents()).toMatchObject([
        { consumer, eventId: poison.id, subject, attempts: maxDeliver },
      ]);
      const alerts = () =>
        natsDb.db.outboxEvent.findMany({
          where: { subject: 'wissil.system.alert', correlationId: poison.correlationId },
        });
      await waitFor(async () => (await alerts()).length === 1);
      await delay(1_000);
      expect(await alerts()).toHaveLength(1);
      expect((await alerts())[0]?.envelope).toMatchObject({
        data: { severity: 'critical', consumer, parkedEventId: poison.id, parkedSubject: subject },
      });
      expect(await countSideEffects(natsDb.db, consumer, poison.correlationId)).toBe(0);

      // A healthy process goes on with the next event; the parked one is not delivered again.
      await subscribeRecording(bus, consumer, subject);
      const next = `${runId}-next`;
      await bus.publish(sampleEvent(next, DEPLOY_STARTED));
      await waitFor(async () => (await countSideEffects(natsDb.db, consumer, next)) === 1, STEP_TIMEOUT_MS);
    },
  );
});
