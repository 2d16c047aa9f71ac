import pg from 'pg';
import { OUTBOX_CHANNEL, toOutboxRecord, type TOutboxRecord } from '@lumenforge/db/server';
import { parseEvent, type TEventEnvelope } from '@lumenforge/events';

/**
 * The event path's statements on plain node-postgres: every event goes through them (insert,
 * sequencing, reading, relaying), and Prisma adds milliseconds per query under load. The Prisma
 * client stays for handlers' transactions (their `tx`) and everything off the hot path.
 */

/** A pg `Pool` or `Client`. */
export type TPgQueryable = Pick<pg.Pool, 'query'> | Pick<pg.Client, 'query'>;

/**
 * The event bus's own small pool for publishes (one insert in flight at a time per bus, and the
 * writer's fallback). Idle-connection errors are reported, not thrown (pg would crash the process).
 */
export function createEventPathPool(databaseUrl: string, reportError: (message: string) => void): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 2,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'lumenforge-event-bus',
  });
  pool.on('error', (error) => reportError(`event-bus pool: ${error.message}`));
  return pool;
}

/**
 * Appends validated events in one statement: a multi-row INSERT … SELECT FROM unnest(…) WITH
 * ORDINALITY, in the order given (insert_order, which the sequencer follows), and one NOTIFY for
 * the statement (every NOTIFY-ing commit takes PostgreSQL's global notify-queue lock, so a NOTIFY
 * per event would serialise commits). On its own it is its own transaction: one commit for the
 * group. Throws, and writes nothing, if any event is invalid or already in the outbox. Same rows
 * as `OutboxRepository.appendMany`, which writes on a caller's Prisma transaction.
 */
export async function insertOutboxEvents(
  client: TPgQueryable,
  events: readonly TEventEnvelope[],
): Promise<void> {
  if (events.length === 0) return;
  const ids: string[] = [];
  const subjects: string[] = [];
  const workspaceIds: Array<string | null> = [];
  const correlationIds: string[] = [];
  const occurredAts: string[] = [];
  const envelopes: string[] = [];
  for (const event of events) {
    const parsed = parseEvent(event);
    if (!parsed.success) throw parsed.error;
    const valid = parsed.event;
    ids.push(valid.id);
    subjects.push(valid.subject);
    workspaceIds.push(valid.workspaceId ?? null);
    correlationIds.push(valid.correlationId);
    occurredAts.push(valid.occurredAt);
    envelopes.push(JSON.stringify(valid));
  }
  await client.query({
    // Named: parsed and planned once per connection, not for every group.
    name: 'lumenforge_outbox_insert',
    text: `WITH inserted AS (
       INSERT INTO outbox (id, subject, workspace_id, correlation_id, occurred_at, envelope)
       SELECT id, subject, workspace_id, correlation_id, occurred_at, envelope
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::timestamptz[], $6::jsonb[])
            WITH ORDINALITY AS batch(id, subject, workspace_id, correlation_id, occurred_at, envelope, n)
       ORDER BY n
       RETURNING 1
     )
     SELECT pg_notify($7, '') WHERE EXISTS (SELECT 1 FROM inserted)`,
    values: [ids, subjects, workspaceIds, correlationIds, occurredAts, envelopes, OUTBOX_CHANNEL],
  });
}

/** Rows the sequencer numbers per call (`lumenforge_sequence_outbox`). */
const SEQUENCE_BATCH = 500;

function checkedCount(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  return value;
}

/** The rows of the last statement of a multi-statement query (pg returns one result per statement). */
function lastRows<TRow>(result: pg.QueryResult | pg.QueryResult[]): TRow[] {
  const results = Array.isArray(result) ? result : [result];
  return (results.at(-1)?.rows ?? []) as TRow[];
}

/** pg reads bigint as a string and jsonb as parsed JSON. */
function toRecords(rows: Array<{ position: string; envelope: unknown }>): TOutboxRecord[] {
  return rows.map((row) => toOutboxRecord({ position: BigInt(row.position), envelope: row.envelope }));
}

/**
 * Sequences committed events (`lumenforge_sequence_outbox`), then reads the log after
 * `afterPosition`, in one round trip: both statements go in one simple-protocol query (numbers
 * inlined, checked integers), which PostgreSQL runs as one transaction; its read statement takes a
 * new snapshot, so it sees what the sequencing just numbered. That transaction only sequences (its
 * commit does not wait for the WAL flush, as the function's own comment explains).
 */
