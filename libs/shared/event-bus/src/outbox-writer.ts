import { setImmediate as nextTurn } from 'node:timers/promises';
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

/**
 * Group commit for events published without a transaction: while one insert is in flight, the
 * events published meanwhile queue up, and all of them (up to `MAX_EVENTS_PER_WRITE`) go together
 * in the next one (one statement, one commit, one NOTIFY). A lone event is written at once, so
 * nothing waits for company; under load, commits (and the NOTIFY lock each one takes) are shared
 * instead of serialised. Each `write` still resolves only after its event is committed. If a
 * shared insert fails, its events are written one by one, so an invalid event or a duplicate id
 * fails only its own publish. Plain node-postgres (`pool`), not Prisma: this is every event's path.
 */
export function createOutboxWriter(pool: TPgQueryable): TOutboxWriter {
  let queue: TPendingWrite[] = [];
  // The loop's promise while it runs; cleared in the same synchronous step as its last look at the
  // queue, so a write queued after that look starts a new loop.
  let writing: Promise<void> | undefined;

  const writeQueued = async () => {
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, MAX_EVENTS_PER_WRITE);
        queue = queue.slice(batch.length);
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
        // Let the publishers just released run on to their next publish before looking at the
        // queue: otherwise the first of them goes alone and the others wait for it.
        await nextTurn();
      }
    } finally {
      writing = undefined;
    }
  };

  return {
    write: (event) =>
      new Promise<void>((resolve, reject) => {
        queue.push({ event, resolve, reject });
        writing ??= writeQueued();
      }),
    drain: async () => {
      while (writing) await writing;
    },
  };
}
