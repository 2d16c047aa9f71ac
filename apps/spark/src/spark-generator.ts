import 'server-only';
import type { TLogger } from '@lumenforge/observability';
import {
  createBuiltInGenerator,
  createOpenAiCompatibleGenerator,
  routePrompt,
  type TLlmEnv,
} from '@lumenforge/spark-generator';
import type { TSparkGenerator } from './generation';

/**
 * The generator SPARK answers with: the built-in one (no network), or, when LLM_BASE_URL is set,
 * the OpenAI-compatible provider, which falls back to the built-in one on a timeout, an error or
 * output it cannot repair, and says so in the result's notices. Both are routed by the built-in
 * router (the weights shown with the plan).
 */
export function sparkGenerator(llm: TLlmEnv | null, logger: Pick<TLogger, 'info'>): TSparkGenerator {
  const builtIn = createBuiltInGenerator();
  if (!llm) return { generator: builtIn, route: routePrompt };
  logger.info(
    { model: llm.LLM_MODEL },
    'SPARK generates with the OpenAI-compatible provider (the built-in generator as fallback)',
  );
  return {
    generator: createOpenAiCompatibleGenerator({
      baseUrl: llm.LLM_BASE_URL,
      model: llm.LLM_MODEL,
      ...(llm.LLM_API_KEY ? { apiKey: llm.LLM_API_KEY } : {}),
      ...(llm.LLM_TIMEOUT_MS ? { timeoutMs: llm.LLM_TIMEOUT_MS } : {}),
      fallback: builtIn,
    }),
    route: routePrompt,
  };
}
