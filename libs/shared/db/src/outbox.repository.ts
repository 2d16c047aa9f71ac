import { parseEvent, type TEventEnvelope } from '@lumenforge/events';
import type { TDb } from './client';

/** LISTEN/NOTIFY channel: a notification is sent when an outbox row commits (payload: its subject). */
export const OUTBOX_CHANNEL = 'lumenforge_outbox';

export type TOutboxRecord = { position: number; envelope: TEventEnvelope };

/** Writes events to the outbox inside the caller's transaction, after validating them. */
export class OutboxRepository {
  constructor(private readonly db: TDb) {}

  /**
   * Appends a validated event. Call it on the transaction that makes the change the event
   * describes: a rolled-back change leaves no event behind. The NOTIFY is delivered on commit.
   */
  async append(event: TEventEnvelope): Promise<void> {
    await this.appendMany([event]);
  }

  /**
   * Appends validated events in one statement, which also sends the NOTIFY (one per statement, not
   * per event: every NOTIFY-ing commit takes PostgreSQL's global notify-queue lock, so a NOTIFY per
   * event serialises commits). They are sequenced in the order given. Throws, and writes nothing,
   * if any of them is invalid.
   */
  async appendMany(events: readonly TEventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    const envelopes = events.map((event) => {
      const parsed = parseEvent(event);
      if (!parsed.success) throw parsed.error;
      return parsed.event;
    });
    // One JSON parameter for the whole batch; the rows are inserted in its order (insert_order).
    await this.db.$executeRaw`
      WITH inserted AS (
        INSERT INTO outbox (id, subject, workspace_id, correlation_id, occurred_at, envelope)
        SELECT (e->>'id')::uuid, e->>'subject', (e->>'workspaceId')::uuid, e->>'correlationId',
               (e->>'occurredAt')::timestamptz, e
        FROM jsonb_array_elements(${JSON.stringify(envelopes)}::jsonb) WITH ORDINALITY AS batch(e, n)
        ORDER BY n
        RETURNING 1
      )
      SELECT pg_notify(${OUTBOX_CHANNEL}, '') WHERE EXISTS (SELECT 1 FROM inserted)`;
  }
}

/**
 * Gives committed, not yet sequenced events their log positions (1, 2, 3 … without gaps), in
 * insertion order, and returns how many it sequenced. One round trip: the
 * `lumenforge_sequence_outbox` function takes an advisory lock (one sequencer at a time across
 * every process) before it reads the head of the log, and positions become visible only when it
 * commits, so a reader following positions can never see position N+1 before N.
 */
