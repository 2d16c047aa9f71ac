import type pg from 'pg';
import { markPublished, sequenceAndReadUnpublished, type TRelayRow } from './outbox-sql';

/** Publishes rows to the broker, in order; resolves once the broker has acknowledged all of them. */
export type TRelayPublish = (rows: readonly TRelayRow[]) => Promise<void>;

export type TOutboxRelay = {
  /**
   * Moves committed, unpublished outbox rows to the broker, in log order, until the outbox is
   * drained or `holdsLock` turns false; returns how many rows it published.
   */
  drain: (
    connection: pg.Client,
    state: {
      holdsLock: () => boolean;
      /** Whether an outbox commit was notified since the last call (`startOutboxWorker`'s `takeWake`). */
      takeWake: () => boolean;
    },
  ) => Promise<number>;
  /** Writes the marks still held (on close, while the lock is still held). */
  flush: (connection: pg.Client) => Promise<void>;
  /** Forgets the marks held: the lock went with its connection, and the successor re-publishes. */
  reset: () => void;
};

/**
 * The outbox → broker relay. Run it under the relay lock, on the connection that holds that lock
 * (the relay worker's LISTEN connection): one relay at a time keeps per-subject order, and a relay
 * whose connection (and so its lock) is gone cannot mark anything, so a relay that took over
 * re-publishes its batch, which the broker drops as duplicates. (Claiming the rows `FOR UPDATE SKIP
 * LOCKED` on another connection would let a successor skip a batch still in flight and publish
 * later events before it.)
 *
 * One database round trip per batch: each read sequences, marks `published_at` on the rows
 * acknowledged so far, and reads the next batch. While a batch is being published, the next one is
 * read, when there is more (a full batch, or a commit notified meanwhile). A batch's own mark waits
 * for the next read (the next batch, the next notification, or the worker's poll) or for `flush` on
 * close, so neither a mark's commit nor its round trip is on any event's path. A row is marked only after the broker acknowledged it; a
 * crash or an outage leaves it unpublished for the next attempt (the broker drops the repeat by
 * event id).
 */
export function createOutboxRelay(
  publish: TRelayPublish,
  options: { batchSize?: number } = {},
): TOutboxRelay {
  const limit = options.batchSize ?? 500;
  // Ids of rows the broker acknowledged, not yet marked.
  const heldMarks: string[] = [];
  const takeMarks = () => heldMarks.splice(0);

  return {
    drain: async (connection, { holdsLock, takeWake }) => {
      let relayed = 0;
      let rows = await sequenceAndReadUnpublished(connection, { limit, markPublished: takeMarks() });
      while (rows.length > 0 && holdsLock()) {
        // Read on only when there is more: a full batch, or a commit notified since the last read.
        // Otherwise (one event at a time) no read runs beside the publish, and the marks wait.
        const hasMore = rows.length === limit || takeWake();
        const afterPosition = (rows.at(-1) as TRelayRow).position;
        const [, next] = await Promise.all([
          publish(rows),
          hasMore
            ? sequenceAndReadUnpublished(connection, { limit, afterPosition, markPublished: takeMarks() })
            : [],
        ]);
        heldMarks.push(...rows.map((row) => row.id));
        relayed += rows.length;
        rows = next;
      }
      return relayed;
    },
    flush: (connection) => markPublished(connection, takeMarks()),
    reset: () => {
      heldMarks.length = 0;
    },
  };
}
