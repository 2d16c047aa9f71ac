import { isValidSubjectPattern, subjectMatches } from '@lumenforge/events';
import {
  createRepositories,
  readOutbox,
  sequenceOutbox,
  type TDbClient,
  type TDbTransaction,
} from '@lumenforge/db/server';
import { processLogger, recordEventPublished } from '@lumenforge/observability/server';
import { deliverEvents } from './event-delivery';
import { startEventLogPruner, type TEventLogRetention } from './event-log-pruner';
import { createOutboxWriter } from './outbox-writer';
import { startOutboxWorker } from './outbox-worker';
import { createEventPathPool, sequenceAndReadLog, type TPgQueryable } from './outbox-sql';
import {
  DEFAULT_RETRY_POLICY,
  type TConsumerLag,
  type TEventBus,
  type TSubscribeOptions,
  type TSubscription,
  type TTailedEvent,
  type TTailOptions,
} from './event-bus.types';
import { createOutboxNotifications, type TOutboxNotifications } from './outbox-notifications';

export type TPostgresEventBusOptions = {
  db: TDbClient;
  /** For the LISTEN connection each subscription holds (and its consumer lock). */
  databaseUrl: string;
  /** Safety net when a notification is missed (e.g. across a reconnect). Default 1 s. */
  pollIntervalMs?: number;
  /** Events a consumer reads from the log at a time (and delivers in as few transactions). Default 200. */
  batchSize?: number;
  /** Pruning of events every consumer has passed (default: after 7 days); `false`: keep everything. */
  retention?: TEventLogRetention | false;
  onError?: (message: string) => void;
};

/**
 * Single-node transport: the outbox is the log. Each durable consumer keeps a cursor (its last
 * position) in `event_consumer_cursors`; LISTEN/NOTIFY wakes it when an event commits in any
 * process. A session advisory lock per consumer name lets one process at a time consume, with
 * others on standby, so two app instances never run the same consumer concurrently.
 */
