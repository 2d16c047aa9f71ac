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
  /** An external OpenID provider (nocturnaID); when unset the runner starts apps/identity. */
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  /** LANDING's client at the provider; passed to every app. */
  OIDC_CLIENT_ID: z.string().min(1).default('lumenforge-landing'),
  /** Unset with the local provider: the one it generated (IDENTITY_HOME/client-secrets.json). */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_API_AUDIENCE: z.string().min(1).default('urn:lumenforge:api'),
  /** Encrypts LANDING's sign-in state cookie; unset: generated once in LUMENFORGE_HOME/auth-secret. */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** The IGNIS engine's control-API secret; unset: generated once in LUMENFORGE_HOME/ignis-engine-secret. */
  IGNIS_ENGINE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Port of the local identity provider (only when OIDC_ISSUER is unset). */
  IDENTITY_PORT: ZPort.default(3100),
  /** Production domain (see .env.example); LANDING's URL follows it. */
  LUMENFORGE_DOMAIN: z.string().min(1).optional(),
  /** LANDING's URL as the local provider registers it (redirect URIs); default from the catalog. */
  LANDING_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Its issuer URL; default http://LUMENFORGE_LOCAL_HOST:IDENTITY_PORT. */
  IDENTITY_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  CI: z.string().optional(),
});
export type TRunnerEnv = z.infer<typeof ZRunnerEnv>;

export function readRunnerEnv(): TRunnerEnv {
  return createEnv('lumenforge', ZRunnerEnv, process.env);
}
