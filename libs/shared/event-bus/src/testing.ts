import { randomUUID } from 'node:crypto';
import { BUILD_STARTED, createEvent, DEPLOY_STARTED, type TEventEnvelope } from '@lumenforge/events';
import type { TDbClient, TDbTransaction } from '@lumenforge/db/server';
import { describe, expect, it } from 'vitest';
import type { TEventBus, TEventHandler, TRetryPolicy, TSubscription, TTailedEvent } from './event-bus.types';
import { listParkedEvents, replayParkedEvent } from './event-delivery';

export type TEventBusHarness = { db: TDbClient; createBus: () => TEventBus<TDbTransaction> };

export const FAST_RETRY: TRetryPolicy = { attempts: 3, backoffMs: () => 20 };

/** Polls `check` until it returns true (default 10 s). */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 25));
  }
}

export function sampleEvent(
  correlationId: string,
  definition: typeof BUILD_STARTED | typeof DEPLOY_STARTED = BUILD_STARTED,
): TEventEnvelope {
  return createEvent(definition, {
    data: definition.sample,
    actor: { type: 'system', id: 'event-bus-contract' },
    correlationId,
    workspaceId: null,
  });
}

/** A handler whose side effect is an audit row tagged with the event: countable, and transactional. */
export function recordingHandler(consumer: string): TEventHandler<TDbTransaction> {
  return async (event, { tx }) => {
    await tx.auditLog.create({
      data: {
        action: 'test.side_effect',
        targetType: 'consumer',
        targetId: consumer,
        correlationId: event.correlationId,
      },
    });
  };
}

/** Subscribes `consumer` with the recording handler and fast retries: the usual test subscription. */
export function subscribeRecording(
  bus: TEventBus<TDbTransaction>,
  consumer: string,
  subject: string,
): Promise<TSubscription> {
  return bus.subscribe({ consumer, subject, handler: recordingHandler(consumer), retry: FAST_RETRY });
}

export function countSideEffects(db: TDbClient, consumer: string, correlationId: string): Promise<number> {
  return db.auditLog.count({ where: { action: 'test.side_effect', targetId: consumer, correlationId } });
}

