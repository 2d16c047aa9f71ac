import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TSqlDriverAdapter, TSqlDriverAdapterFactory, TSqlQuery, TSqlTransaction } from './pg-adapter';
import { ReadReplicaRouter, type TReadRouteChange } from './read-replica';

const QUERY: TSqlQuery = { sql: 'SELECT name FROM workspaces', args: [], argTypes: [] };
const REFUSED = Object.assign(new Error('DatabaseNotReachable'), {
  name: 'DriverAdapterError',
  cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 1 },
});

/** An in-memory server: answers with its own name, or fails with `failWith`. */
function fakeServer(name: string) {
  const server = {
    failWith: null as Error | null,
    queries: 0,
    disposed: 0,
    factory: {} as TSqlDriverAdapterFactory,
  };
  const answer = async () => {
    server.queries += 1;
    if (server.failWith) throw server.failWith;
    return { columnNames: ['name'], columnTypes: [7 as const], rows: [[name]] };
  };
  const adapter: TSqlDriverAdapter = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    queryRaw: answer,
    executeRaw: async () => (await answer()).rows.length,
    executeScript: async () => void (await answer()),
    startTransaction: async () => {
      await answer();
      return { options: { usePhantomQuery: false }, queryRaw: answer } as unknown as TSqlTransaction;
    },
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    dispose: async () => void (server.disposed += 1),
  };
  server.factory = { provider: 'postgres', adapterName: '@prisma/adapter-pg', connect: async () => adapter };
  return server;
}

async function readName(adapter: TSqlDriverAdapter): Promise<unknown> {
  return (await adapter.queryRaw(QUERY)).rows[0]?.[0];
}

function setup(retryReplicaAfterMs = 1_000) {
  const replica = fakeServer('replica');
  const primary = fakeServer('primary');
  const changes: TReadRouteChange[] = [];
  const router = new ReadReplicaRouter(replica.factory, primary.factory, {
    retryReplicaAfterMs,
    onRouteChange: (change) => changes.push(change),
  });
  return { replica, primary, changes, router };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ReadReplicaRouter', () => {
  it('sends statements and transactions to the replica', async () => {
    const { replica, primary, router } = setup();
    const adapter = await router.connect();
    expect(await readName(adapter)).toBe('replica');
    await adapter.startTransaction();
    expect(replica.queries).toBe(2);
    expect(primary.queries).toBe(0);
  });

  it('runs a statement on the primary when the replica is unreachable, and stays there', async () => {
    const { replica, primary, changes, router } = setup();
    const adapter = await router.connect();
    replica.failWith = REFUSED;
    expect(await readName(adapter)).toBe('primary');
    expect(await readName(adapter)).toBe('primary');
    expect(replica.queries).toBe(1); // the second read did not try the replica again
    expect(primary.queries).toBe(2);
    expect(router.isReadingFromPrimary).toBe(true);
    expect(changes).toEqual([{ route: 'primary', reason: 'connection refused', retryReplicaAfterMs: 1_000 }]);
  });

  it('passes other errors on without falling back', async () => {
    const { replica, primary, router } = setup();
    const adapter = await router.connect();
    replica.failWith = Object.assign(new Error('syntax error'), {
      name: 'DriverAdapterError',
      cause: { kind: 'postgres', originalCode: '42601' },
    });
    await expect(readName(adapter)).rejects.toThrow('syntax error');
    expect(primary.queries).toBe(0);
    expect(router.isReadingFromPrimary).toBe(false);
  });

  it('tries the replica again after retryReplicaAfterMs, with one probe at a time', async () => {
    vi.useFakeTimers();
    const { replica, primary, changes, router } = setup(1_000);
    const adapter = await router.connect();
    replica.failWith = REFUSED;
    await readName(adapter);
    vi.advanceTimersByTime(999);
    expect(await readName(adapter)).toBe('primary');
    expect(replica.queries).toBe(1);

    vi.advanceTimersByTime(1);
    replica.failWith = null;
    const [probe, meanwhile] = await Promise.all([readName(adapter), readName(adapter)]);
    expect(probe).toBe('replica');
    expect(meanwhile).toBe('primary');
    expect(await readName(adapter)).toBe('replica');
    expect(router.isReadingFromPrimary).toBe(false);
    expect(changes.map((change) => change.route)).toEqual(['primary', 'replica']);
    expect(primary.queries).toBe(3);
  });

  it('pingReplica never falls back, and steers reads by its outcome', async () => {
    const { replica, primary, changes, router } = setup();
    const adapter = await router.connect();
    replica.failWith = REFUSED;
    await expect(router.pingReplica()).rejects.toBe(REFUSED);
    expect(primary.queries).toBe(0);
    expect(await readName(adapter)).toBe('primary');

    replica.failWith = null;
    await router.pingReplica();
    expect(await readName(adapter)).toBe('replica');
    expect(changes.map((change) => change.route)).toEqual(['primary', 'replica']);
  });

  it('disposes both sides', async () => {
    const { replica, primary, router } = setup();
    const adapter = await router.connect();
    await readName(adapter);
    await adapter.dispose();
    expect([replica.disposed, primary.disposed]).toEqual([1, 1]);
  });
});
