// Low-level probes shared by status and verify: TCP connect, HTTP health, PostgreSQL, Redis and
// NATS sessions with timeouts, each resolving (never rejecting) to ok/latency or the reason.
import { createConnection } from 'node:net';
import { connect as connectNatsServer, type NatsConnection } from '@nats-io/transport-node';
import { natsServers } from '@lumenforge/nats/env';
import { createRedisClient, type TRedisClient } from '@lumenforge/redis/server';
import pg from 'pg';
import type { TOpsEnv } from './env';

export type TProbeResult =
  | { ok: true; latencyMs: number; detail?: string; degraded?: boolean }
  | { ok: false; latencyMs: number; error: string };

export function elapsed(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 10) / 10;
}

export function errorMessage(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0)
    return error.errors.map((inner: unknown) => errorMessage(inner)).join('; ');
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** Runs `work` and turns its outcome into a probe result. */
export async function probe(work: () => Promise<string | void>): Promise<TProbeResult> {
  const startedAt = performance.now();
  try {
    const detail = await work();
    return { ok: true, latencyMs: elapsed(startedAt), ...(detail ? { detail } : {}) };
  } catch (error) {
    return { ok: false, latencyMs: elapsed(startedAt), error: errorMessage(error) };
  }
}

export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Opens a TCP connection to host:port and closes it. */
export function tcpConnect(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const socket = createConnection({ host, port });
    const fail = (reason: string) => {
      socket.destroy();
      reject(new Error(reason));
    };
    socket.setTimeout(timeoutMs, () => fail(`no answer from ${host}:${port} within ${timeoutMs} ms`));
    socket.once('connect', () => {
      socket.end();
      socket.destroy();
      resolvePromise();
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'ECONNREFUSED'
          ? `connection refused (nothing listens on ${host}:${port})`
          : `${host}:${port}: ${errorMessage(error)}`,
      ),
    );
  });
}

export type THealthAnswer = { status: number; body: { status?: string; service?: string } | null };

export async function fetchHealth(url: string, timeoutMs: number): Promise<THealthAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    if ((error as Error).name === 'TimeoutError')
      throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    throw new Error(`${url}: ${cause ? errorMessage(cause) : errorMessage(error)}`);
  }
  const body = (await response.json().catch(() => null)) as THealthAnswer['body'];
  return { status: response.status, body };
}

/** GET <url>: 200 with JSON status ok passes; degraded passes flagged; anything else fails with the answer. */
export function httpHealthProbe(url: string, timeoutMs: number): Promise<TProbeResult> {
  return (async (): Promise<TProbeResult> => {
    const startedAt = performance.now();
    try {
      const answer = await fetchHealth(url, timeoutMs);
      const status = answer.body?.status;
      if (answer.status === 200 && status === 'ok')
        return { ok: true, latencyMs: elapsed(startedAt), detail: 'ok' };
      if (answer.status === 200 && status === 'degraded')
        return { ok: true, degraded: true, latencyMs: elapsed(startedAt), detail: 'degraded' };
      return {
        ok: false,
        latencyMs: elapsed(startedAt),
        error: `HTTP ${answer.status}, status ${JSON.stringify(status ?? null)}`,
      };
    } catch (error) {
      return { ok: false, latencyMs: elapsed(startedAt), error: errorMessage(error) };
    }
  })();
}

/**
 * Session settings that make text output deterministic (the same as pg_dump's): UTC timestamps,
 * ISO dates, exact floats, hex bytea.
 */
export const DETERMINISTIC_SESSION_SQL = [
  "SET TimeZone = 'UTC'",
  "SET DateStyle = 'ISO, YMD'",
  "SET IntervalStyle = 'postgres'",
  'SET extra_float_digits = 3',
  "SET bytea_output = 'hex'",
  "SET client_encoding = 'UTF8'",
  'SET search_path = public, pg_catalog',
].join('; ');

/** A connected pg client (deterministic session settings); the caller ends it. */
export async function connectPg(
  url: string,
  timeoutMs = 5_000,
  applicationName = 'lumenforge-ops',
): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    application_name: applicationName,
    // Every value arrives as the server's text; nothing is parsed into JS types (exact round trips).
    types: { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query(DETERMINISTIC_SESSION_SQL);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

export async function withPg<T>(
  url: string,
  timeoutMs: number,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = await connectPg(url, timeoutMs);
  try {
    return await withTimeout(work(client), timeoutMs * 3, 'PostgreSQL');
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function postgresVersion(client: pg.Client): Promise<{ version: string; versionNum: number }> {
  return client
    .query<{
      server_version: string;
      server_version_num: string;
    }>(
      "SELECT current_setting('server_version') AS server_version, current_setting('server_version_num') AS server_version_num",
    )
    .then((result) => ({
      version: result.rows[0]?.server_version ?? 'unknown',
      versionNum: Number(result.rows[0]?.server_version_num ?? 0),
    }));
}

const SILENT = { warn: () => undefined, info: () => undefined };

/** A connected Redis client (REDIS_URL or Sentinel), or the reason it could not connect. */
export async function withRedis<T>(
  env: TOpsEnv,
  timeoutMs: number,
  work: (client: TRedisClient) => Promise<T>,
): Promise<T> {
  const client = createRedisClient(env, {
    connectionName: 'lumenforge-ops',
    connectTimeoutMs: timeoutMs,
    commandTimeoutMs: timeoutMs,
    lazyConnect: true,
    logger: SILENT,
  });
  // ioredis rejects connect() with "Connection is closed"; the reason is in the last error event.
  let lastError: Error | undefined;
  client.on('error', (error: Error) => (lastError = error));
  try {
    try {
      await withTimeout(client.connect(), timeoutMs, 'Redis');
    } catch (error) {
      throw new Error(`Redis is unavailable: ${errorMessage(lastError ?? error)}`, { cause: error });
    }
    return await work(client);
  } finally {
    client.disconnect(false);
  }
}

/** A NATS connection that gives up after `timeoutMs` (no reconnect loop: a probe, not an app). */
export async function withNats<T>(
  env: TOpsEnv,
  timeoutMs: number,
  work: (nc: NatsConnection) => Promise<T>,
): Promise<T> {
  const nc = await connectNatsServer({
    servers: natsServers(env),
    name: 'lumenforge-ops',
    timeout: timeoutMs,
    reconnect: false,
    maxReconnectAttempts: 0,
  });
  try {
    return await work(nc);
  } finally {
    await nc.close().catch(() => undefined);
  }
}
