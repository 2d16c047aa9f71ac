import {
  createAuthenticator,
  createCloudflareAccessVerifier,
  type TAuthenticator,
} from '@lumenforge/auth/server';
import { createCachedSessionStore, createPostgresSessionStore } from '@lumenforge/auth/server';
import type { TAuthEnv } from '@lumenforge/auth/env';
import type { TSessionStore, TSessionTimeouts } from '@lumenforge/auth';
import { systemUrls, type TSystemId, type TSystemUrlOptions } from '@lumenforge/config';
import { createMemoryCache, createRedisCache } from '@lumenforge/cache/server';
import type { TCache } from '@lumenforge/cache';
import { getDb, poolStats, type TDbClient, type TDbTransaction } from '@lumenforge/db/server';
import { createNatsEventBus, createPostgresEventBus } from '@lumenforge/event-bus/server';
import type { TEventBus, TSubscription } from '@lumenforge/event-bus';
import { createEvent, SYSTEM_HEALTH } from '@lumenforge/events';
import type { THealthCheck, THealthReport } from '@lumenforge/health';
import { natsCheck, postgresCheck, postgresReplicaCheck, redisCheck } from '@lumenforge/health/server';
import { connectNats, natsServers, type NatsConnection } from '@lumenforge/nats/server';
import { createMemoryRateLimiter, createRedisRateLimiter } from '@lumenforge/rate-limit/server';
import type { TRateLimiter, TRateLimiterOptions } from '@lumenforge/rate-limit';
import type { TLogger } from '@lumenforge/observability';
import type { TTrustedProxies } from '@lumenforge/observability/server';
import {
  configureMetrics,
  createLogger,
  isLogger,
  loggerFromCallbacks,
  parseTrustedProxies,
  registerCacheStats,
  registerConsumerLag,
  registerPoolStats,
} from '@lumenforge/observability/server';
import { createRedisClient, type TRedisClient } from '@lumenforge/redis/server';
import { subscribeCacheInvalidation } from './cache-invalidation';
import { platformMode, ZRuntimeEnv, type TPlatformMode, type TRuntimeEnvInput } from './env';

/** Plain callbacks a test passes to silence or capture a runtime's log lines. */
export type TRuntimeLogger = { info: (message: string) => void; error: (message: string) => void };

export type TCreateRuntimeOptions = {
  /** The app, e.g. `spark`: names its consumers, connections and health events. */
  service: string;
  env: TRuntimeEnvInput;
  /** Where the six systems are reached (their origins are the only ones allowed to send writes). */
  urlOptions?: TSystemUrlOptions;
  /** Default: the process's client (`getDb()`). */
  db?: TDbClient;
  /**
   * Default: a pino logger for `service` (JSON lines, or pretty in development; `LOG_LEVEL`,
   * `LOG_FORMAT`). Tests pass `{ info, error }` callbacks to silence it.
   */
  logger?: TRuntimeLogger | TLogger;
  /** The release, for `build_info{service,version}` (apps: LUMENFORGE_VERSION). Default `unknown`. */
  version?: string;
  /** Key prefix for Redis cache and rate-limit keys; tests isolate with a unique one. Default none. */
  keyPrefix?: string;
};

/** What an app's server code uses, the same in both modes. */
export type TPlatformRuntime = {
  service: string;
  mode: TPlatformMode;
  /** The app's structured logger (`service` on every line); `logger.child({ correlationId, userId })` per request. */
  logger: TLogger;
  /** `/api/metrics` access: the Bearer token Prometheus must send (METRICS_TOKEN), if set. */
  metrics: { token: string | undefined };
  /**
   * The proxies whose `X-Forwarded-For` / `CF-Connecting-IP` are believed (TRUSTED_PROXIES): the
   * client address of rate limits, audit rows and `/api/metrics` (`clientIp`).
   */
  trustedProxies: TTrustedProxies;
  db: TDbClient;
  bus: TEventBus<TDbTransaction>;
  cache: TCache;
  /** For mutating API requests (`apiRoute` applies it). */
  writeLimiter: TRateLimiter;
  /** Each system's public URL (links into another app: search hits, cards). */
  systemUrls: Readonly<Record<TSystemId, string>>;
  /** The six systems' origins: mutating requests must come from one of them. */
  allowedOrigins: readonly string[];
  auth: {
    /** PostgreSQL; in cluster mode cached in Redis (`sessions:*`), answered from PostgreSQL while Redis is away. */
    sessions: TSessionStore;
    authenticator: TAuthenticator;
    env: TAuthEnv;
    stepUpMaxAgeSeconds: number;
    /** Set when CF_ACCESS_TEAM_DOMAIN and CF_ACCESS_AUD are: verifies `Cf-Access-Jwt-Assertion`. */
    cloudflareAccess: ReturnType<typeof createCloudflareAccessVerifier> | null;
  };
  /** PostgreSQL, plus Redis and NATS in cluster mode. */
  healthChecks: () => THealthCheck[];
  /** One line for the start log: the mode and where each part lives. */
  summary: string;
  /**
   * Starts the background work: cache-invalidation consumers and `wissil.system.health` every
   * `healthIntervalMs` (default 15 s) with `healthReport()`'s results. Call once, at server start.
   */
  startBackground: (options: {
    healthReport: () => Promise<THealthReport>;
    healthIntervalMs?: number;
  }) => Promise<void>;
  close: () => Promise<void>;
};

