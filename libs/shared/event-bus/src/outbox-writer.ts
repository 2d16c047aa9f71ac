import type { TEventEnvelope } from '@lumenforge/events';
import { insertOutboxEvents, type TPgQueryable } from './outbox-sql';

export type TOutboxWriter = {
  /** Writes `event` to the outbox on its own; resolves once it is committed. */
  write: (event: TEventEnvelope) => Promise<void>;
  /** Resolves once every write accepted so far has settled. */
  drain: () => Promise<void>;
};

type TPendingWrite = { event: TEventEnvelope; resolve: () => void; reject: (error: unknown) => void };

/** Most events one statement inserts. */
const MAX_EVENTS_PER_WRITE = 500;
/** Inserts in flight at once: while one waits for its commit (WAL flush), the next is on its way. */
const MAX_WRITES_IN_FLIGHT = 2;

/**
 * Group commit for events published without a transaction: the events published while inserts
 * are in flight queue up, and all of them (up to `MAX_EVENTS_PER_WRITE`) go together in the next
 * one (one statement, one commit, one NOTIFY). A lone event is written at once, so nothing waits
 * for company; under load, commits (and the NOTIFY lock each one takes) are shared instead of
 * serialised, and up to `MAX_WRITES_IN_FLIGHT` overlap. Each `write` resolves only after its event
 * is committed; publishes awaited one after another keep their order (concurrent ones have none).
 * If a shared insert fails, its events are written one by one, so an invalid event or a duplicate
 * id fails only its own publish. Plain node-postgres (`pool`), not Prisma: this is every event's
 * path.
 */
export function createOutboxWriter(pool: TPgQueryable): TOutboxWriter {
  let queue: TPendingWrite[] = [];
  let inFlight = 0;
  let isScheduled = false;
  const idleWaiters: Array<() => void> = [];

  const writeBatch = async (batch: readonly TPendingWrite[]) => {
    try {
      await insertOutboxEvents(
        pool,
        batch.map((pending) => pending.event),
      );
      for (const pending of batch) pending.resolve();
    } catch (error) {
      if (batch.length === 1) batch[0]?.reject(error);
      else
        for (const pending of batch)
          await insertOutboxEvents(pool, [pending.event]).then(pending.resolve, pending.reject);
    }
  };

  const startWrites = () => {
    while (queue.length > 0 && inFlight < MAX_WRITES_IN_FLIGHT) {
      const batch = queue.slice(0, MAX_EVENTS_PER_WRITE);
      queue = queue.slice(batch.length);
      inFlight += 1;
      void writeBatch(batch).finally(() => {
        inFlight -= 1;
        if (queue.length > 0) schedule();
        else if (inFlight === 0) for (const resolveIdle of idleWaiters.splice(0)) resolveIdle();
      });
    }
  };

  // On the next turn of the event loop: the publishers a commit just released, and everyone else
  // publishing in this turn, join the queue first instead of the first of them going alone.
  const schedule = () => {
    if (isScheduled) return;
    isScheduled = true;
    setImmediate(() => {
      isScheduled = false;
      startWrites();
    });
  };

  return {
    write: (event) =>
      new Promise<void>((resolve, reject) => {
        queue.push({ event, resolve, reject });
        if (inFlight === 0 && !isScheduled) startWrites();
        else schedule();
      }),
    drain: () =>
      queue.length === 0 && inFlight === 0 && !isScheduled
        ? Promise.resolve()
        : new Promise<void>((resolveIdle) => idleWaiters.push(resolveIdle)),
  };
}
