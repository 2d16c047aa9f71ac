import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { createRepositories, type TDbClient, type TDbTransaction } from '@lumenforge/db/server';
import { isValidSubjectPattern, parseEvent, subjectMatches } from '@lumenforge/events';
import {
  ensureEventStream,
  EVENT_STREAM,
  type NatsConnection,
  type TEventStreamOptions,
} from '@lumenforge/nats/server';
import { processLogger, recordEventPublished } from '@lumenforge/observability/server';
import { deliverEvent } from './event-delivery';
import {
  DEFAULT_RETRY_POLICY,
  type TConsumerLag,
  type TEventBus,
  type TSubscribeOptions,
  type TSubscription,
  type TTailedEvent,
  type TTailOptions,
} from './event-bus.types';
import { relayOutboxBatch } from './outbox-relay';
import { startOutboxWorker } from './outbox-worker';

export type TNatsEventBusOptions = {
  db: TDbClient;
  /** For the relay's LISTEN connection (woken when an outbox row commits) and its lock. */
  databaseUrl: string;
  /** The connection, or its promise: an app starts (and publishes to the outbox) while NATS is still unreachable. */
  nc: NatsConnection | Promise<NatsConnection>;
  stream?: TEventStreamOptions;
  /**
   * Redelivery delays of an unacknowledged message (a consumer that crashed, or whose database was
   * unreachable). The first is the ack wait: above the slowest handler, and a handler still working
   * extends it (`working()`), so a live handler is never redelivered. Default 30 s, 1 min, 5 min.
   */
  redeliveryBackoffMs?: readonly number[];
  /** Deliveries before JetStream gives up on a message. Default 500 (with the 5 min backoff, about 40 hours of outage). */
  maxDeliver?: number;
  relayBatchSize?: number;
  /** Relay safety-net poll when a NOTIFY was missed. Default 1 s. */
  pollIntervalMs?: number;
  onError?: (message: string) => void;
};

export const DEFAULT_REDELIVERY_BACKOFF_MS = [30_000, 60_000, 5 * 60_000] as const;
export const DEFAULT_MAX_DELIVER = 500;
/**
 * Messages pulled ahead of the handler. Buffered messages get no `working()` extension, so a long
 * buffer outlasts the ack wait and is redelivered while still queued: keep it small.
 */
const PREFETCH = 16;

