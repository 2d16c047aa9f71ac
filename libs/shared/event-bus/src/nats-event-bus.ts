import { setTimeout as delay, setImmediate as nextTurn } from 'node:timers/promises';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { createRepositories, type TDbClient, type TDbTransaction } from '@lumenforge/db/server';
import { isValidSubjectPattern, parseEvent, subjectMatches, type TEventEnvelope } from '@lumenforge/events';
import {
  createStreamPublisher,
  ensureEventStream,
  EVENT_STREAM,
  type NatsConnection,
  type TEventStreamOptions,
} from '@lumenforge/nats/server';
import { processLogger, recordEventConsumed, recordEventPublished } from '@lumenforge/observability/server';
import { deliverEvents, parkUndeliveredEvent } from './event-delivery';
import { startEventLogPruner, type TEventLogRetention } from './event-log-pruner';
import {
  DEFAULT_RETRY_POLICY,
  type TConsumerLag,
  type TEventBus,
  type TSubscribeOptions,
  type TSubscription,
  type TTailedEvent,
  type TTailOptions,
} from './event-bus.types';
import { createOutboxRelay } from './outbox-relay';
import { startOutboxWorker } from './outbox-worker';
import { createOutboxWriter } from './outbox-writer';
import { createEventPathPool } from './outbox-sql';

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
  /** Pruning of relayed outbox rows (default: after 7 days); `false`: keep everything. */
  retention?: TEventLogRetention | false;
  onError?: (message: string) => void;
};

export const DEFAULT_REDELIVERY_BACKOFF_MS = [30_000, 60_000, 5 * 60_000] as const;
export const DEFAULT_MAX_DELIVER = 500;
/** Messages each pull asks for. Everything received waits in the subscription's own queue. */
const PULL_BATCH = 256;
/**
 * Unacknowledged messages a consumer may hold (JetStream's `max_ack_pending`): the bound on that
 * queue. Every queued message gets `working()` extensions, so none is redelivered while it waits.
 */
const MAX_ACK_PENDING = 1_000;
/** Messages handed to `deliverEvents` at a time. */
const DELIVERY_BATCH = 256;

/** `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.<stream>.<consumer>` (NATS server advisory schema). */
type TMaxDeliveriesAdvisory = { stream: string; consumer: string; stream_seq: number; deliveries: number };

