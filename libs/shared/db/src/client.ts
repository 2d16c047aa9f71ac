// The one Prisma client of the repository (and its read-replica twin). Apps reach them through
// `@lumenforge/db/server`.
import { PrismaClient, type Prisma } from './generated/prisma/client';
import { readDbEnv } from './env';
import { createPgAdapterFactory, type TPoolStats } from './pg-adapter';
import { ReadReplicaRouter, type TReadReplicaRoutingOptions } from './read-replica';

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

function pgAdapterOptions(options: TCreateDbClientOptions, defaultApplicationName: string) {
  return {
    poolMax: options.poolMax ?? 10,
    connectionTimeoutMs: options.connectionTimeoutMs ?? 5_000,
    applicationName: options.applicationName ?? defaultApplicationName,
  };
}

/**
 * A new PrismaClient over a pg pool for `databaseUrl`. For tests and scripts; app code uses
 * {@link getDb}. The caller owns it: call `$disconnect()` when done.
 */
export function createDbClient(databaseUrl: string, options: TCreateDbClientOptions = {}): TDbClient {
  const adapter = createPgAdapterFactory(databaseUrl, pgAdapterOptions(options, 'lumenforge'));
  const client = new PrismaClient({ adapter, log: options.log ?? [] });
  poolStatsSources().set(client, adapter.poolStats);
  return client;
}

export type TCreateReadDbClientOptions = TCreateDbClientOptions &
  TReadReplicaRoutingOptions & {
    /** The read replica. */
    replicaUrl: string;
    /** Its primary: reads go there while the replica is unreachable. */
    primaryUrl: string;
  };

type TDbGlobal = {
  __lumenforgeDb?: TDbClient;
  __lumenforgeReadDb?: TDbClient;
  /** The router behind each read client, for the replica's health check. */
  __lumenforgeReadReplicaRouters?: WeakMap<TDbClient, ReadReplicaRouter>;
  /** The pool counts behind each client this lib created, for `poolStats`. */
  __lumenforgeDbPoolStats?: WeakMap<TDbClient, () => TPoolStats>;
};
// Kept on globalThis: Next dev re-evaluates modules on every edit, and a module-level client would
// leave one pool per reload behind.
const dbGlobal = globalThis as typeof globalThis & TDbGlobal;

function readReplicaRouters(): WeakMap<TDbClient, ReadReplicaRouter> {
  dbGlobal.__lumenforgeReadReplicaRouters ??= new WeakMap();
  return dbGlobal.__lumenforgeReadReplicaRouters;
}

function poolStatsSources(): WeakMap<TDbClient, () => TPoolStats> {
  dbGlobal.__lumenforgeDbPoolStats ??= new WeakMap();
  return dbGlobal.__lumenforgeDbPoolStats;
}

/**
 * The connections of `db`'s pg pool (default: the process's client): `total` open, `idle` among
 * them, and queries `waiting` for one. For a read client, both sides (replica and primary) added
 * up. All zero before the first query opens the pool; undefined for a client this lib did not create.
 */
export function poolStats(db: TDbClient = getDb()): TPoolStats | undefined {
  return poolStatsSources().get(db)?.();
}

/**
 * A new PrismaClient for reads: statements go to `replicaUrl`, and to `primaryUrl` while the
 * replica is unreachable (see {@link ReadReplicaRouter}). Each side has its own pool of `poolMax`
 * (the primary's opens connections only during a replica outage). For tests and scripts; app
 * code uses {@link getReadDb}. The caller owns it: call `$disconnect()` when done.
 */
export function createReadDbClient(options: TCreateReadDbClientOptions): TDbClient {
  const adapterOptions = pgAdapterOptions(options, 'lumenforge-read');
  const replica = createPgAdapterFactory(options.replicaUrl, adapterOptions);
  const primary = createPgAdapterFactory(options.primaryUrl, adapterOptions);
  const router = new ReadReplicaRouter(replica, primary, options);
  const client = new PrismaClient({ adapter: router, log: options.log ?? [] });
  readReplicaRouters().set(client, router);
  poolStatsSources().set(client, () => {
    const [a, b] = [replica.poolStats(), primary.poolStats()];
    return { total: a.total + b.total, idle: a.idle + b.idle, waiting: a.waiting + b.waiting };
  });
  return client;
}

/** The replica router behind `db`, when `db` is a read client with a replica. */
export function readReplicaRouterOf(db: TDbClient): ReadReplicaRouter | undefined {
  return readReplicaRouters().get(db);
}

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

/**
 * The process's client for reads that may lag the primary slightly: lists, dashboards, reports.
 * With `DATABASE_REPLICA_URL` set it reads from the replica and falls back to `DATABASE_URL` while
 * the replica is unreachable (a replica outage slows reads down, it does not fail them); unset, it
 * is {@link getDb}. Write, and read what you just wrote, through `getDb()`: the replica applies
 * the primary's changes with a delay, and rejects writes.
 */
export function getReadDb(): TDbClient {
  if (!dbGlobal.__lumenforgeReadDb) {
    const env = readDbEnv();
    dbGlobal.__lumenforgeReadDb = env.DATABASE_REPLICA_URL
      ? createReadDbClient({
          replicaUrl: env.DATABASE_REPLICA_URL,
          primaryUrl: env.DATABASE_URL,
          poolMax: env.DATABASE_POOL_MAX,
        })
      : getDb();
  }
  return dbGlobal.__lumenforgeReadDb;
}

/** Whether `db` (default: {@link getReadDb}) reads from a replica, i.e. `DATABASE_REPLICA_URL` is set. */
export function hasReadReplica(db: TDbClient = getReadDb()): boolean {
  return readReplicaRouterOf(db) !== undefined;
}

/**
 * Closes the process's clients and their pools (graceful shutdown, end of scripts). Safe to call
 * twice.
 */
export async function disconnectDb(): Promise<void> {
  const clients = new Set([dbGlobal.__lumenforgeDb, dbGlobal.__lumenforgeReadDb]);
  dbGlobal.__lumenforgeDb = undefined;
  dbGlobal.__lumenforgeReadDb = undefined;
  await Promise.all([...clients].map((client) => client?.$disconnect()));
}
