import type { z } from 'zod';
import { createEnv } from './create-env';

/**
 * A memoized, validated config getter for one app. The app's env.ts passes the reader of
 * `process.env`, so that file stays the only place configuration is read.
 */
export function defineAppEnv<TShape extends z.ZodRawShape>(
  service: string,
  schema: z.ZodObject<TShape>,
  readSource: () => Record<string, string | undefined>,
): () => z.infer<z.ZodObject<TShape>> {
  let cached: z.infer<z.ZodObject<TShape>> | undefined;
  return () => (cached ??= createEnv(service, schema, readSource()));
}
