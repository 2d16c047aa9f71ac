import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IGNIS_HMR_PORT } from '@lumenforge/config';
import { z } from 'zod';

/** What an app needs to call the engine (documented in .env.example). */
export const ZIgnisEngineClientEnv = z.object({
  /** The engine's control API (its own port, 24678 by default); not the browser-facing preview origin. */
  IGNIS_ENGINE_URL: z.url({ protocol: /^https?$/ }).default(`http://127.0.0.1:${IGNIS_HMR_PORT}`),
  /** The engine secret (the platform runner passes it); unset: read from LUMENFORGE_HOME/ignis-engine-secret. */
  IGNIS_ENGINE_SECRET: z.string().min(32).optional(),
  /** The browser-facing preview origin (the apps' CSP `frame-src`): another host than the apps'. */
  IGNIS_PREVIEW_ORIGIN: z.url({ protocol: /^https?$/ }).default(`http://127.0.0.1:${IGNIS_HMR_PORT}`),
  LUMENFORGE_HOME: z.string().min(1).optional(),
});
export type TIgnisEngineClientEnv = z.infer<typeof ZIgnisEngineClientEnv>;

/** The configured engine secret, else the one the engine generated in LUMENFORGE_HOME; null if neither. */
export async function resolveEngineSecret(env: TIgnisEngineClientEnv): Promise<string | null> {
  if (env.IGNIS_ENGINE_SECRET) return env.IGNIS_ENGINE_SECRET;
  if (!env.LUMENFORGE_HOME) return null;
  const stored = await readFile(join(env.LUMENFORGE_HOME, 'ignis-engine-secret'), 'utf8').catch(() => null);
  return stored?.trim() || null;
}
