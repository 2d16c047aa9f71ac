import { setTimeout as delay } from 'node:timers/promises';
import { createEvent, parseEvent, SYSTEM_ALERT, type TEventEnvelope } from '@lumenforge/events';
import { createRepositories, type TDbClient, type TDbTransaction } from '@lumenforge/db/server';
import { recordEventConsumed } from '@lumenforge/observability/server';
import type { TEventHandler, TRetryPolicy } from './event-bus.types';

export type TDeliveryOutcome = 'processed' | 'duplicate' | 'parked';

function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 4000);
}

/** A batch commits what it has handled once its transaction has been open this long. */
const BATCH_BUDGET_MS = 500;
/** Prisma's interactive-transaction timeout for a batch: the budget plus one slow handler. */
const BATCH_TRANSACTION_TIMEOUT_MS = 15_000;

/** A handler threw inside a batch: which event, and what it threw. */
class BatchHandlerFailure extends Error {
  constructor(
    readonly index: number,
    readonly reason: unknown,
  ) {
    super(`handler failed on event ${index} of the batch: ${errorMessage(reason)}`);
  }
}

export type TDeliverEventsOptions = {
  /** Checked between transactions; false stops early (the process is closing). */
  shouldContinue?: () => boolean;
};

/**
 * Hands `events` to one consumer's handler in order, as few transactions as possible, exactly once
 * in effect: each transaction inserts the batch's `processed_events` rows (skipping events already
 * processed) and runs the handlers, so their writes and the records commit together. A batch
 * commits after `BATCH_BUDGET_MS` and goes on in the next transaction, so slow handlers never hold
 * one open for long.
 *
 * When a handler throws, the whole batch rolls back (the transaction may be aborted, so nothing in
 * it can be kept): the events before the failing one are handled again in a new batch (their
 * handlers run again; their writes through `tx` still happen once), and the failing one, its first
 * attempt spent, continues through `deliverEvent`'s retries and parking. Order is kept: nothing
 * after a failing event is handled before it was handled or parked.
 *
 * Returns one outcome per event handled, in order; fewer than `events` only when `shouldContinue`
 * stopped it. Throws when the database fails (not the handler): the caller redelivers.
 */
export async function deliverEvents(
  db: TDbClient,
  consumer: string,
  events: readonly TEventEnvelope[],
  handler: TEventHandler<TDbTransaction>,
  policy: TRetryPolicy,
  options: TDeliverEventsOptions = {},
): Promise<TDeliveryOutcome[]> {
  const outcomes: TDeliveryOutcome[] = [];
  let failure: { index: number; error: unknown } | undefined;
  while (outcomes.length < events.length && (options.shouldContinue?.() ?? true)) {
    const next = outcomes.length;
    if (failure?.index === next) {
      const event = events[next] as TEventEnvelope;
      outcomes.push(await deliverEvent(db, consumer, event, handler, policy, { error: failure.error }));
      failure = undefined;
      continue;
    }
    try {
      outcomes.push(...(await deliverBatch(db, consumer, events.slice(next, failure?.index), handler)));
    } catch (error) {
      if (!(error instanceof BatchHandlerFailure)) throw error;
      failure = { index: next + error.index, error: error.reason };
    }
  }
  return outcomes;
}