/** JetStream durable names allow no dots or wildcards: `landing.activity-feed` → `landing_activity-feed`. */
export function durableName(consumer: string): string {
  return consumer.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * Cluster transport. Events are written to the outbox on the caller's transaction (as in
 * single-node mode); a relay, one at a time across all processes, publishes committed rows to the
 * JetStream stream over `wissil.>` with the event id as `Nats-Msg-Id`, so a re-publish after a
 * crash is dropped as a duplicate. Each consumer is a durable JetStream pull consumer with explicit
 * acks; batches of received messages run through `deliverEvents` (processed-events records,
 * retries, parking), and each message is acknowledged only after its transaction committed. An
 * event JetStream stops redelivering (`max_deliver`) is parked from the server's advisory.
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
  const pool = createEventPathPool(options.databaseUrl, reportError);
  const writer = createOutboxWriter(pool);
  let poolEnded: Promise<void> | undefined;
  const pruner =
    options.retention === false
      ? undefined
      : startEventLogPruner({ db, transport: 'nats', retention: options.retention ?? {}, reportError });

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

  // One publisher for the relay's batches: their acknowledgements gathered on one inbox.
  const streamPublisher = connection.then((nc) => createStreamPublisher(nc, { stream: streamName }));
  streamPublisher.catch(() => undefined); // the connection's failure is reported where it is awaited
  const outboxRelay = createOutboxRelay(
    async (rows) =>
      (await streamPublisher).publishAll(
        rows.map((row) => ({ subject: row.subject, data: row.envelopeJson, msgId: row.id })),
      ),
    { batchSize: options.relayBatchSize },
  );
  const relay = startOutboxWorker({
    databaseUrl: options.databaseUrl,
    lockName: 'lumenforge.outbox.relay',
    pollIntervalMs: options.pollIntervalMs ?? 1_000,
    reportError,
    work: async (holdsLock, connection, takeWake) => {
      await ensureStream();
      await outboxRelay.drain(connection, { holdsLock, takeWake });
    },
    beforeRelease: outboxRelay.flush,
    onReset: outboxRelay.reset,
  });

  /**
   * An event JetStream gave up on (`max_deliver` deliveries, none acknowledged: its consumer crashed
   * or could not reach the database every time) is parked with an alert, like one whose handler
   * kept failing. Every process listens, not one of a queue group: advisories are not stored, and
   * the one process a queue group would pick may be the consumer that is crashing on this very
   * event. Parking is idempotent (one row per consumer and event, the alert in the same
   * transaction), so exactly one process parks it and raises the alert. The parked row names the consumer as subscribed (kept in the JetStream
   * consumer's description), not its durable name.
   */
  const parkOnMaxDeliveries = async (advisory: TMaxDeliveriesAdvisory) => {
    const jsm = await jetstreamManager(await connection);
    const [stored, consumer] = await Promise.all([
      jsm.streams.getMessage(advisory.stream, { seq: advisory.stream_seq }),
      subscribedName(jsm, advisory),
    ]);
    const parsed = stored ? parseEvent(stored.json()) : undefined;
    if (!parsed?.success) {
      reportError(
        `${consumer}: stream message ${advisory.stream_seq} reached max deliveries but is ${stored ? 'not a valid event' : 'gone from the stream'}; not parked`,
      );
      return;
    }
    if (await parkUndeliveredEvent(db, consumer, parsed.event, advisory.deliveries)) {
      recordEventConsumed(consumer, parsed.event.subject, 'parked');
      relay.wake(); // the alert
    }
  };
  /** The consumer's name as subscribed (its description); the durable name only if that cannot be read. */
  const subscribedName = async (
    jsm: Awaited<ReturnType<typeof jetstreamManager>>,
    advisory: TMaxDeliveriesAdvisory,
  ): Promise<string> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const info = await jsm.consumers.info(advisory.stream, advisory.consumer);
        return info.config.description || advisory.consumer;
      } catch (error) {
        if (attempt === 3) {
          reportError(
            `consumer ${advisory.consumer}: its description could not be read (${error instanceof Error ? error.message : String(error)}); parking under the durable name`,
          );
          return advisory.consumer;
        }
        await delay(500 * attempt);
      }
    }
  };
  const maxDeliveriesAdvisories = connection.then((nc) =>
    nc.subscribe(`$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${streamName}.*`, {
      callback: (error, message) => {
        if (error) return reportError(`max-deliveries advisories: ${error.message}`);
        void parkOnMaxDeliveries(message.json<TMaxDeliveriesAdvisory>()).catch((parkError: unknown) =>
          reportError(
            `parking an event past max deliveries failed: ${parkError instanceof Error ? parkError.message : String(parkError)}`,
          ),
        );
      },
    }),
  );
  maxDeliveriesAdvisories.catch(() => undefined); // the connection's failure is reported where it is awaited

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
      // The name as subscribed (durable names cannot hold dots): parking past max deliveries uses it.
      description: consumer,
      filter_subject: subject,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All, // a new consumer starts at the beginning of the log
      ack_wait: nanos(ackWaitMs),
      backoff: backoffMs.map((ms) => nanos(ms)),
      // Handler failures are retried and parked by deliverEvents and then acknowledged, so JetStream
      // only redelivers after crashes and outages: keep trying through a long outage (the server
      // requires a limit above the backoff list's length; unlimited is not allowed with backoff).
      // A message that reaches it anyway is parked from the max-deliveries advisory.
      max_deliver: options.maxDeliver ?? DEFAULT_MAX_DELIVER,
      max_ack_pending: MAX_ACK_PENDING,
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
    // Received, not yet handled, in stream order. The reader fills it as fast as JetStream
    // delivers (up to max_ack_pending), the worker takes batches from it, and every message in it
    // or in the batch at hand gets `working()` extensions, so none is redelivered while it waits.
    let queue: JsMsg[] = [];
    let inFlight: readonly JsMsg[] = [];
    let wakeWorker: (() => void) | undefined;
    const keepAlive: NodeJS.Timeout = setInterval(
      () => {
        for (const message of inFlight) message.working();
        for (const message of queue) message.working();
      },
      Math.max(250, ackWaitMs / 3),
    );
    keepAlive.unref(); // the reader's connection is what keeps a process alive, not this timer

    const handleBatch = async (messages: readonly JsMsg[]) => {
      const valid: Array<{ message: JsMsg; event: TEventEnvelope }> = [];
      for (const message of messages) {
        const parsed = parseEvent(message.json());
        if (parsed.success) valid.push({ message, event: parsed.event });
        else {
          reportError(
            `${consumer}: stream message ${message.seq} is not a valid event (${parsed.error.message}); dropped`,
          );
          message.term('invalid event');
        }
      }
      let delivered = 0;
      try {
        const outcomes = await deliverEvents(
          db,
          consumer,
          valid.map((item) => item.event),
          handler,
          retry,
          { shouldContinue: () => !isClosed },
        );
        delivered = outcomes.length;
        // Acknowledged only after the transactions that recorded them committed.
        for (const item of valid.slice(0, delivered)) item.message.ack();
        // Closing stopped the batch: the rest go back to JetStream for whoever consumes next.
        for (const item of valid.slice(delivered)) item.message.nak();
      } catch (error) {
        // The database itself failed (deliverEvents parks handler failures): try these again later.
        reportError(`${consumer}: ${error instanceof Error ? error.message : String(error)}; redelivering`);
        for (const item of valid) item.message.nak(Math.min(5_000, ackWaitMs));
      }
    };

    const worker = (async () => {
      while (!isClosed) {
        if (queue.length === 0) {
          await new Promise<void>((resolveWake) => (wakeWorker = resolveWake));
          // Woken by the first message of a pull: let the rest of what arrived with it join the
          // queue, so they share its transaction instead of waiting for a batch of one.
          await nextTurn();
          continue;
        }
        inFlight = queue.slice(0, DELIVERY_BATCH);
        queue = queue.slice(inFlight.length);
        await handleBatch(inFlight);
        inFlight = [];
      }
      // Left unhandled: back to JetStream now rather than after the ack wait.
      for (const message of queue) message.nak();
      queue = [];
    })();

    const reader = (async () => {
      while (!isClosed) {
        try {
          const messages = await js.consumers
            .get(streamName, durable)
            .then((pull) => pull.consume({ max_messages: PULL_BATCH }));
          stopCurrent = () => messages.stop();
          if (isClosed) messages.stop();
          for await (const message of messages) {
            if (isClosed) {
              message.nak();
              break;
            }
            queue.push(message);
            wakeWorker?.();
          }
        } catch (error) {
          if (!isClosed)
            reportError(
              `${consumer}: ${error instanceof Error ? error.message : String(error)}; resubscribing`,
            );
        }
        if (!isClosed) await delay(1_000);
      }
    })();

    const subscription: TSubscription = {
      consumer,
      close: async () => {
        isClosed = true;
        stopCurrent?.();
        wakeWorker?.();
        await Promise.all([reader, worker]);
        clearInterval(keepAlive);
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
      // On the caller's transaction; on its own, grouped with other publishes in flight.
      if (publishOptions?.tx) await createRepositories(publishOptions.tx).outbox.append(event);
      else await writer.write(event);
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
      (await streamPublisher.catch(() => undefined))?.close();
      await pruner?.close();
      (await maxDeliveriesAdvisories.catch(() => undefined))?.unsubscribe();
      await writer.drain();
      poolEnded ??= pool.end();
      await poolEnded;
    },
  };
}
