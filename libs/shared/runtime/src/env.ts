import { refineCloudflareAccessEnv, ZAuthEnv } from '@lumenforge/auth/env';
import { ZDbEnv } from '@lumenforge/db/env';
import { ZNatsEnv } from '@lumenforge/nats/env';
import { ZObservabilityEnv } from '@lumenforge/observability/env';
import { isRedisConfigured, refineRedisEnv, ZRedisEnvShape } from '@lumenforge/redis/env';
import { z } from 'zod';

/**
 * Everything an app's runtime reads: database, Redis, NATS, authentication, logging and metrics, and the write rate limit. Compose into
 * the app's env.ts as `ZPlatformEnv.extend(ZRuntimeEnv.shape).superRefine(refineRuntimeEnv)`
 * (`.extend` drops refinements, so apply them again).
 */
export const ZRuntimeEnv = z.object({
  ...ZDbEnv.shape,
  ...ZRedisEnvShape.shape,
  ...ZNatsEnv.shape,
  ...ZAuthEnv.shape,
  /** LOG_LEVEL, LOG_FORMAT, METRICS_TOKEN. */
  ...ZObservabilityEnv.shape,
  /** Mutating API requests per client IP and endpoint per minute, before 429. */
  RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
});
export type TRuntimeEnv = z.infer<typeof ZRuntimeEnv>;
/** What `createRuntime` accepts: variables with defaults may be left out (tests). */
export type TRuntimeEnvInput = z.input<typeof ZRuntimeEnv>;

export type TPlatformMode = 'single-node' | 'cluster';

/** Cluster mode needs both Redis and NATS; single-node mode neither. Half a cluster is a mistake. */
export function refineRuntimeEnv(env: TRuntimeEnv, ctx: z.RefinementCtx): void {
  refineRedisEnv(env, ctx);
  refineCloudflareAccessEnv(env, ctx);
  const hasRedis = isRedisConfigured(env);
  const hasNats = Boolean(env.NATS_URL);
  if (hasRedis && !hasNats)
    ctx.addIssue({
      code: 'custom',
      path: ['NATS_URL'],
      message:
        'Redis is configured, so cluster mode needs NATS_URL too (or unset Redis for single-node mode)',
    });
  if (hasNats && !hasRedis)
    ctx.addIssue({
      code: 'custom',
      path: ['REDIS_URL'],
      message:
        'NATS_URL is set, so cluster mode needs REDIS_URL or REDIS_SENTINELS too (or unset NATS_URL for single-node mode)',
    });
}

/** The mode the environment selects: cluster with Redis and NATS configured, else single-node. */
export function platformMode(env: TRuntimeEnv): TPlatformMode {
  return isRedisConfigured(env) && env.NATS_URL ? 'cluster' : 'single-node';
}
