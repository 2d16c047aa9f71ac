-- Insertion order, for the sequencer: created_at is the transaction's start time (the same for every
-- event of one transaction, and only millisecond-precise), so ordering by (created_at, id) put the
-- events of one transaction, or of two quick ones, in random order.
ALTER TABLE "outbox" ADD COLUMN "insert_order" BIGSERIAL NOT NULL;

-- Sequencing in one round trip. The advisory lock must be taken before the statement that reads
-- MAX(position): in READ COMMITTED a statement keeps the snapshot it started with, so a sequencer
-- that waited for the lock inside its own UPDATE would number from a stale maximum. Each statement
-- of a VOLATILE PL/pgSQL function takes a new snapshot, so the UPDATE sees what the previous lock
-- holder committed. The lock is released, and the new positions become visible, when the caller's
-- transaction (the statement itself, when called on its own) commits.
--
-- The commit does not wait for its WAL flush (synchronous_commit off, for this transaction only):
-- that flush would add an fsync to every event's path. Nothing durable can depend on positions that
-- a crash loses: a consumer's delivery commit, a cursor update or the relay's published_at are
-- synchronous and come later in the WAL, so flushing them flushes the sequencing first. Positions
-- lost in a crash are assigned again, in the same insertion order, by the next sequencer. Call it
-- on its own, not inside a transaction of other writes.
CREATE FUNCTION lumenforge_sequence_outbox(batch_size integer) RETURNS integer
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  sequenced integer;
BEGIN
  PERFORM set_config('synchronous_commit', 'off', true);
  PERFORM pg_advisory_xact_lock(hashtext('lumenforge.outbox.sequencer'));
  WITH pending AS (
    SELECT id, insert_order FROM outbox
    WHERE sequenced_at IS NULL
    ORDER BY insert_order
    LIMIT batch_size
  ),
  base AS (SELECT COALESCE(MAX(position), 0) AS max_position FROM outbox),
  numbered AS (
    SELECT pending.id, base.max_position + ROW_NUMBER() OVER (ORDER BY pending.insert_order) AS position
    FROM pending CROSS JOIN base
  )
  UPDATE outbox SET position = numbered.position, sequenced_at = now()
  FROM numbered WHERE outbox.id = numbered.id;
  GET DIAGNOSTICS sequenced = ROW_COUNT;
  RETURN sequenced;
END
$$;

-- Retention prunes processed-event records by age (pruneEventLog in @lumenforge/db).
CREATE INDEX "processed_events_processed_at_idx" ON "processed_events"("processed_at");
