// Read-replica routing with fallback, as a driver adapter: the read client stays a plain
// PrismaClient (repositories, $transaction and raw queries work unchanged) while each statement
// picks the replica or, when the replica cannot be reached, the primary.
import { processLogger } from '@lumenforge/observability/server';
import { databaseUnavailableReason } from './connection-errors';
import type { TDatabaseUnavailableReason } from './db-errors';
import type {
  TConnectionInfo,
  TIsolationLevel,
  TSqlDriverAdapter,
  TSqlDriverAdapterFactory,
  TSqlQuery,
  TSqlResultSet,
  TSqlTransaction,
} from './pg-adapter';

/** Reported when reads move off the replica or back onto it. */
export type TReadRouteChange =
  | { route: 'primary'; reason: TDatabaseUnavailableReason; retryReplicaAfterMs: number }
  | { route: 'replica' };

export type TReadReplicaRoutingOptions = {
  /**
   * After a replica failure, reads stay on the primary this long; then one read tries the replica
   * again (the others stay on the primary until it answers). Default 30 s.
   */
  retryReplicaAfterMs?: number;
  /** Told when reads switch (default: a warning on the process logger). */
  onRouteChange?: (change: TReadRouteChange) => void;
};

const DEFAULT_RETRY_REPLICA_AFTER_MS = 30_000;
const SELECT_1: TSqlQuery = { sql: 'SELECT 1', args: [], argTypes: [] };

function logRouteChange(change: TReadRouteChange): void {
  const log = processLogger();
  if (change.route === 'primary')
    log.warn(
      { component: 'db', reason: change.reason },
      `read replica unavailable (${change.reason}): reading from the primary, retrying the replica in ${change.retryReplicaAfterMs / 1000} s`,
    );
  else log.warn({ component: 'db' }, 'read replica answers again: reading from it');
}

type TAdapters = { replica: TSqlDriverAdapter; primary: TSqlDriverAdapter };

/**
 * The read client's driver adapter factory. Every statement (and every transaction, which then
 * stays where it started) goes to the replica unless the replica was found unreachable in the last
 * `retryReplicaAfterMs`; a statement that fails because the replica is unreachable (connection
 * refused, closed, timed out …) runs again on the primary. Other errors are the caller's.
 * Running a statement again is safe because this client only reads: a read may run twice, and a
 * real replica rejects writes anyway.
 */
export class ReadReplicaRouter implements TSqlDriverAdapterFactory {
  readonly provider: TSqlDriverAdapterFactory['provider'];
  readonly adapterName: string;
  private readonly retryReplicaAfterMs: number;
  private readonly onRouteChange: (change: TReadRouteChange) => void;
  private adapters: Promise<TAdapters> | null = null;
  /** 0 while the replica is in use; else when the next probe of the replica may run. */
  private replicaDownUntil = 0;
  private isProbing = false;

  constructor(
    private readonly replicaFactory: TSqlDriverAdapterFactory,
    private readonly primaryFactory: TSqlDriverAdapterFactory,
    options: TReadReplicaRoutingOptions = {},
  ) {
    this.provider = replicaFactory.provider;
    this.adapterName = replicaFactory.adapterName;
    this.retryReplicaAfterMs = options.retryReplicaAfterMs ?? DEFAULT_RETRY_REPLICA_AFTER_MS;
    this.onRouteChange = options.onRouteChange ?? logRouteChange;
  }

  /** Called by PrismaClient on connect. The pools behind both adapters open connections only when used. */
  async connect(): Promise<TSqlDriverAdapter> {
    return new RoutedAdapter(this, await this.connectAdapters());
  }

  /** Whether reads go to the primary right now because the replica was unreachable. */
  get isReadingFromPrimary(): boolean {
    return this.replicaDownUntil !== 0;
  }

