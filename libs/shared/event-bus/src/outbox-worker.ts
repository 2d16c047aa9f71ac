import type pg from 'pg';
import { endListener, listenToOutbox } from './outbox-listener';

export type TOutboxWorkerOptions = {
  /** For the LISTEN connection, which also holds the worker's session advisory lock. */
  databaseUrl: string;
  /** One process at a time runs the worker with this name; the others wait on standby. */
  lockName: string;
  /** Safety net when a notification is missed (e.g. across a reconnect). */
  pollIntervalMs: number;
  /**
   * Called whenever the outbox may have something new, while this process holds the lock. Check
   * `holdsLock()` between batches: the lock is gone once its connection drops, and another process
   * may already have taken over. `connection` is the LISTEN connection (idle otherwise): short
   * queries on it skip the pool and Prisma. `takeWake()` tells whether an outbox commit was
   * notified since `work` was called or `takeWake` last returned true (and clears it): nothing new
   * has committed while it says false, and a notification it did not take runs `work` again.
   */
  work: (holdsLock: () => boolean, connection: pg.Client, takeWake: () => boolean) => Promise<void>;
  /** On close, while this process still holds the lock: write what was kept for later under it. */
  beforeRelease?: (connection: pg.Client) => Promise<void>;
  /** After a failure (the lock is released by then): forget any state owned under the lock. */
  onReset?: () => void;
  reportError: (message: string) => void;
};

export type TOutboxWorker = {
  /** Run `work` soon (e.g. after a local publish), without waiting for the notification. */
  wake: () => void;
  /** Stops after the current `work` call and releases the lock for a standby process. */
  close: () => Promise<void>;
};

/**
 * A loop that runs `work` each time an outbox row commits anywhere (LISTEN/NOTIFY, with a poll as
 * the safety net), in exactly one process at a time: a session advisory lock on the LISTEN
 * connection makes it exclusive, and ending that connection (crash, close) hands it over.
 * Both the PostgreSQL transport's consumers and the NATS relay run on it.
 */
export function startOutboxWorker(options: TOutboxWorkerOptions): TOutboxWorker {
  let isClosed = false;
  let listener: pg.Client | undefined;
  // A notification during `work` must not be lost: it is remembered until the next wait.
  let hasPendingWake = false;
  let wakeWaiter: (() => void) | undefined;
  const wake = () => {
    hasPendingWake = true;
    wakeWaiter?.();
  };
  const takeWake = () => {
    const hadWake = hasPendingWake;
    hasPendingWake = false;
    return hadWake;
  };
  const waitForWake = () =>
    new Promise<void>((resolveWait) => {
      if (hasPendingWake) {
        hasPendingWake = false;
        return resolveWait();
      }
      const timer = setTimeout(() => {
        wakeWaiter = undefined;
        resolveWait();
      }, options.pollIntervalMs);
      wakeWaiter = () => {
        clearTimeout(timer);
        wakeWaiter = undefined;
        hasPendingWake = false;
        resolveWait();
      };
    });

  /** Connects the LISTEN client and takes the lock; false while another process holds it. */
  const acquire = async (): Promise<boolean> => {
    if (!listener) {
      // Declared first: a failure can be reported while the connect is still under way.
      let client: pg.Client | undefined = undefined;
      client = await listenToOutbox({
        databaseUrl: options.databaseUrl,
        onNotification: wake,
        onLost: (error) => {
          options.reportError(`${options.lockName}: listen connection lost (${error.message}); reconnecting`);
          if (listener === client) listener = undefined;
          wake();
        },
      });
      listener = client;
    }
    const lock = await listener.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
      [options.lockName],
    );
    return lock.rows[0]?.locked === true;
  };

  let hasLock = false;
  const loop = (async () => {
    while (!isClosed) {
      try {
        if (hasLock && !listener) {
          // The connection holding the lock died: the lock went with it, and so did anything
          // this process owned under it.
          hasLock = false;
          options.onReset?.();
        }
        hasLock ||= await acquire();
        const lockedBy = listener;
        if (hasLock && lockedBy)
          await options.work(() => listener !== undefined && listener === lockedBy, lockedBy, takeWake);
      } catch (error) {
        hasLock = false;
        await endListener(listener);
        listener = undefined;
        options.onReset?.();
        options.reportError(
          `${options.lockName}: ${error instanceof Error ? error.message : String(error)}; retrying`,
        );
      }
      if (!isClosed) await waitForWake();
    }
  })();

  return {
    wake,
    close: async () => {
      isClosed = true;
      wake();
      await loop;
      if (hasLock && listener)
        await options
          .beforeRelease?.(listener)
          .catch((error: unknown) =>
            options.reportError(
              `${options.lockName}: ${error instanceof Error ? error.message : String(error)} (on close)`,
            ),
          );
      // Ending the session releases the advisory lock for a standby process.
      await endListener(listener);
      listener = undefined;
    },
  };
}
