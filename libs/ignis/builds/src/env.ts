import { resolve } from 'node:path';
import { createEnv } from '@lumenforge/config';
import { ZDbEnv } from '@lumenforge/db/env';
import { z } from 'zod';

/** The builder's own variables (documented in .env.example). */
export const ZIgnisBuilderEnv = z.object({
  /** Where IGNIS keeps work directories, dependency installs and build artifacts. */
  LUMENFORGE_HOME: z.string().min(1),
  /** A build whose worker stops renewing its lease for this long is taken over by another worker. */
  IGNIS_BUILD_LEASE_SECONDS: z.coerce.number().int().min(3).max(600).default(30),
  /** Builds run at once by this process (each stage is a sandboxed child). */
  IGNIS_BUILD_CONCURRENCY: z.coerce.number().int().min(1).max(8).default(1),
  /** Per-stage limits of the sandboxed tools. */
  IGNIS_BUILD_CPU_SECONDS: z.coerce.number().int().min(1).default(240),
  IGNIS_BUILD_MEMORY_MB: z.coerce.number().int().min(128).default(2048),
  IGNIS_BUILD_WALL_CLOCK_SECONDS: z.coerce.number().int().min(5).default(300),
  /** Set (cluster mode): every artifact is also pushed to this OCI registry, e.g. `http://registry:5000`. */
  IGNIS_REGISTRY_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Repository prefix; a workspace's artifacts go to `<prefix>/<workspace id>`. */
  IGNIS_REGISTRY_REPOSITORY: z
    .string()
    .regex(/^[a-z0-9]+(?:[._/-][a-z0-9]+)*$/, 'lowercase a-z0-9 with . _ - / between')
    .default('lumenforge/ignis'),
  /** Registry credentials, if it wants any: a bearer token, or a user name and password (basic). */
  IGNIS_REGISTRY_TOKEN: z.string().min(1).optional(),
  IGNIS_REGISTRY_USERNAME: z.string().min(1).optional(),
  IGNIS_REGISTRY_PASSWORD: z.string().min(1).optional(),
});

const ZBuilderProcessEnv = ZIgnisBuilderEnv.extend(ZDbEnv.shape);

export function readBuilderEnv(source: Record<string, string | undefined> = process.env) {
  const env = createEnv('ignis-builder', ZBuilderProcessEnv, source);
  return { ...env, LUMENFORGE_HOME: resolve(env.LUMENFORGE_HOME) };
}

/**
 * The environment for the platform runtime's own parser (event bus, NATS, logger), without empty
 * values: the runner sets e.g. `REDIS_URL=` to mean "not configured", as createEnv reads it.
 */
export function runtimeEnvSource(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ''));
}
