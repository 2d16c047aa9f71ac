import type { TEventEnvelope } from '@lumenforge/events';

/**
 * Runs inside the transaction that also records the event as processed for this consumer: write
 * side effects through `tx` and they commit together with that record, exactly once.
 */
export type TEventHandler<TTx = unknown> = (
  event: TEventEnvelope,
  context: { tx: TTx; attempt: number },
) => Promise<void>;

export type TRetryPolicy = {
  /** Attempts before the event is parked (ARCHITECTURE: 3). */
  attempts: number;
  /** Wait before attempt n+1, after attempt n failed. */
  backoffMs: (failedAttempt: number) => number;
};

export type TSubscribeOptions<TTx = unknown> = {
  /** Durable consumer name, e.g. `landing.activity-feed`; its position survives restarts. */
  consumer: string;
  /** NATS-style subject pattern: `wissil.build.*`, `wissil.>`. */
  subject: string;
  handler: TEventHandler<TTx>;
  retry?: TRetryPolicy;
};

export type TSubscription = { consumer: string; close: () => Promise<void> };

export type TPublishOptions<TTx = unknown> = {
  /** The transaction of the change the event describes; without it the event is written on its own. */
  tx?: TTx;
};

/** One event read by `tail`, with the position to resume after (an SSE `Last-Event-ID`). */
export type TTailedEvent = { cursor: string; event: TEventEnvelope };

export type TTailOptions = {
  /** Patterns; an event matching any of them is yielded. */
  subjects: readonly string[];
  /** Resume after this cursor (from a previous `TTailedEvent`); without it, only events from now on. */
  after?: string;
  /** Ends the iteration (the browser went away). */
  signal: AbortSignal;
};

/** One interface, two transports: PostgreSQL (single-node) and NATS JetStream (cluster). */
export type TEventBus<TTx = unknown> = {
  readonly transport: 'postgres' | 'nats';
  publish: (event: TEventEnvelope, options?: TPublishOptions<TTx>) => Promise<void>;
  subscribe: (options: TSubscribeOptions<TTx>) => Promise<TSubscription>;
  /**
   * Follows the log live, without a durable position or acknowledgements: for pushing events to
   * browsers (Server-Sent Events). Cursors are transport-specific and opaque.
   */
  tail: (options: TTailOptions) => AsyncIterable<TTailedEvent>;
  /**
   * How many events each consumer subscribed in this process has still to handle (the
   * `event_consumer_lag` metric): PostgreSQL: the outbox head position minus the consumer's cursor
   * (plus rows committed but not sequenced yet); NATS: the JetStream consumer's `num_pending`.
   */
  consumerLag: () => Promise<TConsumerLag[]>;
  close: () => Promise<void>;
};

export type TConsumerLag = { consumer: string; lag: number };

export const DEFAULT_RETRY_POLICY: TRetryPolicy = {
  attempts: 3,
  backoffMs: (failedAttempt) => 250 * 4 ** (failedAttempt - 1),
};
