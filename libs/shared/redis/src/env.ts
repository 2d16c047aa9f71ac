import { createEnv } from '@lumenforge/config';
import { z } from 'zod';

const SENTINEL_LIST = /^\s*[^\s:,]+:\d{1,5}\s*(,\s*[^\s:,]+:\d{1,5}\s*)*$/;

/**
 * The Redis env fragment as a plain object, for composing into an app's env.ts
 * (`ZPlatformEnv.extend(ZRedisEnvShape.shape).superRefine(refineRedisEnv)`): zod drops
 * refinements on `.extend`, so re-apply `refineRedisEnv` after composing.
 */
export const ZRedisEnvShape = z.object({
  /** Standalone Redis, e.g. redis://:secret@redis:6379/0 or rediss://… (TLS). Unset with no sentinels = single-node mode. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Sentinel mode: "host:port,host:port". Needs REDIS_MASTER_NAME. */
  REDIS_SENTINELS: z
    .string()
    .regex(SENTINEL_LIST, 'must be a comma-separated list of host:port, e.g. "nas-1:26379,nas-2:26379"')
    .optional(),
  /** Sentinel mode: the monitored master's name (sentinel.conf `sentinel monitor <name> …`). */
  REDIS_MASTER_NAME: z.string().min(1).optional(),
  /** Sentinel mode: the password of the Redis master/replicas (with REDIS_URL put it in the URL). */
  REDIS_PASSWORD: z.string().min(1).optional(),
  /** Sentinel mode: the sentinels' own password (`requirepass` in sentinel.conf), if any. */
  REDIS_SENTINEL_PASSWORD: z.string().min(1).optional(),
});

/** Cross-field rules of the Redis env; error paths name the variable to fix. */
export function refineRedisEnv(env: z.infer<typeof ZRedisEnvShape>, ctx: z.RefinementCtx): void {
  if (env.REDIS_SENTINELS && !env.REDIS_MASTER_NAME) {
    ctx.addIssue({
      code: 'custom',
      path: ['REDIS_MASTER_NAME'],
      message: 'REDIS_SENTINELS is set: name the master to connect to',
    });
  }
  if (env.REDIS_SENTINELS && env.REDIS_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['REDIS_URL'],
      message: 'set either REDIS_URL or REDIS_SENTINELS, not both',
    });
  }
}

/** Env fragment the redis lib owns, with its cross-field rules. */
export const ZRedisEnv = ZRedisEnvShape.superRefine(refineRedisEnv);
export type TRedisEnv = z.infer<typeof ZRedisEnvShape>;

/**
 * Parses the Redis configuration from `process.env` (on call, not at import). Throws an
 * `InvalidEnvError` naming each bad variable, e.g. `REDIS_MASTER_NAME: is required (…)`.
 */
export function readRedisEnv(source: Record<string, string | undefined> = process.env): TRedisEnv {
  return createEnv('redis', ZRedisEnv, source);
}

/** Cluster mode needs Redis: true when REDIS_URL or REDIS_SENTINELS is set. */
export function isRedisConfigured(env: TRedisEnv): boolean {
  return Boolean(env.REDIS_URL || env.REDIS_SENTINELS);
}

const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** Only for `./testing`: the shared Redis integration tests use (`TEST_REDIS_URL`, else 127.0.0.1:6379). */
export function readTestRedisUrl(source: Record<string, string | undefined> = process.env): string {
  const env = createEnv(
    'redis testing',
    z.object({ TEST_REDIS_URL: ZRedisEnvShape.shape.REDIS_URL }),
    source,
  );
  return env.TEST_REDIS_URL ?? DEFAULT_TEST_REDIS_URL;
}

/** Only for `./testing`: the redis-server binary fault tests start (`REDIS_SERVER_BIN`, else on PATH). */
export function readRedisServerBin(source: Record<string, string | undefined> = process.env): string {
  const bin = source['REDIS_SERVER_BIN'];
  return bin && bin.length > 0 ? bin : 'redis-server';
}