  /**
   * `SELECT 1` on the replica itself, never falling back (the health check). Its outcome also
   * steers reads: success sends them back to the replica, an outage sends them to the primary.
   */
  async pingReplica(): Promise<void> {
    const { replica } = await this.connectAdapters();
    try {
      await replica.queryRaw(SELECT_1);
    } catch (error) {
      const reason = databaseUnavailableReason(error);
      if (reason) this.markReplicaDown(reason);
      throw error;
    }
    this.markReplicaUp();
  }

  /** Runs `statement` on the replica, or on the primary while the replica is unreachable. */
  async route<T>(statement: (adapter: TSqlDriverAdapter) => Promise<T>): Promise<T> {
    const { replica, primary } = await this.connectAdapters();
    const target = this.pickTarget();
    if (target === 'primary') return statement(primary);
    try {
      const result = await statement(replica);
      if (target === 'probe') this.markReplicaUp();
      return result;
    } catch (error) {
      const reason = databaseUnavailableReason(error);
      if (!reason) {
        // The replica answered (with an error of the statement's own): it is reachable.
        if (target === 'probe') this.markReplicaUp();
        throw error;
      }
      this.markReplicaDown(reason);
      return statement(primary);
    }
  }

  /** Closes both pools (PrismaClient's `$disconnect()`); a later connect opens new ones. */
  async dispose(): Promise<void> {
    const adapters = this.adapters;
    this.adapters = null;
    this.replicaDownUntil = 0;
    this.isProbing = false;
    if (!adapters) return;
    const { replica, primary } = await adapters;
    await Promise.all([replica.dispose(), primary.dispose()]);
  }

  private connectAdapters(): Promise<TAdapters> {
    this.adapters ??= Promise.all([this.replicaFactory.connect(), this.primaryFactory.connect()]).then(
      ([replica, primary]) => ({ replica, primary }),
      (error: unknown) => {
        this.adapters = null; // let the next statement try again
        throw error;
      },
    );
    return this.adapters;
  }

  private pickTarget(): 'replica' | 'probe' | 'primary' {
    if (this.replicaDownUntil === 0) return 'replica';
    // One probe at a time: against a replica that drops packets, each try waits for the connect timeout.
    if (this.isProbing || Date.now() < this.replicaDownUntil) return 'primary';
    this.isProbing = true;
    return 'probe';
  }

  private markReplicaDown(reason: TDatabaseUnavailableReason): void {
    const wasInUse = this.replicaDownUntil === 0;
    this.replicaDownUntil = Date.now() + this.retryReplicaAfterMs;
    this.isProbing = false;
    if (wasInUse)
      this.onRouteChange({ route: 'primary', reason, retryReplicaAfterMs: this.retryReplicaAfterMs });
  }

  private markReplicaUp(): void {
    const wasDown = this.replicaDownUntil !== 0;
    this.replicaDownUntil = 0;
    this.isProbing = false;
    if (wasDown) this.onRouteChange({ route: 'replica' });
  }
}

/** What PrismaClient talks to: each call asks the router where to go. */
class RoutedAdapter implements TSqlDriverAdapter {
  readonly provider: TSqlDriverAdapter['provider'];
  readonly adapterName: string;

  constructor(
    private readonly router: ReadReplicaRouter,
    private readonly adapters: TAdapters,
  ) {
    this.provider = adapters.replica.provider;
    this.adapterName = adapters.replica.adapterName;
  }

  queryRaw(query: TSqlQuery): Promise<TSqlResultSet> {
    return this.router.route((adapter) => adapter.queryRaw(query));
  }

  executeRaw(query: TSqlQuery): Promise<number> {
    return this.router.route((adapter) => adapter.executeRaw(query));
  }

  executeScript(script: string): Promise<void> {
    return this.router.route((adapter) => adapter.executeScript(script));
  }

  startTransaction(isolationLevel?: TIsolationLevel): Promise<TSqlTransaction> {
    return this.router.route((adapter) => adapter.startTransaction(isolationLevel));
  }

  getConnectionInfo(): TConnectionInfo {
    // Replica and primary are the same kind of server with the same schema.
    return this.adapters.replica.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }

  dispose(): Promise<void> {
    return this.router.dispose();
  }
}
