import type pg from 'pg';
import { endListener, listenToOutbox } from './outbox-listener';

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
    client ??= listenToOutbox({
      databaseUrl,
      onNotification: notifyAll,
      onLost: (error) => {
        reportError(`live tail: listen connection lost (${error.message}); reconnecting`);
        client = undefined;
      },
    }).catch((error: unknown) => {
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
      await endListener(await current?.catch(() => undefined));
    },
  };
}
