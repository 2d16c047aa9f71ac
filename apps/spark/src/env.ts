import { defineAppEnv } from '@lumenforge/config';
import { ZPlatformEnv } from '@lumenforge/config/env';
import { refineRuntimeEnv, ZRuntimeEnv } from '@lumenforge/runtime/env';
import { z } from 'zod';

/** SPARK's own settings. */
const ZSparkEnv = z.object({
  /** Generator calls (plan, generate, edit) one user may make per minute (issue 16, item 9). */
  SPARK_GENERATIONS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
});

/** Spark's validated configuration; the only reader of process.env in this app. */
export const getEnv = defineAppEnv(
  'spark',
  ZPlatformEnv.extend(ZRuntimeEnv.shape).extend(ZSparkEnv.shape).superRefine(refineRuntimeEnv),
  () => process.env,
);
