import { setImmediate as nextTurn } from 'node:timers/promises';
import type { TEventEnvelope } from '@lumenforge/events';
import { createRepositories, type TDbClient } from '@lumenforge/db/server';

export type TOutboxWriter = {
  /** Writes `event` to the outbox on its own; resolves once it is committed. */
  write: (event: TEventEnvelope) => Promise<void>;
};

type TPendingWrite = { event: TEventEnvelope; resolve: () => void; reject: (error: unknown) => void };

/** Most events one statement inserts. */
const MAX_EVENTS_PER_WRITE = 500;

/**
 * Group commit for events published without a transaction: while one insert is in flight, the
 * events published meanwhile queue up and go together in the next one (one statement, one commit,
 * one NOTIFY). A lone event is written at once, so nothing waits for company; under load, commits
 * (and the NOTIFY lock each one takes) are shared instead of serialised. Each `write` still
 * resolves only after its event is committed. If a shared insert fails, its events are written one
 * by one, so an invalid event or a duplicate id fails only its own publish.
 */
export function createOutboxWriter(db: TDbClient): TOutboxWriter {
  let queue: TPendingWrite[] = [];
  let isWriting = false;

  const writeQueued = async () => {
    isWriting = true;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, MAX_EVENTS_PER_WRITE);
        queue = queue.slice(batch.length);
        try {
          await createRepositories(db).outbox.appendMany(batch.map((pending) => pending.event));
          for (const pending of batch) pending.resolve();
        } catch (error) {
          if (batch.length === 1) batch[0]?.reject(error);
          else
            await Promise.all(
              batch.map((pending) =>
                createRepositories(db).outbox.append(pending.event).then(pending.resolve, pending.reject),
              ),
            );
        }
        // Let the publishers just released run on to their next publish before looking at the
        // queue: otherwise the first of them goes alone and the others wait for it.
        await nextTurn();
      }
    } finally {
      isWriting = false;
    }
  };

  return {
    write: (event) =>
      new Promise<void>((resolve, reject) => {
        queue.push({ event, resolve, reject });
        if (!isWriting) void writeQueued();
      }),
  };
}
