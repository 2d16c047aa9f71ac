import { defineAppEnv } from '@lumenforge/config';
import { ZPlatformEnv } from '@lumenforge/config/env';
import { refineRuntimeEnv, ZRuntimeEnv } from '@lumenforge/runtime/env';
import { readLlmEnv } from '@lumenforge/spark-generator';
import { z } from 'zod';

/** SPARK's own settings. */
const ZSparkEnv = z.object({
  /** Generator calls (plan, generate, edit) one user may make per minute (issue 16, item 9). */
  SPARK_GENERATIONS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  /** IGNIS's preview origin (the same variable and default as IGNIS's): /generate embeds previews from it. */
  IGNIS_PREVIEW_ORIGIN: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:24678'),
});

/** Spark's validated configuration; the only reader of process.env in this app. */
export const getEnv = defineAppEnv(
  'spark',
  ZPlatformEnv.extend(ZRuntimeEnv.shape).extend(ZSparkEnv.shape).superRefine(refineRuntimeEnv),
  () => process.env,
);

/**
 * The OpenAI-compatible provider's settings (LLM_BASE_URL, LLM_MODEL, LLM_API_KEY, LLM_TIMEOUT_MS),
 * or null when LLM_BASE_URL is unset: the built-in generator answers alone. Throws naming the
 * variable when they are incomplete (checked at boot).
 */
export const getLlmEnv = () => readLlmEnv(process.env);
