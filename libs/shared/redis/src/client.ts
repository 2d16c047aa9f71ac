import { Redis, type RedisOptions } from 'ioredis';
import type { TRedisEnv } from './env';
import { connectionOptionsFromEnv, reconnectDelayMs } from './redis-options';

/** The ioredis client type, re-exported so apps and libs never import `ioredis` themselves. */
export type TRedisClient = Redis;

export type TRedisLogger = {
  warn: (message: string) => void;
  info: (message: string) => void;
};

export type TCreateRedisClientOptions = {
  /** Shown in `CLIENT LIST`, e.g. "landing:cache". */
  connectionName: string;
  /** Give up a TCP/TLS connect after this long (default 2000 ms). */
  connectTimeoutMs?: number;
  /** Fail a command that gets no answer after this long (default 1000 ms): a hung server must not hang requests. */
  commandTimeoutMs?: number;
  /** Upper bound of the reconnect backoff (default 2000 ms). */
  maxReconnectDelayMs?: number;
  /** Where outage/recovery lines go (default `console`). */
  logger?: TRedisLogger;
  /** Connect on the first command instead of at once. */
  lazyConnect?: boolean;
};

/**
 * The ioredis options for a cache/rate-limit path: fail fast instead of queueing. With
 * `enableOfflineQueue: false` a command issued while Redis is unreachable rejects at once (callers
 * degrade to a miss / the insurance limiter), and `maxRetriesPerRequest: 1` stops an in-flight command
 * from riding along several reconnects. Reconnecting itself never stops.
 */
export function redisClientOptions(env: TRedisEnv, options: TCreateRedisClientOptions): RedisOptions {
  const maxDelay = options.maxReconnectDelayMs ?? 2_000;
  return {
    ...connectionOptionsFromEnv(env),
    connectionName: options.connectionName,
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    commandTimeout: options.commandTimeoutMs ?? 1_000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    enableReadyCheck: true,
    lazyConnect: options.lazyConnect ?? false,
    retryStrategy: (attempt) => reconnectDelayMs(attempt, maxDelay),
    sentinelRetryStrategy: (attempt) => reconnectDelayMs(attempt, maxDelay),
    // Older Redis (and some proxies) reject CLIENT SETINFO; it only decorates CLIENT LIST.
    disableClientInfo: true,
  };
}

/**
 * Creates an ioredis client for `REDIS_URL` or Sentinel (see `redisClientOptions` for the fail-fast
 * settings). Connection errors are logged once per outage ("unavailable"), and once when it comes
 * back ("available again"), not on every reconnect attempt.
 */
export function createRedisClient(env: TRedisEnv, options: TCreateRedisClientOptions): TRedisClient {
  const logger = options.logger ?? console;
  const client = new Redis(redisClientOptions(env, options));
  let isDown = false;
  let outageStartedAt = 0;
  client.on('error', (error: Error) => {
    if (isDown) return;
    isDown = true;
    outageStartedAt = Date.now();
    logger.warn(
      `[redis:${options.connectionName}] unavailable, reconnecting in the background: ${error.message}`,
    );
  });
  client.on('ready', () => {
    if (!isDown) return;
    isDown = false;
    logger.info(
      `[redis:${options.connectionName}] available again after ${Math.round((Date.now() - outageStartedAt) / 100) / 10} s`,
    );
  });
  return client;
}

/**
 * Sends PING and reports the round trip; rejects within `timeoutMs` (default 1000) when Redis is down,
 * unreachable or not answering. For `GET /api/health`.
 */
export async function pingRedis(
  client: TRedisClient,
  options: { timeoutMs?: number } = {},
): Promise<{ latencyMs: number }> {
  const timeoutMs = options.timeoutMs ?? 1_000;
  const startedAt = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Redis did not answer PING within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    const ping = client.ping();
    ping.catch(() => undefined); // the race may settle first; never leave a rejection unhandled
    const reply = await Promise.race([ping, timeout]);
    if (reply !== 'PONG') throw new Error(`unexpected PING reply ${String(reply)}`);
    return { latencyMs: Math.round((performance.now() - startedAt) * 10) / 10 };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.startsWith('Redis') ? message : `Redis is unavailable: ${message}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}
