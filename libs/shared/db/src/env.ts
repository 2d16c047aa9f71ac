import { createEnv } from '@lumenforge/config';
import { z } from 'zod';

/** A PostgreSQL connection URL; every variable that holds one uses this schema. */
export const ZPostgresUrlSchema = z
  .string()
  .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL');

/** Env fragment the db lib owns; apps compose it into their env.ts (`ZPlatformEnv.extend(ZDbEnv.shape)`). */
export const ZDbEnv = z.object({
  /** The PostgreSQL database, e.g. postgresql://lumenforge:secret@127.0.0.1:5432/lumenforge. */
  DATABASE_URL: ZPostgresUrlSchema,
  /** Connections per process in the pg pool (each app is one process). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  /**
   * Optional read replica of DATABASE_URL. When set, `getReadDb()` sends reads to it (lists,
   * dashboards) and falls back to DATABASE_URL while it is unreachable; unset, reads use the primary.
   */
  DATABASE_REPLICA_URL: ZPostgresUrlSchema.optional(),
});
export type TDbEnv = z.infer<typeof ZDbEnv>;

/**
 * Parses the db configuration from `process.env` (on call, not at import). Throws an
 * `InvalidEnvError` whose message names each bad variable, e.g. `DATABASE_URL: is required`.
 */
export function readDbEnv(source: Record<string, string | undefined> = process.env): TDbEnv {
  return createEnv('db', ZDbEnv, source);
}

const DEFAULT_TEST_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Only for `./testing`: the server test databases are created on. */
export const ZDbTestEnv = z.object({
  TEST_DATABASE_URL: ZPostgresUrlSchema.optional(),
  DATABASE_URL: ZPostgresUrlSchema.optional(),
});

/** `TEST_DATABASE_URL`, else `DATABASE_URL`, else the local server as `postgres`. */
export function readTestServerUrl(source: Record<string, string | undefined> = process.env): string {
  const env = createEnv('db testing', ZDbTestEnv, source);
  return env.TEST_DATABASE_URL ?? env.DATABASE_URL ?? DEFAULT_TEST_SERVER_URL;
}

/** The current environment plus `overrides`, for child processes (the Prisma CLI in `./testing`). */
export function envForChildProcess(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