/** JetStream durable names allow no dots or wildcards: `landing.activity-feed` → `landing_activity-feed`. */
export function durableName(consumer: string): string {
  return consumer.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * Cluster transport. Events are written to the outbox on the caller's transaction (as in
 * single-node mode); a relay, one at a time across all processes, publishes committed rows to the
 * JetStream stream over `wissil.>` with the event id as `Nats-Msg-Id`, so a re-publish after a
 * crash is dropped as a duplicate. Each consumer is a durable JetStream pull consumer with explicit
 * acks; the handler runs through `deliverEvent` (processed-events record, retries, parking), and
 * the message is acknowledged only after that transaction committed.
 *
 * NATS 2.9 (Debian's server): one filter subject per consumer, which is all `subscribe` needs.
 */
export function createNatsEventBus(options: TNatsEventBusOptions): TEventBus<TDbTransaction> {
  const { db } = options;
  const connection = Promise.resolve(options.nc);
  connection.catch(() => undefined); // reported where it is awaited
  const streamName = options.stream?.name ?? EVENT_STREAM;
  const backoffMs = options.redeliveryBackoffMs ?? DEFAULT_REDELIVERY_BACKOFF_MS;
  const ackWaitMs = backoffMs[0] ?? 30_000;
  const reportError =
    options.onError ?? ((message: string) => processLogger().error({ component: 'event-bus' }, message));
  const jetStream = () => connection.then((nc) => jetstream(nc));
  const subscriptions = new Set<TSubscription>();
  const tails = new Set<() => void>();

  let streamReady: Promise<unknown> | undefined;
  const ensureStream = () => {
    streamReady ??= connection
      .then((nc) => ensureEventStream(nc, options.stream))
      .catch((error: unknown) => {
        streamReady = undefined; // try again next time
        throw error;
      });
    return streamReady;
  };

  const relay = startOutboxWorker({
    databaseUrl: options.databaseUrl,
    lockName: 'lumenforge.outbox.relay',
    pollIntervalMs: options.pollIntervalMs ?? 1_000,
    reportError,
    work: async (holdsLock) => {
      await ensureStream();
      const js = await jetStream();
      const publish = async (records: Parameters<Parameters<typeof relayOutboxBatch>[1]>[0]) => {
        // Published concurrently on one connection: JetStream stores them in this order.
        await Promise.all(
          records.map((record) =>
            js.publish(record.envelope.subject, JSON.stringify(record.envelope), {
              msgID: record.envelope.id,
              expect: { streamName },
            }),
          ),
        );
      };
      // Until the outbox is drained, or another relay took over (order needs one relay at a time).
      while (holdsLock() && (await relayOutboxBatch(db, publish, { batchSize: options.relayBatchSize })) > 0);
    },
  });

  async function subscribe(subscribeOptions: TSubscribeOptions<TDbTransaction>): Promise<TSubscription> {
    const { consumer, subject, handler } = subscribeOptions;
    const retry = subscribeOptions.retry ?? DEFAULT_RETRY_POLICY;
    if (!isValidSubjectPattern(subject))
      throw new Error(`Invalid subject pattern "${subject}" for consumer ${consumer}`);
    await ensureStream();
    const jsm = await jetstreamManager(await connection);
    const js = await jetStream();
    const durable = durableName(consumer);
    const config = {
      durable_name: durable,
      filter_subject: subject,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All, // a new consumer starts at the beginning of the log
      ack_wait: nanos(ackWaitMs),
      backoff: backoffMs.map((ms) => nanos(ms)),
      // Handler failures are retried and parked by deliverEvent and then acknowledged, so JetStream
      // only redelivers after crashes and outages: keep trying through a long outage (the server
      // requires a limit above the backoff list's length; unlimited is not allowed with backoff).
      max_deliver: options.maxDeliver ?? DEFAULT_MAX_DELIVER,
      max_ack_pending: 1_000,
    };
    const existing = await jsm.consumers.info(streamName, durable).catch(() => undefined);
    if (existing && existing.config.filter_subject !== subject)
      throw new Error(
        `Consumer ${consumer} already exists for "${existing.config.filter_subject}", not "${subject}": use a new consumer name`,
      );
    if (existing) await jsm.consumers.update(streamName, durable, config);
    else await jsm.consumers.add(streamName, config);

    let isClosed = false;
    let stopCurrent: (() => void) | undefined;

    const handle = async (message: JsMsg) => {
      const parsed = parseEvent(message.json());
      if (!parsed.success) {
        reportError(
          `${consumer}: stream message ${message.seq} is not a valid event (${parsed.error.message}); dropped`,
        );
        message.term('invalid event');
        return;
      }
      // A long handler keeps its claim on the message instead of being redelivered meanwhile.
      const keepAlive = setInterval(() => message.working(), Math.max(250, ackWaitMs / 3));
      try {
        await deliverEvent(db, consumer, parsed.event, handler, retry);
        message.ack();
      } catch (error) {
        // The database itself failed (deliverEvent parks handler failures): try again later.
        reportError(`${consumer}: ${error instanceof Error ? error.message : String(error)}; redelivering`);
        message.nak(Math.min(5_000, ackWaitMs));
      } finally {
        clearInterval(keepAlive);
      }
    };

    const loop = (async () => {
      while (!isClosed) {
        try {
          const messages = await js.consumers
            .get(streamName, durable)
            .then((pull) => pull.consume({ max_messages: PREFETCH }));
          stopCurrent = () => messages.stop();
          if (isClosed) messages.stop();
          for await (const message of messages) {
            if (isClosed) break; // left unacknowledged: redelivered to whoever consumes next
            await handle(message);
          }
        } catch (error) {
          if (!isClosed)
            reportError(
              `${consumer}: ${error instanceof Error ? error.message : String(error)}; resubscribing`,
            );
        }
        if (!isClosed) await new Promise((resolveWait) => setTimeout(resolveWait, 1_000));
      }
    })();

    const subscription: TSubscription = {
      consumer,
      close: async () => {
        isClosed = true;
        stopCurrent?.();
        await loop;
        subscriptions.delete(subscription);
      },
    };
    subscriptions.add(subscription);
    return subscription;
  }

  async function* tail(tailOptions: TTailOptions): AsyncGenerator<TTailedEvent> {
    await ensureStream();
    const js = await jetStream();
    const { subjects, signal } = tailOptions;
    // NATS 2.9 filters one subject per consumer: a single pattern is filtered by the server,
    // several by us over the whole stream.
    const filter = subjects.length === 1 ? (subjects[0] ?? 'wissil.>') : 'wissil.>';
    const after = tailOptions.after === undefined ? undefined : Number(tailOptions.after);
    const ordered = await js.consumers.get(streamName, {
      filter_subjects: filter,
      ...(after !== undefined && Number.isSafeInteger(after) && after >= 0
        ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: after + 1 }
        : { deliver_policy: DeliverPolicy.New }),
    });
    const messages = await ordered.consume();
    const stop = () => messages.stop();
    tails.add(stop);
    signal.addEventListener('abort', stop, { once: true });
    try {
      for await (const message of messages) {
        const parsed = parseEvent(message.json());
        if (!parsed.success) continue;
        if (!subjects.some((pattern) => subjectMatches(pattern, parsed.event.subject))) continue;
        yield { cursor: String(message.seq), event: parsed.event };
      }
    } finally {
      signal.removeEventListener('abort', stop);
      tails.delete(stop);
      stop();
    }
  }

  /** Each local consumer's JetStream `num_pending` (matching messages not delivered yet). */
  async function consumerLag(): Promise<TConsumerLag[]> {
    const consumers = [...new Set([...subscriptions].map((subscription) => subscription.consumer))];
    if (consumers.length === 0) return [];
    const jsm = await jetstreamManager(await connection);
    return Promise.all(
      consumers.map(async (consumer) => {
        const info = await jsm.consumers.info(streamName, durableName(consumer));
        return { consumer, lag: info.num_pending };
      }),
    );
  }

  return {
    transport: 'nats',
    publish: async (event, publishOptions) => {
      await createRepositories(publishOptions?.tx ?? db).outbox.append(event);
      recordEventPublished(event.subject);
      if (!publishOptions?.tx) relay.wake();
    },
    subscribe,
    tail,
    consumerLag,
    close: async () => {
      for (const stop of tails) stop();
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      await relay.close();
    },
  };
}
