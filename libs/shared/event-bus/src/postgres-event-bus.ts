import pg from 'pg';
import { isValidSubjectPattern, subjectMatches } from '@lumenforge/events';
import {
  createRepositories,
  OUTBOX_CHANNEL,
  readOutbox,
  sequenceOutbox,
  type TDbClient,
  type TDbTransaction,
} from '@lumenforge/db/server';
import { deliverEvent } from './event-delivery';
import {
  DEFAULT_RETRY_POLICY,
  type TEventBus,
  type TSubscribeOptions,
  type TSubscription,
} from './event-bus.types';

export type TPostgresEventBusOptions = {
  db: TDbClient;
  /** For the LISTEN connection each subscription holds (and its consumer lock). */
  databaseUrl: string;
  /** Safety net when a notification is missed (e.g. across a reconnect). Default 1 s. */
  pollIntervalMs?: number;
  batchSize?: number;
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
  const reportError = options.onError ?? ((message: string) => console.error(`[event-bus] ${message}`));

  async function subscribe(subscribeOptions: TSubscribeOptions<TDbTransaction>): Promise<TSubscription> {
    const { consumer, subject, handler } = subscribeOptions;
    const retry = subscribeOptions.retry ?? DEFAULT_RETRY_POLICY;
    if (!isValidSubjectPattern(subject))
      throw new Error(`Invalid subject pattern "${subject}" for consumer ${consumer}`);
    await options.db
      .$executeRaw`INSERT INTO event_consumer_cursors (consumer) VALUES (${consumer}) ON CONFLICT DO NOTHING`;

    let isClosed = false;
    let listener: pg.Client | undefined;
    // A notification during a drain must not be lost: it is remembered until the next wait.
    let hasPendingWake = false;
    let wakeWaiter: (() => void) | undefined;
    const wake = () => {
      hasPendingWake = true;
      wakeWaiter?.();
    };
    const waitForWake = () =>
      new Promise<void>((resolveWait) => {
        if (hasPendingWake) {
          hasPendingWake = false;
          return resolveWait();
        }
        const timer = setTimeout(() => {
          wakeWaiter = undefined;
          resolveWait();
        }, pollIntervalMs);
        wakeWaiter = () => {
          clearTimeout(timer);
          wakeWaiter = undefined;
          hasPendingWake = false;
          resolveWait();
        };
      });

    /** Connects the LISTEN client and takes the consumer's lock; false while another process holds it. */
    const acquire = async (): Promise<boolean> => {
      if (!listener) {
        const client = new pg.Client({
          connectionString: options.databaseUrl,
          connectionTimeoutMillis: 5_000,
        });
        client.on('notification', () => wake());
        client.on('error', (error) => {
          reportError(`${consumer}: listen connection lost (${error.message}); reconnecting`);
          listener = undefined;
        });
        await client.connect();
        await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
        listener = client;
      }
      const lock = await listener.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [`lumenforge.consumer.${consumer}`],
      );
      return lock.rows[0]?.locked === true;
    };

    // The cursor is read once when the lock is taken (this process then owns it) and written once
    // per batch. A crash mid-batch redelivers at most that batch, which processed_events absorbs.
    let cursor: number | undefined;
    const drain = async () => {
      cursor ??= Number(
        (await options.db.eventConsumerCursor.findUniqueOrThrow({ where: { consumer } })).position,
      );
      for (;;) {
        await sequenceOutbox(options.db);
        const records = await readOutbox(options.db, { afterPosition: cursor, limit: batchSize });
        for (const record of records) {
          if (isClosed) break;
          if (subjectMatches(subject, record.envelope.subject)) {
            await deliverEvent(options.db, consumer, record.envelope, handler, retry);
          }
          cursor = record.position;
        }
        if (records.length > 0) {
          await options.db.eventConsumerCursor.update({
            where: { consumer },
            data: { position: BigInt(cursor) },
          });
        }
        if (isClosed || records.length < batchSize) return;
      }
    };

    const loop = (async () => {
      let hasLock = false;
      while (!isClosed) {
        try {
          hasLock ||= await acquire();
          if (hasLock) await drain();
        } catch (error) {
          hasLock = false;
          cursor = undefined;
          await listener?.end().catch(() => undefined);
          listener = undefined;
          reportError(`${consumer}: ${error instanceof Error ? error.message : String(error)}; retrying`);
        }
        if (!isClosed) await waitForWake();
      }
    })();

    const subscription: TSubscription = {
      consumer,
      close: async () => {
        isClosed = true;
        wake();
        await loop;
        // Ending the session releases the advisory lock for a standby process.
        await listener?.end().catch(() => undefined);
        subscriptions.delete(subscription);
      },
    };
    subscriptions.add(subscription);
    return subscription;
  }

  return {
    transport: 'postgres',
    publish: async (event, publishOptions) => {
      await createRepositories(publishOptions?.tx ?? options.db).outbox.append(event);
    },
    subscribe,
    close: async () => {
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
    },
  };
}