/** The behaviour every EventBus transport must have, against real servers. */
export function describeEventBusContract(name: string, harness: () => TEventBusHarness): void {
  describe(`EventBus contract: ${name}`, () => {
    it('delivers a committed event exactly once, and never one whose transaction rolled back', async () => {
      const { db, createBus } = harness();
      const bus = createBus();
      const consumer = `contract.once-${randomUUID()}`;
      const committed = `committed-${randomUUID()}`;
      const rolledBack = `rolled-back-${randomUUID()}`;
      await subscribeRecording(bus, consumer, 'wissil.build.started');
      await bus.publish(sampleEvent(committed));
      await expect(
        db.$transaction(async (tx) => {
          await bus.publish(sampleEvent(rolledBack), { tx });
          throw new Error('change failed');
        }),
      ).rejects.toThrow('change failed');
      await waitFor(async () => (await countSideEffects(db, consumer, committed)) === 1);
      await new Promise((resolveWait) => setTimeout(resolveWait, 300));
      expect(await countSideEffects(db, consumer, committed)).toBe(1);
      expect(await countSideEffects(db, consumer, rolledBack)).toBe(0);
      await bus.close();
    });

    it('delivers only subjects matching the consumer pattern', async () => {
      const { db, createBus } = harness();
      const bus = createBus();
      const consumer = `contract.pattern-${randomUUID()}`;
      const correlationId = `pattern-${randomUUID()}`;
      await subscribeRecording(bus, consumer, 'wissil.deploy.*');
      await bus.publish(sampleEvent(correlationId, BUILD_STARTED));
      await bus.publish(sampleEvent(correlationId, DEPLOY_STARTED));
      await waitFor(async () => (await countSideEffects(db, consumer, correlationId)) === 1);
      await new Promise((resolveWait) => setTimeout(resolveWait, 300));
      expect(await countSideEffects(db, consumer, correlationId)).toBe(1);
      await bus.close();
    });

    it('is durable: a consumer that was down gets what was published meanwhile, and nothing twice', async () => {
      const { db, createBus } = harness();
      const consumer = `contract.durable-${randomUUID()}`;
      const before = `before-${randomUUID()}`;
      const during = `during-${randomUUID()}`;
      const first = createBus();
      await subscribeRecording(first, consumer, 'wissil.build.>');
      await first.publish(sampleEvent(before));
      await waitFor(async () => (await countSideEffects(db, consumer, before)) === 1);
      await first.close();

      const publisher = createBus();
      for (let index = 0; index < 5; index += 1) await publisher.publish(sampleEvent(during));
      const second = createBus();
      await subscribeRecording(second, consumer, 'wissil.build.>');
      await waitFor(async () => (await countSideEffects(db, consumer, during)) === 5);
      expect(await countSideEffects(db, consumer, before)).toBe(1);
      await Promise.all([publisher.close(), second.close()]);
    });

    it('tails live events matching any of several patterns, and resumes after a cursor', async () => {
      const { createBus } = harness();
      const bus = createBus();
      const correlationId = `tail-${randomUUID()}`;
      const controller = new AbortController();
      const live = bus.tail({
        subjects: ['wissil.deploy.*', 'wissil.system.maintenance'],
        signal: controller.signal,
      });
      const iterator = live[Symbol.asyncIterator]();
      const first = iterator.next(); // a tail starts "from now" once it runs
      await new Promise((resolveWait) => setTimeout(resolveWait, 500));
      await bus.publish(sampleEvent(correlationId, BUILD_STARTED)); // not matched
      for (let index = 0; index < 3; index += 1)
        await bus.publish(sampleEvent(correlationId, DEPLOY_STARTED));
      const received: TTailedEvent[] = [];
      for (let next = await first; !next.done; next = await iterator.next()) {
        if (next.value.event.correlationId === correlationId) received.push(next.value);
        if (received.length === 3) break;
      }
      expect(received.map((item) => item.event.subject)).toEqual(Array(3).fill('wissil.deploy.started'));
      controller.abort();

      // A reconnecting browser sends the last cursor it saw (Last-Event-ID) and gets what followed.
      const resumed = new AbortController();
      const replay: TTailedEvent[] = [];
      const timeout = setTimeout(() => resumed.abort(), 5_000);
      for await (const item of bus.tail({
        subjects: ['wissil.deploy.*'],
        after: received[0]?.cursor,
        signal: resumed.signal,
      })) {
        if (item.event.correlationId === correlationId) replay.push(item);
        if (replay.length === 2) break;
      }
      clearTimeout(timeout);
      expect(replay.map((item) => item.event.id)).toEqual(received.slice(1).map((item) => item.event.id));
      await bus.close();
    });

    it('retries a failing handler 3 times, parks the event with its error, raises wissil.system.alert, and replays it', async () => {
      const { db, createBus } = harness();
      const bus = createBus();
      const consumer = `contract.parking-${randomUUID()}`;
      const failing = `failing-${randomUUID()}`;
      const next = `next-${randomUUID()}`;
      let attempts = 0;
      const handler: TEventHandler<TDbTransaction> = async (event, context) => {
        if (event.correlationId === failing) {
          attempts += 1;
          await recordingHandler(consumer)(event, context); // rolled back with the failure
          throw new Error('registry unreachable');
        }
        await recordingHandler(consumer)(event, context);
      };
      await bus.subscribe({ consumer, subject: 'wissil.build.started', handler, retry: FAST_RETRY });
      // The alert travels the bus like any event: a consumer of alerts gets it, once.
      const alertConsumer = `${consumer}.alerts`;
      await subscribeRecording(bus, alertConsumer, 'wissil.system.alert');
      await bus.publish(sampleEvent(failing));
      await bus.publish(sampleEvent(next));
      // The consumer moves on past the parked event.
      await waitFor(async () => (await countSideEffects(db, consumer, next)) === 1);
      expect(attempts).toBe(3);
      expect(await countSideEffects(db, consumer, failing)).toBe(0);

      const [parked] = await listParkedEvents(db, { consumer });
      expect(parked).toMatchObject({
        consumer,
        subject: 'wissil.build.started',
        error: 'registry unreachable',
        attempts: 3,
      });
      const alerts = await db.outboxEvent.findMany({
        where: { subject: 'wissil.system.alert', correlationId: failing },
      });
      expect(alerts).toHaveLength(1);
      expect(alerts[0]?.envelope).toMatchObject({
        data: { severity: 'critical', consumer, parkedSubject: 'wissil.build.started' },
      });
      await waitFor(async () => (await countSideEffects(db, alertConsumer, failing)) === 1);
      await new Promise((resolveWait) => setTimeout(resolveWait, 300));
      expect(await countSideEffects(db, alertConsumer, failing)).toBe(1);

      if (!parked) throw new Error('expected a parked event');
      expect(await replayParkedEvent(db, parked.id, recordingHandler(consumer), FAST_RETRY)).toBe(
        'processed',
      );
      expect(await countSideEffects(db, consumer, failing)).toBe(1);
      expect(await listParkedEvents(db, { consumer })).toEqual([]);
      await bus.close();
    });
  });
}
