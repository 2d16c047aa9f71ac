// The one Prisma client of the repository. Apps reach it through `@lumenforge/db/server`.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from './generated/prisma/client';
import { readDbEnv } from './env';

export type TDbClient = PrismaClient;
/** The `tx` of `db.$transaction(async (tx) => …)`. */
export type TDbTransaction = Prisma.TransactionClient;
/** What repositories accept: the client or a transaction, so callers can compose them in one `$transaction`. */
export type TDb = TDbClient | TDbTransaction;

export type TCreateDbClientOptions = {
  /** Pool size (default 10). */
  poolMax?: number;
  /** Give up opening a connection after this long (default 5 s), instead of pg's "wait forever". */
  connectionTimeoutMs?: number;
  /** Shown in pg_stat_activity (default `lumenforge`). */
  applicationName?: string;
  /** Prisma log levels to print (default errors only through thrown exceptions). */
  log?: Prisma.LogLevel[];
};

/**
 * A new PrismaClient over a pg pool for `databaseUrl`. For tests and scripts; app code uses
 * {@link getDb}. The caller owns it: call `$disconnect()` when done.
 */
export function createDbClient(databaseUrl: string, options: TCreateDbClientOptions = {}): TDbClient {
  const adapter = new PrismaPg(
    {
      connectionString: databaseUrl,
      max: options.poolMax ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
      idleTimeoutMillis: 30_000,
      application_name: options.applicationName ?? 'lumenforge',
    },
    {
      // An idle pooled connection dropped by the server (restart, failover) must not crash the process.
      onPoolError: (error) => console.error(`[db] idle PostgreSQL connection failed: ${error.message}`),
    },
  );
  return new PrismaClient({ adapter, log: options.log ?? [] });
}

type TDbGlobal = { __lumenforgeDb?: TDbClient };
// Kept on globalThis: Next dev re-evaluates modules on every edit, and a module-level client would
// leave one pool per reload behind.
const dbGlobal = globalThis as typeof globalThis & TDbGlobal;

/**
 * The process's PrismaClient, created on first use from `DATABASE_URL` / `DATABASE_POOL_MAX`
 * (throws, naming the variable, when they are invalid).
 */
export function getDb(): TDbClient {
  if (!dbGlobal.__lumenforgeDb) {
    const env = readDbEnv();
    dbGlobal.__lumenforgeDb = createDbClient(env.DATABASE_URL, { poolMax: env.DATABASE_POOL_MAX });
  }
  return dbGlobal.__lumenforgeDb;
}

/** Closes the process's client and its pool (graceful shutdown, end of scripts). Safe to call twice. */
export async function disconnectDb(): Promise<void> {
  const client = dbGlobal.__lumenforgeDb;
  dbGlobal.__lumenforgeDb = undefined;
  await client?.$disconnect();
}
