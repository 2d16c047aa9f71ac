import { getDb, getReadDb, readReplicaRouterOf, type TDb, type TDbClient } from './client';
import { databaseUnavailableReason } from './connection-errors';

/** Prisma wraps driver errors in a multi-line "Invalid `prisma.$queryRaw()` invocation" text: keep the driver's message. */
function driverMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /Message: `([^`]*)`/.exec(message)?.[1];
  return quoted ?? message.trim().split('\n').filter(Boolean).pop() ?? message;
}

/**
 * Runs `query` against `timeoutMs` and reports the round trip. Failures read
 * "`subject` is unavailable: …" or "`subject` did not answer SELECT 1 within … ms".
 */
async function timedPing(
  subject: string,
  timeoutMs: number,
  query: () => Promise<unknown>,
  describeFailure: (error: unknown) => string,
): Promise<{ latencyMs: number }> {
  const startedAt = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${subject} did not answer SELECT 1 within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    // The client is resolved inside the race: a config error rejects like any other failure.
    const answer = Promise.resolve().then(query);
    answer.catch(() => undefined); // the race may settle first; never leave a rejection unhandled
    await Promise.race([answer, timeout]);
    return { latencyMs: Math.round((performance.now() - startedAt) * 10) / 10 };
  } catch (error) {
    // Invalid configuration (InvalidEnvError from getDb) already names the variable: pass it on as is.
    if (error instanceof Error && error.name === 'InvalidEnvError') throw error;
    const message = describeFailure(error);
    throw new Error(message.startsWith(subject) ? message : `${subject} is unavailable: ${message}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `SELECT 1` and reports the round trip. Rejects within `timeoutMs` when PostgreSQL is down or
 * unreachable (the pool's own connect timeout stops the attempt behind it soon after).
 */
export async function pingDatabase(
  options: { timeoutMs?: number; db?: TDb } = {},
): Promise<{ latencyMs: number }> {
  return timedPing(
    'PostgreSQL',
    options.timeoutMs ?? 2_000,
    () => (options.db ?? getDb()).$queryRaw`SELECT 1`,
    driverMessage,
  );
}

/**
 * `SELECT 1` on the read replica of `db` (default {@link getReadDb}) itself, without the fallback
 * to the primary that reads get: the replica's health check. Rejects within `timeoutMs` when the
 * replica is unreachable, and when `db` has no replica (`DATABASE_REPLICA_URL` unset). Success
 * also sends reads back to a replica that was marked unreachable.
 */
export async function pingReadReplica(
  options: { timeoutMs?: number; db?: TDbClient } = {},
): Promise<{ latencyMs: number }> {
  return timedPing(
    'The PostgreSQL read replica',
    options.timeoutMs ?? 2_000,
    async () => {
      const router = readReplicaRouterOf(options.db ?? getReadDb());
      if (!router)
        throw new Error('The PostgreSQL read replica is not configured (DATABASE_REPLICA_URL is unset)');
      await router.pingReplica();
    },
    // Adapter-level errors carry a kind ("DatabaseNotReachable"), not a sentence: name the reason instead.
    (error) => databaseUnavailableReason(error) ?? driverMessage(error),
  );
}
