import { resolve } from 'node:path';
import { createEnv, IGNIS_HMR_PORT } from '@lumenforge/config';
import { ZDbEnv } from '@lumenforge/db/env';
import { z } from 'zod';

/** The engine's own variables (documented in .env.example). */
export const ZIgnisEngineEnv = z.object({
  /** Where IGNIS keeps work directories, dependency installs and the engine secret. */
  LUMENFORGE_HOME: z.string().min(1),
  /** Port of the preview origin and its HMR WebSocket (the spec's 24678). */
  IGNIS_HMR_PORT: z.coerce.number().int().min(1).max(65535).default(IGNIS_HMR_PORT),
  /** Interface the engine listens on. */
  IGNIS_BIND_HOST: z.string().min(1).default('127.0.0.1'),
  /** The origin browsers load previews from: another host than the apps', so no cookie is shared. */
  IGNIS_PREVIEW_ORIGIN: z.url({ protocol: /^https?$/ }).optional(),
  /** The control API's secret; unset: generated once in LUMENFORGE_HOME/ignis-engine-secret. */
  IGNIS_ENGINE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Concurrent dev sessions; one more is answered 429. */
  IGNIS_MAX_SESSIONS: z.coerce.number().int().min(1).max(256).default(8),
  /** A preview with no request and no open socket for this long is stopped. */
  IGNIS_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(5).default(900),
});
export type TIgnisEngineEnv = z.infer<typeof ZIgnisEngineEnv>;

const ZEngineProcessEnv = ZIgnisEngineEnv.extend(ZDbEnv.shape);

export function readEngineEnv(source: Record<string, string | undefined> = process.env) {
  const env = createEnv('ignis-engine', ZEngineProcessEnv, source);
  return {
    ...env,
    LUMENFORGE_HOME: resolve(env.LUMENFORGE_HOME),
    IGNIS_PREVIEW_ORIGIN: env.IGNIS_PREVIEW_ORIGIN ?? `http://127.0.0.1:${env.IGNIS_HMR_PORT}`,
  };
}

/**
 * The environment for the platform runtime's own parser (event bus mode, logger). Empty values
 * count as unset, as createEnv treats them (`REDIS_URL=` selects single-node mode).
 */
export function runtimeEnvSource(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ''));
}
