import { parseEvent, type TEventEnvelope } from '@lumenforge/events';
import type { TDb, TDbClient } from './client';

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
    const parsed = parseEvent(event);
    if (!parsed.success) throw parsed.error;
    const envelope = parsed.event;
    await this.db.outboxEvent.create({
      data: {
        id: envelope.id,
        subject: envelope.subject,
        workspaceId: envelope.workspaceId,
        correlationId: envelope.correlationId,
        occurredAt: new Date(envelope.occurredAt),
        envelope: JSON.parse(JSON.stringify(envelope)),
      },
    });
    await this.db.$executeRaw`SELECT pg_notify(${OUTBOX_CHANNEL}, ${envelope.subject})`;
  }
}

/**
 * Gives committed, not yet sequenced events their log positions (1, 2, 3 … without gaps), in
 * creation order, and returns how many it sequenced. An advisory lock lets one sequencer run at a
 * time across every process, and positions become visible only when its transaction commits, so a
 * reader following positions can never see position N+1 before N.
 */
export async function sequenceOutbox(db: TDbClient, options: { batchSize?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('lumenforge.outbox.sequencer'))`;
    return tx.$executeRaw`
      WITH pending AS (
        SELECT id, created_at FROM outbox WHERE position IS NULL ORDER BY created_at, id LIMIT ${batchSize}
      ),
      base AS (SELECT COALESCE(MAX(position), 0) AS max_position FROM outbox),
      numbered AS (
        SELECT pending.id, base.max_position + ROW_NUMBER() OVER (ORDER BY pending.created_at, pending.id) AS position
        FROM pending CROSS JOIN base
      )
      UPDATE outbox SET position = numbered.position, sequenced_at = now()
      FROM numbered WHERE outbox.id = numbered.id`;
  });
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