/** One transaction of `deliverEvents`: a prefix of `events`, until the budget runs out. */
async function deliverBatch(
  db: TDbClient,
  consumer: string,
  events: readonly TEventEnvelope[],
  handler: TEventHandler<TDbTransaction>,
): Promise<TDeliveryOutcome[]> {
  const outcomes = await db.$transaction(
    async (tx) => {
      const ids = events.map((event) => event.id.toLowerCase());
      const inserted = await tx.$queryRaw<Array<{ event_id: string }>>`
        INSERT INTO processed_events (consumer, event_id)
        SELECT ${consumer}, event_id FROM unnest(${ids}::uuid[]) AS event_id
        ON CONFLICT DO NOTHING
        RETURNING event_id::text`;
      // Not processed before; an event is removed once handled, so a second copy of it in the same
      // batch (a redelivery) counts as a duplicate.
      const unhandled = new Set(inserted.map((row) => row.event_id));
      const startedAt = performance.now();
      const results: TDeliveryOutcome[] = [];
      let handledCount = 0;
      for (const [index, event] of events.entries()) {
        const id = ids[index] as string;
        if (!unhandled.has(id)) {
          results.push('duplicate');
          continue;
        }
        if (handledCount > 0 && performance.now() - startedAt > BATCH_BUDGET_MS) {
          // Commit what was handled; the rest go in the next transaction, their records taken back.
          await tx.$executeRaw`
            DELETE FROM processed_events WHERE consumer = ${consumer} AND event_id = ANY(${[...unhandled]}::uuid[])`;
          break;
        }
        unhandled.delete(id);
        try {
          await handler(event, { tx, attempt: 1 });
        } catch (error) {
          throw new BatchHandlerFailure(index, error);
        }
        handledCount += 1;
        results.push('processed');
      }
      return results;
    },
    { timeout: BATCH_TRANSACTION_TIMEOUT_MS },
  );
  for (const [index, outcome] of outcomes.entries())
    recordEventConsumed(
      consumer,
      (events[index] as TEventEnvelope).subject,
      outcome === 'processed' ? 'ok' : 'duplicate',
    );
  return outcomes;
}

/**
 * Hands one event to one consumer's handler, exactly once in effect: the processed-event row and
 * the handler's writes share a transaction, so a redelivered event finds the row and is skipped.
 * A failing handler is retried per `policy`; after the last attempt the event is parked (dead
 * letter with the error) and `wissil.system.alert` is published, in one transaction.
 * `firstAttemptFailure`: the first attempt already ran and failed (in a batch); go on from the second.
 */
export async function deliverEvent(
  db: TDbClient,
  consumer: string,
  event: TEventEnvelope,
  handler: TEventHandler<TDbTransaction>,
  policy: TRetryPolicy,
  firstAttemptFailure?: { error: unknown },
): Promise<TDeliveryOutcome> {
  let lastError: unknown;
  const attemptFailed = async (attempt: number, error: unknown) => {
    lastError = error;
    if (attempt < policy.attempts) {
      recordEventConsumed(consumer, event.subject, 'retry');
      await delay(policy.backoffMs(attempt));
    }
  };
  let firstAttempt = 1;
  if (firstAttemptFailure) {
    await attemptFailed(1, firstAttemptFailure.error);
    firstAttempt = 2;
  }
  for (let attempt = firstAttempt; attempt <= policy.attempts; attempt += 1) {
    try {
      const outcome = await db.$transaction(async (tx) => {
        const inserted = await tx.$executeRaw`
          INSERT INTO processed_events (consumer, event_id) VALUES (${consumer}, ${event.id}::uuid) ON CONFLICT DO NOTHING`;
        if (inserted === 0) return 'duplicate' as const;
        await handler(event, { tx, attempt });
        return 'processed' as const;
      });
      recordEventConsumed(consumer, event.subject, outcome === 'processed' ? 'ok' : 'duplicate');
      return outcome;
    } catch (error) {
      await attemptFailed(attempt, error);
    }
  }
  const attempts = Math.max(policy.attempts, 1);
  const error = errorMessage(lastError);
  await db.$transaction(async (tx) => {
    const envelope = JSON.parse(JSON.stringify(event));
    await tx.parkedEvent.upsert({
      where: { consumer_eventId: { consumer, eventId: event.id } },
      create: { consumer, eventId: event.id, subject: event.subject, envelope, error, attempts },
      update: { error, attempts, parkedAt: new Date(), replayedAt: null },
    });
    await raiseParkedAlert(tx, consumer, event, `Event parked after ${attempts} failed attempts: ${error}`);
  });
  recordEventConsumed(consumer, event.subject, 'parked');
  return 'parked';
}

