import 'server-only';
import { createBuiltInGenerator, routePrompt } from '@lumenforge/spark-generator';
import type { TSparkGenerator } from './generation';

/**
 * The generator SPARK answers with: the built-in one (no network), routed by its own router.
 */
export function sparkGenerator(): TSparkGenerator {
  return { generator: createBuiltInGenerator(), route: routePrompt };
}
