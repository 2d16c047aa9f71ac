import 'server-only';
import type { TRateLimiter } from '@lumenforge/rate-limit';
import { createMemoryRateLimiter, createRedisRateLimiter } from '@lumenforge/rate-limit/server';
import { createRedisClient } from '@lumenforge/redis/server';
import { getEnv, getLlmEnv } from './env';
import type { TGenerationDeps } from './generation';
import { createGenerationLimits, generationLimiterPolicies } from './generation-limits';
import { getRuntime } from './runtime';
import { createSparkHandlers } from './spark-handlers';
import { sparkGenerator } from './spark-generator';

const globalForSpark = globalThis as typeof globalThis & { lumenforgeSparkGeneration?: TGenerationDeps };

/**
 * The per-user generation limiter in the runtime's mode: in-process in single-node mode (one SPARK
 * process: exact), Redis in a cluster (shared by every replica; an outage falls back per process).
 */
function createGenerationLimiter(): TRateLimiter {
  const env = getEnv();
  const options = generationLimiterPolicies(env.SPARK_GENERATIONS_PER_MINUTE);
  if (getRuntime().mode === 'single-node') return createMemoryRateLimiter(options);
  const { logger } = getRuntime();
  const redis = createRedisClient(env, {
    connectionName: 'spark:generation-limits',
    logger: {
      warn: (message) => logger.warn({ component: 'generation-limits' }, message),
      info: (message) => logger.info({ component: 'generation-limits' }, message),
    },
  });
  return createRedisRateLimiter(redis, {
    ...options,
    onError: (error) => logger.error({ err: error }, 'generation limiter: Redis unavailable'),
  });
}

/** SPARK's generation services, one per process (Next bundles routes separately: kept on globalThis). */
export function getGenerationDeps(): TGenerationDeps {
  globalForSpark.lumenforgeSparkGeneration ??= {
    runtime: getRuntime(),
    spark: sparkGenerator(getLlmEnv(), getRuntime().logger),
    limits: createGenerationLimits(createGenerationLimiter()),
  };
  return globalForSpark.lumenforgeSparkGeneration;
}

/** The handlers the route files under `app/api` export. */
export const sparkHandlers = createSparkHandlers(getRuntime, getGenerationDeps);