/**
 * Parks an event JetStream gave up on: delivered `deliveries` times (its `max_deliver`) and never
 * acknowledged, because the consumer crashed or could not reach the database every time. Raises
 * `wissil.system.alert` in the same transaction. Does nothing, and returns false, when the consumer
 * did handle it (only its acknowledgement was lost) or it is already parked and not yet replayed.
 */
export async function parkUndeliveredEvent(
  db: TDbClient,
  consumer: string,
  event: TEventEnvelope,
  deliveries: number,
): Promise<boolean> {
  const error = `JetStream gave up after ${deliveries} deliveries without an acknowledgement (the consumer crashed or could not reach the database each time)`;
  return db.$transaction(async (tx) => {
    const handled = await tx.processedEvent.count({ where: { consumer, eventId: event.id } });
    if (handled > 0) return false;
    const envelope = JSON.stringify(event);
    const parked = await tx.$executeRaw`
      INSERT INTO parked_events (consumer, event_id, subject, envelope, error, attempts)
      VALUES (${consumer}, ${event.id}::uuid, ${event.subject}, ${envelope}::jsonb, ${error}, ${deliveries})
      ON CONFLICT (consumer, event_id) DO UPDATE
        SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, parked_at = now(), replayed_at = NULL
        WHERE parked_events.replayed_at IS NOT NULL`;
    if (parked === 0) return false;
    await raiseParkedAlert(tx, consumer, event, `Event parked: ${error}`);
    return true;
  });
}

/** `wissil.system.alert` about a parked event, on the parking transaction. */
async function raiseParkedAlert(
  tx: TDbTransaction,
  consumer: string,
  event: TEventEnvelope,
  message: string,
): Promise<void> {
  // An alert about a parked alert would feed on itself.
  if (event.subject === SYSTEM_ALERT.subject) return;
  await createRepositories(tx).outbox.append(
    createEvent(SYSTEM_ALERT, {
      data: {
        severity: 'critical',
        source: consumer.split('.')[0] ?? consumer,
        message: message.slice(0, 4000),
        parkedEventId: event.id,
        parkedSubject: event.subject,
        consumer,
      },
      actor: { type: 'system', id: consumer },
      correlationId: event.correlationId,
      workspaceId: event.workspaceId,
    }),
  );
}

export type TParkedEvent = {
  id: string;
  consumer: string;
  eventId: string;
  subject: string;
  error: string;
  attempts: number;
  parkedAt: Date;
};

/** Parked events not yet replayed, oldest first. */
export async function listParkedEvents(
  db: TDbClient,
  options: { consumer?: string } = {},
): Promise<TParkedEvent[]> {
  return db.parkedEvent.findMany({
    where: { replayedAt: null, ...(options.consumer ? { consumer: options.consumer } : {}) },
    orderBy: { parkedAt: 'asc' },
    select: {
      id: true,
      consumer: true,
      eventId: true,
      subject: true,
      error: true,
      attempts: true,
      parkedAt: true,
    },
  });
}

/**
 * Runs a parked event through its consumer's handler again (e.g. after a fix). On success the
 * parked row is marked replayed; on failure it stays parked with the new error.
 */
export async function replayParkedEvent(
  db: TDbClient,
  parkedId: string,
  handler: TEventHandler<TDbTransaction>,
  policy: TRetryPolicy,
): Promise<TDeliveryOutcome> {
  const parked = await db.parkedEvent.findUniqueOrThrow({ where: { id: parkedId } });
  const parsed = parseEvent(parked.envelope);
  if (!parsed.success) throw parsed.error;
  const outcome = await deliverEvent(db, parked.consumer, parsed.event, handler, policy);
  if (outcome !== 'parked')
    await db.parkedEvent.update({ where: { id: parkedId }, data: { replayedAt: new Date() } });
  return outcome;
}