/** Strips credentials from a URL for logs. */
function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/**
 * Builds the runtime the environment selects. Single-node: the PostgreSQL event log, an in-process
 * LRU cache and an in-process write limiter (one process per app). Cluster (`REDIS_URL` or
 * Sentinel, and `NATS_URL`): NATS JetStream, the Redis cache and the Redis limiter shared by every
 * replica. Nothing here waits for a server: connections are made in the background, so an app
 * starts (degraded) while Redis or NATS is still unreachable.
 */
export function createRuntime(options: TCreateRuntimeOptions): TPlatformRuntime {
  const { service } = options;
  const env = ZRuntimeEnv.parse(options.env);
  const logger: TLogger = !options.logger
    ? createLogger({
        service,
        level: env.LOG_LEVEL,
        ...(env.LOG_FORMAT ? { isPretty: env.LOG_FORMAT === 'pretty' } : {}),
      })
    : isLogger(options.logger)
      ? options.logger
      : loggerFromCallbacks(options.logger);
  const db = options.db ?? getDb();
  const mode = platformMode(env);
  const limits: TRateLimiterOptions = {
    defaultPolicy: { points: env.RATE_LIMIT_WRITES_PER_MINUTE, durationSeconds: 60 },
    ...(options.keyPrefix ? { keyPrefix: `${options.keyPrefix}ratelimit` } : {}),
  };
  const reportError = (message: string) => logger.error(message);

  const timeouts: TSessionTimeouts = {
    idleTimeoutSeconds: env.AUTH_SESSION_IDLE_MINUTES * 60,
    absoluteTimeoutSeconds: env.AUTH_SESSION_ABSOLUTE_HOURS * 3600,
    touchIntervalSeconds: Math.min(60, env.AUTH_SESSION_IDLE_MINUTES * 6),
  };

  if (mode === 'single-node') {
    const bus = createPostgresEventBus({ db, databaseUrl: env.DATABASE_URL, onError: reportError });
    return assemble({
      mode,
      bus,
      cache: createMemoryCache({ max: 10_000 }),
      writeLimiter: createMemoryRateLimiter(limits),
      sessions: createPostgresSessionStore(db, timeouts),
      checks: [],
      summary: `${service}: single-node mode (events in PostgreSQL, in-process cache and rate limits)`,
      close: async () => undefined,
    });
  }

  const redis: TRedisClient = createRedisClient(env, {
    connectionName: `${service}:runtime`,
    logger: {
      warn: (message) => logger.warn({ component: 'redis' }, message),
      info: (message) => logger.info({ component: 'redis' }, message),
    },
  });
  const servers = natsServers(env);
  let nc: NatsConnection | undefined;
  const connection = connectNats({ servers, name: service }).then((connected) => {
    nc = connected;
    return connected;
  });
  connection.catch((error: unknown) => reportError(`NATS connection failed: ${String(error)}`));
  const bus = createNatsEventBus({
    db,
    databaseUrl: env.DATABASE_URL,
    nc: connection,
    stream: { replicas: env.NATS_STREAM_REPLICAS },
    onError: reportError,
  });
  const redisTarget = env.REDIS_URL
    ? redact(env.REDIS_URL)
    : `sentinels ${env.REDIS_SENTINELS ?? ''} (master ${env.REDIS_MASTER_NAME ?? ''})`;
  return assemble({
    mode,
    bus,
    cache: createRedisCache(redis, { keyPrefix: options.keyPrefix ?? '' }),
    writeLimiter: createRedisRateLimiter(redis, limits),
    // PostgreSQL stays the source of truth; while Redis is away, sessions are read from PostgreSQL.
    sessions: createCachedSessionStore(db, redis, timeouts, {
      keyPrefix: options.keyPrefix ?? '',
      logger: {
        warn: (message) => logger.warn({ component: 'sessions' }, message),
        info: (message) => logger.info({ component: 'sessions' }, message),
      },
    }),
    checks: [redisCheck(redis), natsCheck(() => nc)],
    summary: `${service}: cluster mode (events on NATS JetStream at ${servers.map(redact).join(', ')}, cache and rate limits in Redis at ${redisTarget})`,
    close: async () => {
      redis.disconnect();
      await (nc ?? (await connection.catch(() => undefined)))?.drain().catch(() => undefined);
    },
  });

  function assemble(parts: {
    mode: TPlatformMode;
    bus: TEventBus<TDbTransaction>;
    cache: TCache;
    writeLimiter: TRateLimiter;
    sessions: TSessionStore;
    checks: THealthCheck[];
    summary: string;
    close: () => Promise<void>;
  }): TPlatformRuntime {
    const subscriptions: TSubscription[] = [];
    let healthTimer: NodeJS.Timeout | undefined;
    // Read at scrape time by /api/metrics (one registry per process; see @lumenforge/observability).
    configureMetrics({ service, version: options.version ?? 'unknown' });
    const unregisterMetrics = [
      registerCacheStats(() => parts.cache.stats()),
      registerPoolStats(() => poolStats(db) ?? { total: 0, idle: 0, waiting: 0 }),
      registerConsumerLag(() => parts.bus.consumerLag()),
    ];
    let isHealthPublishFailing = false;

    const publishHealth = async (healthReport: () => Promise<THealthReport>) => {
      try {
        const report = await healthReport();
        await parts.bus.publish(
          createEvent(SYSTEM_HEALTH, {
            data: { ...report, uptimeSeconds: Math.floor(report.uptimeSeconds) },
            actor: { type: 'system', id: service },
            correlationId: crypto.randomUUID(),
            workspaceId: null,
          }),
        );
        if (isHealthPublishFailing) logger.info('health events are published again');
        isHealthPublishFailing = false;
      } catch (error) {
        // Once per outage: the database is down, which /api/health already reports.
        if (!isHealthPublishFailing) reportError(`cannot publish wissil.system.health: ${String(error)}`);
        isHealthPublishFailing = true;
      }
    };

    const urls = systemUrls(options.urlOptions);
    const trustedProxies = parseTrustedProxies(env.TRUSTED_PROXIES);
    return {
      service,
      mode: parts.mode,
      logger,
      metrics: { token: env.METRICS_TOKEN },
      trustedProxies,
      db,
      bus: parts.bus,
      cache: parts.cache,
      writeLimiter: parts.writeLimiter,
      systemUrls: urls,
      allowedOrigins: Object.values(urls),
      auth: {
        sessions: parts.sessions,
        authenticator: createAuthenticator({ db, sessions: parts.sessions, env }),
        env,
        stepUpMaxAgeSeconds: env.AUTH_STEP_UP_MAX_AGE_MINUTES * 60,
        cloudflareAccess:
          env.CF_ACCESS_TEAM_DOMAIN && env.CF_ACCESS_AUD
            ? createCloudflareAccessVerifier({
                teamDomain: env.CF_ACCESS_TEAM_DOMAIN,
                audience: env.CF_ACCESS_AUD,
              })
            : null,
      },
      healthChecks: () => [
        postgresCheck({ db }),
        ...(env.DATABASE_REPLICA_URL ? [postgresReplicaCheck()] : []),
        ...parts.checks,
      ],
      summary: parts.summary,
      startBackground: async ({ healthReport, healthIntervalMs = 15_000 }) => {
        if (!healthTimer) {
          const first = setTimeout(() => void publishHealth(healthReport), Math.min(2_000, healthIntervalMs));
          first.unref();
          healthTimer = setInterval(() => void publishHealth(healthReport), healthIntervalMs);
          healthTimer.unref();
        }
        if (subscriptions.length > 0) return;
        subscriptions.push(...(await subscribeCacheInvalidation(parts.bus, parts.cache, service)));
      },
      close: async () => {
        clearInterval(healthTimer);
        for (const unregister of unregisterMetrics) unregister();
        await parts.bus.close();
        await parts.close();
      },
    };
  }
}
