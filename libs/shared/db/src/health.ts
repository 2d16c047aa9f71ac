import { getDb, type TDb } from './client';

/** Prisma wraps driver errors in a multi-line "Invalid `prisma.$queryRaw()` invocation" text: keep the driver's message. */
function driverMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /Message: `([^`]*)`/.exec(message)?.[1];
  return quoted ?? message.trim().split('\n').filter(Boolean).pop() ?? message;
}

/**
 * Runs `SELECT 1` and reports the round trip. Rejects within `timeoutMs` when PostgreSQL is down or
 * unreachable (the pool's own connect timeout stops the attempt behind it soon after).
 */
export async function pingDatabase(
  options: { timeoutMs?: number; db?: TDb } = {},
): Promise<{ latencyMs: number }> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const startedAt = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`PostgreSQL did not answer SELECT 1 within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    // getDb() inside the race: a config error rejects like any other failure.
    const query = Promise.resolve().then(() => (options.db ?? getDb()).$queryRaw`SELECT 1`);
    query.catch(() => undefined); // the race may settle first; never leave a rejection unhandled
    await Promise.race([query, timeout]);
    return { latencyMs: Math.round((performance.now() - startedAt) * 10) / 10 };
  } catch (error) {
    // Invalid configuration (InvalidEnvError from getDb) already names the variable: pass it on as is.
    if (error instanceof Error && error.name === 'InvalidEnvError') throw error;
    const message = driverMessage(error);
    throw new Error(message.startsWith('PostgreSQL') ? message : `PostgreSQL is unavailable: ${message}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}
