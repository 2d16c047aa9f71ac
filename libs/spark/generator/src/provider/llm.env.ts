import { createEnv } from '@lumenforge/config';
import { z } from 'zod';

/** Env fragment of the OpenAI-compatible provider; SPARK's env.ts composes it. Unset LLM_BASE_URL: built-in only. */
export const ZLlmEnv = z.object({
  /** OpenAI-compatible API root, e.g. https://api.deepseek.com/v1, http://127.0.0.1:11434/v1 (Ollama), http://vllm:8000/v1. */
  LLM_BASE_URL: z.url({
    protocol: /^https?$/,
    error: 'must be an http(s) URL such as https://api.openai.com/v1',
  }),
  /** The model name the server knows, e.g. deepseek-chat, qwen2.5-coder:7b, gpt-4o-mini. */
  LLM_MODEL: z.string().min(1),
  /** Sent as `Authorization: Bearer …` when set; local servers (Ollama, vLLM) need none. */
  LLM_API_KEY: z.string().min(1).optional(),
  /** Longest one model request may take, in ms (default 60 000). */
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).optional(),
});
export type TLlmEnv = z.infer<typeof ZLlmEnv>;

/**
 * The provider's configuration from `source` (the app passes `process.env`), or null when
 * LLM_BASE_URL is unset or empty (the built-in generator answers alone). Throws an
 * `InvalidEnvError` naming each bad variable, e.g. `LLM_MODEL: is required` when only the URL is set.
 */
export function readLlmEnv(source: Record<string, string | undefined>): TLlmEnv | null {
  if (!source['LLM_BASE_URL']) return null;
  return createEnv('spark-generator (LLM)', ZLlmEnv, source);
}