export function createPostgresEventBus(options: TPostgresEventBusOptions): TEventBus<TDbTransaction> {
  const subscriptions = new Set<TSubscription>();
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const batchSize = options.batchSize ?? 200;
  const reportError =
    options.onError ?? ((message: string) => processLogger().error({ component: 'event-bus' }, message));
  const pool = createEventPathPool(options.databaseUrl, reportError);
  const writer = createOutboxWriter(pool);
  let poolEnded: Promise<void> | undefined;
  const pruner =
    options.retention === false
      ? undefined
      : startEventLogPruner({
          db: options.db,
          transport: 'postgres',
          retention: options.retention ?? {},
          reportError,
        });

  async function subscribe(subscribeOptions: TSubscribeOptions<TDbTransaction>): Promise<TSubscription> {
    const { consumer, subject, handler } = subscribeOptions;
    const retry = subscribeOptions.retry ?? DEFAULT_RETRY_POLICY;
    if (!isValidSubjectPattern(subject))
      throw new Error(`Invalid subject pattern "${subject}" for consumer ${consumer}`);
    await options.db
      .$executeRaw`INSERT INTO event_consumer_cursors (consumer) VALUES (${consumer}) ON CONFLICT DO NOTHING`;

    // The cursor is read once when the lock is taken (this process then owns it) and written once
    // per batch read, after its events were delivered (in as few transactions as their handlers'
    // time allows). A crash mid-batch redelivers at most that batch, which processed_events absorbs.
    // The write goes with the next read (one round trip, not on the next event's path); when no
    // read follows, with the poll's (pollIntervalMs), or as the subscription closes.
    let cursor: number | undefined;
    let isCursorUnsaved = false;
    let isClosed = false;
    const unsavedCursor = () =>
      isCursorUnsaved && cursor !== undefined ? { consumer, position: cursor } : undefined;
    const drain = async (holdsLock: () => boolean, connection: TPgQueryable) => {
      cursor ??= Number(
        (await options.db.eventConsumerCursor.findUniqueOrThrow({ where: { consumer } })).position,
      );
      for (;;) {
        const records = await sequenceAndReadLog(connection, {
          afterPosition: cursor,
          limit: batchSize,
          saveCursor: unsavedCursor(),
        });
        isCursorUnsaved = false;
        const matching = records.filter((record) => subjectMatches(subject, record.envelope.subject));
        const outcomes = await deliverEvents(
          options.db,
          consumer,
          matching.map((record) => record.envelope),
          handler,
          retry,
          { shouldContinue: () => !isClosed },
        );
        // Past every record read, or, when closing stopped the delivery early, up to the first
        // matching record not delivered.
        const firstUndelivered = matching[outcomes.length];
        const passed = firstUndelivered ? records.slice(0, records.indexOf(firstUndelivered)) : records;
        const last = passed.at(-1);
        if (last) {
          cursor = last.position;
          isCursorUnsaved = true;
        }
        if (isClosed || !holdsLock() || records.length < batchSize) return;
      }
    };

    const worker = startOutboxWorker({
      databaseUrl: options.databaseUrl,
      lockName: `lumenforge.consumer.${consumer}`,
      pollIntervalMs,
      work: drain,
      beforeRelease: async (connection) => {
        const save = unsavedCursor();
        if (!save) return;
        await connection.query(
          'UPDATE event_consumer_cursors SET position = $1, updated_at = now() WHERE consumer = $2',
          [save.position, save.consumer],
        );
        isCursorUnsaved = false;
      },
      onReset: () => {
        cursor = undefined;
        isCursorUnsaved = false;
      },
      reportError,
    });

    const subscription: TSubscription = {
      consumer,
      close: async () => {
        isClosed = true;
        await worker.close();
        subscriptions.delete(subscription);
      },
    };
    subscriptions.add(subscription);
    return subscription;
  }

  let notifications: TOutboxNotifications | undefined;

  const openTails = new Set<AbortController>();

  async function* tail(tailOptions: TTailOptions): AsyncGenerator<TTailedEvent> {
    const { subjects } = tailOptions;
    // Ends when the caller aborts or the bus closes, whichever comes first.
    const stop = new AbortController();
    const { signal } = stop;
    const forward = () => stop.abort();
    if (tailOptions.signal.aborted) return;
    tailOptions.signal.addEventListener('abort', forward, { once: true });
    openTails.add(stop);
    try {
      yield* followOutbox(subjects, tailOptions.after, signal);
    } finally {
      tailOptions.signal.removeEventListener('abort', forward);
      openTails.delete(stop);
    }
  }

  async function* followOutbox(
    subjects: readonly string[],
    afterCursor: string | undefined,
    signal: AbortSignal,
  ): AsyncGenerator<TTailedEvent> {
    notifications ??= createOutboxNotifications(options.databaseUrl, reportError);
    const after = afterCursor === undefined ? Number.NaN : Number(afterCursor);
    let position = Number.isSafeInteger(after) && after >= 0 ? after : await lastPosition();
    while (!signal.aborted) {
      await sequenceOutbox(options.db);
      const records = await readOutbox(options.db, { afterPosition: position, limit: batchSize });
      for (const record of records) {
        position = record.position;
        if (subjects.some((pattern) => subjectMatches(pattern, record.envelope.subject)))
          yield { cursor: String(record.position), event: record.envelope };
        if (signal.aborted) return;
      }
      if (records.length < batchSize) await notifications.next(pollIntervalMs, signal);
    }
  }

  async function lastPosition(): Promise<number> {
    await sequenceOutbox(options.db);
    const result = await options.db.outboxEvent.aggregate({ _max: { position: true } });
    return Number(result._max.position ?? 0);
  }

  /** Head of the log (plus committed rows not sequenced yet) minus each local consumer's cursor. */
  async function consumerLag(): Promise<TConsumerLag[]> {
    const consumers = [...new Set([...subscriptions].map((subscription) => subscription.consumer))];
    if (consumers.length === 0) return [];
    const rows = await options.db.$queryRaw<Array<{ consumer: string; lag: bigint }>>`
      SELECT c.consumer,
             GREATEST(head.position - c.position, 0)
               + (SELECT count(*) FROM outbox WHERE sequenced_at IS NULL) AS lag
      FROM event_consumer_cursors c
      CROSS JOIN (SELECT COALESCE(MAX(position), 0) AS position FROM outbox) head
      WHERE c.consumer = ANY(${consumers})`;
    return rows.map((row) => ({ consumer: row.consumer, lag: Number(row.lag) }));
  }

  return {
    transport: 'postgres',
    publish: async (event, publishOptions) => {
      // On the caller's transaction; on its own, grouped with other publishes in flight.
      if (publishOptions?.tx) await createRepositories(publishOptions.tx).outbox.append(event);
      else await writer.write(event);
      recordEventPublished(event.subject);
    },
    subscribe,
    tail,
    consumerLag,
    close: async () => {
      for (const stop of openTails) stop.abort();
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      await notifications?.close();
      await pruner?.close();
      await writer.drain();
      poolEnded ??= pool.end();
      await poolEnded;
    },
  };
}
