import type { RedisOptions } from 'ioredis';
import type { TRedisEnv } from './env';

export type TSentinelAddress = { host: string; port: number };

/** "a:26379, b:26380" → [{ host: 'a', port: 26379 }, { host: 'b', port: 26380 }]. */
export function parseSentinels(value: string): TSentinelAddress[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const separator = entry.lastIndexOf(':');
      const host = entry.slice(0, separator);
      const port = Number(entry.slice(separator + 1));
      if (separator <= 0 || !Number.isInteger(port) || port < 1 || port > 65_535) {
        throw new Error(`REDIS_SENTINELS: "${entry}" is not host:port`);
      }
      return { host, port };
    });
}

/** Where to connect, as ioredis options (no tuning): from REDIS_URL or from the Sentinel variables. */
export function connectionOptionsFromEnv(env: TRedisEnv): RedisOptions {
  if (env.REDIS_SENTINELS) {
    if (!env.REDIS_MASTER_NAME) throw new Error('REDIS_MASTER_NAME: is required with REDIS_SENTINELS');
    return {
      sentinels: parseSentinels(env.REDIS_SENTINELS),
      name: env.REDIS_MASTER_NAME,
      ...(env.REDIS_PASSWORD ? { password: env.REDIS_PASSWORD } : {}),
      ...(env.REDIS_SENTINEL_PASSWORD ? { sentinelPassword: env.REDIS_SENTINEL_PASSWORD } : {}),
    };
  }
  if (env.REDIS_URL) return parseRedisUrl(env.REDIS_URL);
  throw new Error('redis: neither REDIS_URL nor REDIS_SENTINELS is set (single-node mode has no Redis)');
}

/** redis[s]://[user][:password]@host[:port][/db] → ioredis options; rediss:// turns on TLS. */
export function parseRedisUrl(value: string): RedisOptions {
  const url = new URL(value);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error('REDIS_URL: must be a redis:// or rediss:// URL');
  }
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0) throw new Error(`REDIS_URL: "${dbText}" is not a database number`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    host,
    port: url.port ? Number(url.port) : 6379,
    db,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: { servername: host } } : {}),
  };
}

/** Reconnect delay: 100 ms doubling to a 2 s cap, never giving up (the outage ends when Redis returns). */
export function reconnectDelayMs(attempt: number, capMs = 2_000): number {
  return Math.min(100 * 2 ** Math.max(0, attempt - 1), capMs);
}
