import pg from 'pg';
import { OUTBOX_CHANNEL } from '@lumenforge/db/server';

export type TOutboxNotifications = {
  /** Resolves on the next outbox commit, after `timeoutMs`, or when `signal` aborts: whichever is first. */
  next: (timeoutMs: number, signal: AbortSignal) => Promise<void>;
  close: () => Promise<void>;
};

/**
 * One LISTEN connection shared by every live tail of a process (one per browser tab would exhaust
 * the database's connections). Connects on first use and again after a failure; while it is
 * down, waiters simply time out and poll.
 */
export function createOutboxNotifications(
  databaseUrl: string,
  reportError: (message: string) => void,
): TOutboxNotifications {
  const waiters = new Set<() => void>();
  let client: Promise<pg.Client> | undefined;
  const notifyAll = () => {
    for (const resolveWaiter of [...waiters]) resolveWaiter();
  };

  const connect = () => {
    client ??= (async () => {
      const listener = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
      listener.on('notification', notifyAll);
      listener.on('error', (error) => {
        reportError(`live tail: listen connection lost (${error.message}); reconnecting`);
        client = undefined;
      });
      await listener.connect();
      await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
      return listener;
    })().catch((error: unknown) => {
      client = undefined;
      throw error;
    });
    return client;
  };

  return {
    next: async (timeoutMs, signal) => {
      await connect().catch(() => undefined); // polled meanwhile
      if (signal.aborted) return;
      await new Promise<void>((resolveWait) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          waiters.delete(done);
          resolveWait();
        };
        const timer = setTimeout(done, timeoutMs);
        signal.addEventListener('abort', done, { once: true });
        waiters.add(done);
      });
    },
    close: async () => {
      notifyAll();
      const current = client;
      client = undefined;
      const listener = await current?.catch(() => undefined);
      // end() can wait forever on a half-open socket; a close must not hang shutdown.
      await Promise.race([
        listener?.end().catch(() => undefined),
        new Promise((resolveWait) => setTimeout(resolveWait, 2_000).unref()),
      ]);
    },
  };
}
