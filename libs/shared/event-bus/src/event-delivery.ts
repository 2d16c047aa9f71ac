import { setTimeout as delay } from 'node:timers/promises';
import { createEvent, parseEvent, SYSTEM_ALERT, type TEventEnvelope } from '@lumenforge/events';
import { createRepositories, type TDbClient, type TDbTransaction } from '@lumenforge/db/server';
import { recordEventConsumed } from '@lumenforge/observability/server';
import type { TEventHandler, TRetryPolicy } from './event-bus.types';

export type TDeliveryOutcome = 'processed' | 'duplicate' | 'parked';

function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 4000);
}

/**
 * Hands one event to one consumer's handler, exactly once in effect: the processed-event row and
 * the handler's writes share a transaction, so a redelivered event finds the row and is skipped.
 * A failing handler is retried per `policy`; after the last attempt the event is parked (dead
 * letter with the error) and `wissil.system.alert` is published, in one transaction.
 */
export async function deliverEvent(
  db: TDbClient,
  consumer: string,
  event: TEventEnvelope,
  handler: TEventHandler<TDbTransaction>,
  policy: TRetryPolicy,
): Promise<TDeliveryOutcome> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= policy.attempts; attempt += 1) {
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
      lastError = error;
      if (attempt < policy.attempts) {
        recordEventConsumed(consumer, event.subject, 'retry');
        await delay(policy.backoffMs(attempt));
      }
    }
  }
  await parkEvent(db, consumer, event, errorMessage(lastError), policy.attempts);
  recordEventConsumed(consumer, event.subject, 'parked');
  return 'parked';
}

async function parkEvent(
  db: TDbClient,
  consumer: string,
  event: TEventEnvelope,
  error: string,
  attempts: number,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const envelope = JSON.parse(JSON.stringify(event));
    await tx.parkedEvent.upsert({
      where: { consumer_eventId: { consumer, eventId: event.id } },
      create: { consumer, eventId: event.id, subject: event.subject, envelope, error, attempts },
      update: { error, attempts, parkedAt: new Date(), replayedAt: null },
    });
    // An alert about a parked alert would feed on itself.
    if (event.subject === SYSTEM_ALERT.subject) return;
    await createRepositories(tx).outbox.append(
      createEvent(SYSTEM_ALERT, {
        data: {
          severity: 'critical',
          source: consumer.split('.')[0] ?? consumer,
          message: `Event parked after ${attempts} failed attempts: ${error}`.slice(0, 4000),
          parkedEventId: event.id,
          parkedSubject: event.subject,
          consumer,
        },
        actor: { type: 'system', id: consumer },
        correlationId: event.correlationId,
        workspaceId: event.workspaceId,
      }),
    );
  });
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
