import { pruneEventLog, type TDbClient } from '@lumenforge/db/server';

/**
 * How long events stay in the outbox after every consumer has passed them: LANDING's activity
 * feed and alert list read their history from it. Default 7 days, JetStream's stream age, so both
 * modes keep the same history. `false` turns pruning off.
 */
export type TEventLogRetention = {
  /** Rows (and processed-event records) younger than this are kept. Default 7 days. */
  windowMs?: number;
  /** How often a prune round runs. Default 60 s. */
  intervalMs?: number;
  /** Rows per delete statement. Default 1,000. */
  batchSize?: number;
};

export const DEFAULT_RETENTION_WINDOW_MS = 7 * 24 * 60 * 60 * 1_000;
const DEFAULT_PRUNE_INTERVAL_MS = 60_000;
/** Statements per round at most, so one round never runs for long; a backlog shrinks round by round. */
const MAX_BATCHES_PER_ROUND = 20;

export type TEventLogPrunerOptions = {
  db: TDbClient;
  transport: 'postgres' | 'nats';
  retention: TEventLogRetention;
  reportError: (message: string) => void;
};

export type TEventLogPruner = {
  /** Runs one round now (bounded batches until nothing is left or the round's limit is reached). */
  pruneNow: () => Promise<{ outbox: number; processedEvents: number }>;
  close: () => Promise<void>;
};

/**
 * Deletes, on a timer, outbox rows no consumer needs any more (single-node: at or before every
 * consumer's cursor; cluster: relayed to JetStream) and processed-event records, once they are
 * older than the retention window. Every process runs one; a transaction-scoped advisory lock lets
 * one of them prune at a time and the others skip the round.
 */
export function startEventLogPruner(options: TEventLogPrunerOptions): TEventLogPruner {
  const windowMs = options.retention.windowMs ?? DEFAULT_RETENTION_WINDOW_MS;
  const batchSize = options.retention.batchSize ?? 1_000;
  let round: Promise<unknown> = Promise.resolve();

  const pruneBatch = () =>
    options.db.$transaction(async (tx) => {
      const [lock] = await tx.$queryRaw<Array<{ locked: boolean }>>`
        SELECT pg_try_advisory_xact_lock(hashtext('lumenforge.outbox.pruner')) AS locked`;
      if (!lock?.locked) return undefined; // another process is pruning
      return pruneEventLog(tx, {
        transport: options.transport,
        before: new Date(Date.now() - windowMs),
        batchSize,
      });
    });

  const pruneNow = async () => {
    const total = { outbox: 0, processedEvents: 0 };
    for (let batch = 0; batch < MAX_BATCHES_PER_ROUND; batch += 1) {
      const pruned = await pruneBatch();
      if (!pruned) break;
      total.outbox += pruned.outbox;
      total.processedEvents += pruned.processedEvents;
      if (pruned.outbox < batchSize && pruned.processedEvents < batchSize) break;
    }
    return total;
  };

  const timer = setInterval(() => {
    round = round
      .then(pruneNow)
      .catch((error: unknown) =>
        options.reportError(
          `event log pruning failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  }, options.retention.intervalMs ?? DEFAULT_PRUNE_INTERVAL_MS);
  timer.unref();

  return {
    pruneNow: () => {
      const run = round.then(pruneNow);
      round = run.catch(() => undefined);
      return run;
    },
    close: async () => {
      clearInterval(timer);
      await round;
    },
  };
}