export async function sequenceAndReadLog(
  client: TPgQueryable,
  options: {
    afterPosition: number;
    limit: number;
    /**
     * A consumer's cursor to write first, in the same round trip and transaction (whose commit,
     * like a sequencing one, does not wait for the WAL flush: a cursor a crash loses only rewinds
     * the consumer, and processed_events absorbs the redelivery).
     */
    saveCursor?: { consumer: string; position: number };
  },
): Promise<TOutboxRecord[]> {
  const after = checkedCount('afterPosition', options.afterPosition);
  const limit = checkedCount('limit', options.limit);
  const save = options.saveCursor;
  const saveStatement = save
    ? `UPDATE event_consumer_cursors SET position = ${checkedCount('cursor', save.position)}, updated_at = now()
       WHERE consumer = ${pg.escapeLiteral(save.consumer)};`
    : '';
  const result = (await client.query(
    `SELECT set_config('synchronous_commit', 'off', true);
     ${saveStatement}
     SELECT lumenforge_sequence_outbox(${SEQUENCE_BATCH});
     SELECT position, envelope FROM outbox WHERE position > ${after} ORDER BY position LIMIT ${limit}`,
  )) as pg.QueryResult | pg.QueryResult[];
  return toRecords(lastRows(result));
}

/**
 * One row the relay is to publish, as stored: the envelope's JSON text goes to the broker as it is
 * (validated when it was written, and again by every consumer), not parsed and serialised again.
 */
export type TRelayRow = { id: string; subject: string; position: number; envelopeJson: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `ids` as a `uuid[]` literal, for a simple-protocol query (each checked to be a UUID). */
function uuidArrayLiteral(ids: readonly string[]): string {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a UUID: ${id}`);
  return `${pg.escapeLiteral(`{${ids.join(',')}}`)}::uuid[]`;
}

/**
 * Sequences committed events, then reads up to `limit` sequenced rows not yet published to the
 * broker, in log order, in one round trip (see `sequenceAndReadLog`); `afterPosition` skips rows
 * this relay has read already (a batch still being published). `markPublished`: rows the broker
 * has acknowledged, marked `published_at` first, in the same transaction (so the read no longer
 * sees them). That commit does not wait for its WAL flush: a mark a crash loses only makes the
 * relay publish the row again, which the broker drops by event id; and every synchronous commit
 * after it (the next publish, a consumer's delivery) flushes it.
 */
export async function sequenceAndReadUnpublished(
  client: TPgQueryable,
  options: { limit: number; afterPosition?: number; markPublished?: readonly string[] },
): Promise<TRelayRow[]> {
  const marks = options.markPublished ?? [];
  const markStatement =
    marks.length > 0
      ? `UPDATE outbox SET published_at = now() WHERE id = ANY(${uuidArrayLiteral(marks)});`
      : '';
  const afterCondition =
    options.afterPosition === undefined
      ? ''
      : `AND position > ${checkedCount('afterPosition', options.afterPosition)}`;
  const result = (await client.query(
    `SELECT set_config('synchronous_commit', 'off', true);
     ${markStatement}
     SELECT lumenforge_sequence_outbox(${SEQUENCE_BATCH});
     SELECT id::text, subject, position, envelope::text AS envelope_json FROM outbox
     WHERE published_at IS NULL AND position IS NOT NULL ${afterCondition}
     ORDER BY position LIMIT ${checkedCount('limit', options.limit)}`,
  )) as pg.QueryResult | pg.QueryResult[];
  return lastRows<{ id: string; subject: string; position: string; envelope_json: string }>(result).map(
    (row) => ({
      id: row.id,
      subject: row.subject,
      position: Number(row.position),
      envelopeJson: row.envelope_json,
    }),
  );
}

/** Marks rows published on their own (a synchronous commit: a relay closing writes what it held). */
export async function markPublished(client: TPgQueryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await client.query({
    name: 'lumenforge_outbox_mark_published',
    text: 'UPDATE outbox SET published_at = now() WHERE id = ANY($1::uuid[])',
    values: [ids],
  });
}
