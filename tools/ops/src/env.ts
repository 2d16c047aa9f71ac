// The only reader of process.env in this project (root lint rule): every command gets its
// configuration from `readOpsEnv()`, and child processes (pg_dump, tar, Prisma) their environment
// from `childProcessEnv()`.
import { resolve } from 'node:path';
import { createEnv, SYSTEM_IDS, type TSystemId } from '@lumenforge/config';
import { ZPostgresUrlSchema } from '@lumenforge/db/env';
import { ZNatsEnv } from '@lumenforge/nats/env';
import { refineRedisEnv, ZRedisEnvShape } from '@lumenforge/redis/env';
import { z } from 'zod';

export const WORKSPACE_ROOT = resolve(import.meta.dirname, '../../..');

const ZPort = z.coerce.number().int().min(1).max(65535);
const ZHttpUrl = z.url({ protocol: /^https?$/ });

/** `LANDING_URL`, `SLATE_URL`, …: override one app's base URL (default from the systems catalog). */
export function appUrlVariable(id: TSystemId): string {
  return `${id.toUpperCase()}_URL`;
}

const appUrlOverrides = Object.fromEntries(
  SYSTEM_IDS.map((id) => [appUrlVariable(id), ZHttpUrl.optional()]),
) as Record<`${Uppercase<TSystemId>}_URL`, z.ZodOptional<typeof ZHttpUrl>>;

const ZOpsEnvShape = z
  .object({
    /** Cluster mode / external server. Unset: the embedded PostgreSQL of single-node mode. */
    DATABASE_URL: ZPostgresUrlSchema.optional(),
    /** A streaming replica of DATABASE_URL: verify checks its recovery state and lag. */
    DATABASE_REPLICA_URL: ZPostgresUrlSchema.optional(),
    /** Where single-node state lives (embedded PostgreSQL data, backups). */
    LUMENFORGE_HOME: z.string().min(1).default(resolve(WORKSPACE_ROOT, '.lumenforge')),
    /** Port of the embedded PostgreSQL (as for `npm start`). */
    LUMENFORGE_PG_PORT: ZPort.default(54329),
    /** Backups go here; default `${LUMENFORGE_HOME}/backups`. `--dir` overrides it. */
    LUMENFORGE_BACKUP_DIR: z.string().min(1).optional(),
    /** Production domain: app URLs become https://{subdomain}.{domain}. */
    LUMENFORGE_DOMAIN: z.string().min(1).optional(),
    /** Host in local app URLs (default localhost, as the runner prints them). */
    LUMENFORGE_LOCAL_HOST: z.string().min(1).default('localhost'),
    /** An external OpenID provider; unset: the local provider apps/identity on IDENTITY_PORT. */
    OIDC_ISSUER: ZHttpUrl.optional(),
    IDENTITY_ISSUER: ZHttpUrl.optional(),
    IDENTITY_PORT: ZPort.default(3100),
    /** NATS monitoring endpoint (http://host:8222); verify checks /healthz when set. */
    NATS_MONITOR_URL: ZHttpUrl.optional(),
    /** The OCI registry (http://host:5000); status and verify check /v2/. */
    REGISTRY_URL: ZHttpUrl.optional(),
    /** The local registry's storage directory: `backup` archives it as a tar.gz. */
    REGISTRY_STORAGE_DIR: z.string().min(1).optional(),
    /** pg_dump / pg_restore to use (default: on PATH). */
    PG_DUMP_BIN: z.string().min(1).default('pg_dump'),
    PG_RESTORE_BIN: z.string().min(1).default('pg_restore'),
    /** Per-probe timeout of status and verify. */
    OPS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(3_000),
    /** Replica replay lag above this fails verify. */
    OPS_MAX_REPLICATION_LAG_SECONDS: z.coerce.number().nonnegative().default(30),
  })
  .extend(appUrlOverrides)
  .extend(ZRedisEnvShape.shape)
  .extend({ NATS_URL: ZNatsEnv.shape.NATS_URL });

export type TOpsEnv = z.infer<typeof ZOpsEnvShape>;

const ZOpsEnv = ZOpsEnvShape.superRefine(refineRedisEnv);

/** The CLI's configuration; `source` (default process.env) lets tests and `--env` overrides in. */
export function readOpsEnv(source: Record<string, string | undefined> = process.env): TOpsEnv {
  return createEnv('ops', ZOpsEnv, source) as TOpsEnv;
}

/** The current environment plus `overrides`, for child processes (pg_dump, tar, the Prisma CLI). */
export function childProcessEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