export async function sequenceOutbox(db: TDb, options: { batchSize?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  const [row] = await db.$queryRaw<Array<{ sequenced: number }>>`
    SELECT lumenforge_sequence_outbox(${batchSize}::int) AS sequenced`;
  return row?.sequenced ?? 0;
}

export type TPruneEventLogOptions = {
  /**
   * Which outbox rows are done with: `postgres` (single-node, the outbox is the log): at or before
   * every registered consumer's cursor; `nats` (cluster): relayed to JetStream, which keeps them for
   * its consumers.
   */
  transport: 'postgres' | 'nats';
  /** Only rows (and processed-event records) older than this go: the retention window. */
  before: Date;
  /** Rows per statement (default 1,000), so a large backlog never holds long locks. */
  batchSize?: number;
};

/**
 * Deletes one bounded batch of outbox rows that no consumer needs any more, and one of
 * processed-event records older than `before`; returns how many of each. The newest outbox row is
 * always kept: the sequencer numbers on from it. Parked events live in their own table and are never
 * touched. Call it until both counts are below `batchSize`.
 */
export async function pruneEventLog(
  db: TDb,
  options: TPruneEventLogOptions,
): Promise<{ outbox: number; processedEvents: number }> {
  const batchSize = options.batchSize ?? 1_000;
  const outbox =
    options.transport === 'postgres'
      ? await db.$executeRaw`
          DELETE FROM outbox WHERE id IN (
            SELECT id FROM outbox
            WHERE position <= LEAST(
                    (SELECT MAX(position) - 1 FROM outbox),
                    (SELECT MIN(position) FROM event_consumer_cursors))
              AND created_at < ${options.before}
            ORDER BY position
            LIMIT ${batchSize})`
      : await db.$executeRaw`
          DELETE FROM outbox WHERE id IN (
            SELECT id FROM outbox
            WHERE position <= (SELECT MAX(position) - 1 FROM outbox)
              AND published_at IS NOT NULL
              AND created_at < ${options.before}
            ORDER BY position
            LIMIT ${batchSize})`;
  const processedEvents = await db.$executeRaw`
    DELETE FROM processed_events WHERE (consumer, event_id) IN (
      SELECT consumer, event_id FROM processed_events
      WHERE processed_at < ${options.before}
      LIMIT ${batchSize})`;
  return { outbox, processedEvents };
}

/** Sequenced events after `afterPosition`, in position order. */
export async function readOutbox(
  db: TDb,
  options: { afterPosition: number; limit?: number },
): Promise<TOutboxRecord[]> {
  const rows = await db.outboxEvent.findMany({
    where: { position: { gt: BigInt(options.afterPosition) } },
    orderBy: { position: 'asc' },
    take: options.limit ?? 500,
    select: { position: true, envelope: true },
  });
  return rows.map(toOutboxRecord);
}

/** A stored outbox row as a record; throws if its envelope no longer parses (a schema changed incompatibly). */
export function toOutboxRecord(row: { position: bigint | null; envelope: unknown }): TOutboxRecord {
  const parsed = parseEvent(row.envelope);
  if (!parsed.success)
    throw new Error(
      `outbox position ${row.position}: stored event no longer parses: ${parsed.error.message}`,
    );
  return { position: Number(row.position), envelope: parsed.event };
}

/** Largest page `listOutboxPage` returns; a bigger `limit` is clamped to it. */
export const OUTBOX_PAGE_MAX_LIMIT = 200;

export type TListOutboxPageOptions = {
  /** Only events at positions below this one (the `nextBefore` of the previous page). */
  before?: number;
  /** Page size, clamped to 1 … `OUTBOX_PAGE_MAX_LIMIT`. */
  limit: number;
  /** Only these exact subjects (an empty list matches nothing). Default: every subject. */
  subjects?: readonly string[];
  /** Only events of this workspace or without a workspace (platform-wide events). Default: all. */
  workspaceId?: string;
};

export type TOutboxPage = {
  /** Newest first (descending position). */
  records: TOutboxRecord[];
  /** Pass as `before` to read the next (older) page; null when there is none. */
  nextBefore: number | null;
};

/**
 * One page of the sequenced log, newest first, for history views (LANDING's activity feed).
 * Cursor-paged by position, so events arriving meanwhile never shift or repeat a page. A stored
 * event that no longer parses is left out of the page rather than failing it.
 */
export async function listOutboxPage(db: TDb, options: TListOutboxPageOptions): Promise<TOutboxPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit) || 1, 1), OUTBOX_PAGE_MAX_LIMIT);
  if (options.subjects?.length === 0) return { records: [], nextBefore: null };
  const before = options.before;
  if (before !== undefined && (!Number.isSafeInteger(before) || before < 1))
    return { records: [], nextBefore: null };
  const rows = await db.outboxEvent.findMany({
    where: {
      position: before === undefined ? { not: null } : { lt: BigInt(before) },
      ...(options.subjects ? { subject: { in: [...options.subjects] } } : {}),
      ...(options.workspaceId === undefined
        ? {}
        : { OR: [{ workspaceId: options.workspaceId }, { workspaceId: null }] }),
    },
    orderBy: { position: 'desc' },
    take: limit + 1,
    select: { position: true, envelope: true },
  });
  const page = rows.slice(0, limit);
  const records: TOutboxRecord[] = [];
  for (const row of page) {
    const parsed = parseEvent(row.envelope);
    if (parsed.success) records.push({ position: Number(row.position), envelope: parsed.event });
  }
  const last = page.at(-1);
  return { records, nextBefore: rows.length > limit && last ? Number(last.position) : null };
}
