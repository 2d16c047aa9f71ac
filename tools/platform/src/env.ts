import { resolve } from 'node:path';
import { createEnv } from '@lumenforge/config';
import { ZPostgresUrlSchema } from '@lumenforge/db/env';
import { z } from 'zod';

export const WORKSPACE_ROOT = resolve(import.meta.dirname, '../../..');

const ZPort = z.coerce.number().int().min(1).max(65535);

/** What the platform runner reads from the environment (documented in .env.example). */
const ZRunnerEnv = z.object({
  /** An external PostgreSQL; when unset the runner starts an embedded one. */
  DATABASE_URL: ZPostgresUrlSchema.optional(),
  /** Where single-node state lives (embedded PostgreSQL data, logs). */
  LUMENFORGE_HOME: z.string().default(resolve(WORKSPACE_ROOT, '.lumenforge')),
  LUMENFORGE_PG_PORT: ZPort.default(54329),
  /** Interface the apps listen on. 127.0.0.1 keeps a laptop's platform off the network. */
  LUMENFORGE_BIND_HOST: z.string().min(1).default('127.0.0.1'),
  /** Host in the printed URLs and the apps' links (cookies are shared per host). */
  LUMENFORGE_LOCAL_HOST: z.string().min(1).default('localhost'),
  /** Seconds to wait for every app's /api/health before giving up. */
  LUMENFORGE_READY_TIMEOUT: z.coerce.number().positive().default(120),
  CI: z.string().optional(),
});
export type TRunnerEnv = z.infer<typeof ZRunnerEnv>;

export function readRunnerEnv(): TRunnerEnv {
  return createEnv('lumenforge', ZRunnerEnv, process.env);
}
