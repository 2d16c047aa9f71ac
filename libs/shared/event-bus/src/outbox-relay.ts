import { sequenceOutbox, toOutboxRecord, type TDbClient, type TOutboxRecord } from '@lumenforge/db/server';

export type TRelayPublish = (records: readonly TOutboxRecord[]) => Promise<void>;

type TClaimedRow = { id: string; position: bigint; envelope: unknown };

/**
 * Moves one batch of committed, unpublished outbox rows to the broker, in log order, and returns
 * how many it moved. The rows are claimed with `FOR UPDATE SKIP LOCKED` inside a transaction that
 * stays open while `publish` runs and marks them `published_at` only after the broker confirmed:
 * a crash or a broker outage leaves them unpublished for the next attempt (the broker drops the
 * repeat by event id). Callers run it under the relay lock (one relay at a time keeps per-subject
 * order).
 */
export async function relayOutboxBatch(
  db: TDbClient,
  publish: TRelayPublish,
  options: { batchSize?: number; publishTimeoutMs?: number } = {},
): Promise<number> {
  await sequenceOutbox(db);
  const batchSize = options.batchSize ?? 500;
  return db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<TClaimedRow[]>`
        SELECT id, position, envelope FROM outbox
        WHERE published_at IS NULL AND position IS NOT NULL
        ORDER BY position
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return 0;
      const records = rows.map(toOutboxRecord);
      await publish(records);
      const ids = rows.map((row) => row.id);
      await tx.$executeRaw`UPDATE outbox SET published_at = now() WHERE id = ANY(${ids}::uuid[])`;
      return rows.length;
    },
    { maxWait: 10_000, timeout: options.publishTimeoutMs ?? 60_000 },
  );
}
