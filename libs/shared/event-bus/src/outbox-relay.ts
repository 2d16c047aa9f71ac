import type { TOutboxRecord } from '@lumenforge/db/server';
import { markPublished, sequenceAndReadUnpublished, type TPgQueryable } from './outbox-sql';

export type TRelayPublish = (records: readonly TOutboxRecord[]) => Promise<void>;

/**
 * Moves one batch of committed, unpublished outbox rows to the broker, in log order, and returns
 * how many it moved: sequencing and reading in one round trip, `publish`, then one statement marks
 * them `published_at`, only after the broker confirmed: a crash or a broker outage leaves them
 * unpublished for the next attempt (the broker drops the repeat by event id).
 *
 * Run it under the relay lock, on the connection that holds that lock (the relay worker's LISTEN
 * connection): one relay at a time keeps per-subject order, and a relay whose connection (and so
 * its lock) is gone cannot mark anything, so a relay that took over re-publishes its batch, which
 * the broker drops as duplicates. (Claiming the rows `FOR UPDATE SKIP LOCKED` on another connection
 * would let a successor skip a batch still in flight and publish later events before it.)
 */
export async function relayOutboxBatch(
  connection: TPgQueryable,
  publish: TRelayPublish,
  options: { batchSize?: number } = {},
): Promise<number> {
  const rows = await sequenceAndReadUnpublished(connection, options.batchSize ?? 500);
  if (rows.length === 0) return 0;
  await publish(rows.map((row) => row.record));
  await markPublished(
    connection,
    rows.map((row) => row.id),
  );
  return rows.length;
}
