// The driver adapter under every PrismaClient of this lib: @prisma/adapter-pg over a pg pool, with
// one fix (transactions that end on a dead connection give it back to the pool).
import { processLogger } from '@lumenforge/observability/server';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory } from '@prisma/client/runtime/client';
import type pg from 'pg';

// Prisma's runtime exports only the factory type; the rest is derived from it, so no transitive
// package (@prisma/driver-adapter-utils) is imported directly.
export type TSqlDriverAdapterFactory = SqlDriverAdapterFactory;
export type TSqlDriverAdapter = Awaited<ReturnType<TSqlDriverAdapterFactory['connect']>>;
export type TSqlTransaction = Awaited<ReturnType<TSqlDriverAdapter['startTransaction']>>;
export type TSqlQuery = Parameters<TSqlDriverAdapter['queryRaw']>[0];
export type TSqlResultSet = Awaited<ReturnType<TSqlDriverAdapter['queryRaw']>>;
export type TIsolationLevel = Parameters<TSqlDriverAdapter['startTransaction']>[0];
export type TConnectionInfo = ReturnType<NonNullable<TSqlDriverAdapter['getConnectionInfo']>>;
type TPgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

/** A pg pool's connections: open in all, idle among them, and queries waiting for one. */
export type TPoolStats = { total: number; idle: number; waiting: number };

export type TPgAdapterOptions = {
  poolMax: number;
  connectionTimeoutMs: number;
  applicationName: string;
};

/** The statements Prisma ends an interactive transaction with (not `ROLLBACK TO SAVEPOINT`). */
const ENDS_TRANSACTION = /^\s*(COMMIT|ROLLBACK)\s*;?\s*$/i;

/**
 * Prisma 6.19 ends a transaction with `executeRaw('COMMIT' | 'ROLLBACK')` and only then calls
 * `commit()` / `rollback()`, which return the pg connection to the pool. When that statement fails
 * (the server went away mid-transaction) it never calls them: the connection stays checked out for
 * good, every outage shrinks the pool, and `$disconnect()` hangs. This wrapper releases it then.
 * Releasing is safe: a failed ROLLBACK means a dead connection (pg-pool discards it, as it is no
 * longer queryable), and PostgreSQL ends a transaction whose COMMIT fails.
 */
class ReleasingTransaction implements TSqlTransaction {
  readonly provider: TSqlTransaction['provider'];
  readonly adapterName: string;
  readonly options: TSqlTransaction['options'];
  private isReleased = false;

  constructor(private readonly inner: TSqlTransaction) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    this.options = inner.options;
  }

  queryRaw(query: TSqlQuery): Promise<TSqlResultSet> {
    return this.inner.queryRaw(query);
  }

  async executeRaw(query: TSqlQuery): Promise<number> {
    try {
      return await this.inner.executeRaw(query);
    } catch (error) {
      if (ENDS_TRANSACTION.test(query.sql)) await this.release(() => this.inner.rollback());
      throw error;
    }
  }

  commit(): Promise<void> {
    return this.release(() => this.inner.commit());
  }

  rollback(): Promise<void> {
    return this.release(() => this.inner.rollback());
  }

  /** pg-pool throws on a second release of one connection; Prisma may still call commit/rollback after we did. */
  private async release(end: () => Promise<void>): Promise<void> {
    if (this.isReleased) return;
    this.isReleased = true;
    await end();
  }
}

/** adapter-pg's adapter with {@link ReleasingTransaction}s; everything else is passed through. */
class PgAdapter implements TSqlDriverAdapter {
  readonly provider: TSqlDriverAdapter['provider'];
  readonly adapterName: string;

  constructor(
    private readonly inner: TPgAdapter,
    private readonly onDispose: () => void = () => undefined,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: TSqlQuery): Promise<TSqlResultSet> {
    return this.inner.queryRaw(query);
  }

  executeRaw(query: TSqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  executeScript(script: string): Promise<void> {
    return this.inner.executeScript(script);
  }

  async startTransaction(isolationLevel?: TIsolationLevel): Promise<TSqlTransaction> {
    return new ReleasingTransaction(await this.inner.startTransaction(isolationLevel));
  }

  getConnectionInfo(): TConnectionInfo {
    return this.inner.getConnectionInfo();
  }

  dispose(): Promise<void> {
    this.onDispose();
    return this.inner.dispose();
  }
}

/** A driver adapter factory plus the counts of the pools it opened (for `db_pool_connections`). */
export type TPgAdapterFactory = TSqlDriverAdapterFactory & { poolStats: () => TPoolStats };

/** A driver adapter factory for `databaseUrl`: a pg pool (created on connect, opened lazily) behind adapter-pg. */
export function createPgAdapterFactory(databaseUrl: string, options: TPgAdapterOptions): TPgAdapterFactory {
  const factory = new PrismaPg(
    {
      connectionString: databaseUrl,
      max: options.poolMax,
      connectionTimeoutMillis: options.connectionTimeoutMs,
      idleTimeoutMillis: 30_000,
      application_name: options.applicationName,
    },
    {
      // An idle pooled connection dropped by the server (restart, failover) must not crash the process.
      onPoolError: (error) =>
        processLogger().error({ component: 'db', err: error }, 'idle PostgreSQL connection failed'),
    },
  );
  // The pools of the adapters Prisma connected and has not disposed yet (one while the client is open).
  const pools = new Set<pg.Pool>();
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const inner = await factory.connect();
      const pool = inner.underlyingDriver();
      pools.add(pool);
      return new PgAdapter(inner, () => pools.delete(pool));
    },
    poolStats: () => {
      const stats: TPoolStats = { total: 0, idle: 0, waiting: 0 };
      for (const pool of pools) {
        stats.total += pool.totalCount;
        stats.idle += pool.idleCount;
        stats.waiting += pool.waitingCount;
      }
      return stats;
    },
  };
}
