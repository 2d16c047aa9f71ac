// Two throwaway databases play primary and replica (nothing replicates between them here): each
// holds a workspace the other lacks, so every list shows which server answered it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreDbEnvAfterEach } from './process-env.test-utils';
import { createReadDbClient, getDb, getReadDb, hasReadReplica, type TDb } from './client';
import { pingReadReplica } from './health';
import type { TReadRouteChange } from './read-replica';
import { createReadRepositories, createRepositories } from './repositories';
import { createTestDatabase, makeWorkspace, startPostgresServer, type TTestDatabase } from './testing';

/** Nothing listens on port 1: connections are refused at once. */
const CLOSED_PORT_URL = 'postgresql://postgres@127.0.0.1:1/replica';

async function slugsIn(db: TDb): Promise<string[]> {
  const workspaces = await createRepositories(db).workspaces.listWithCounts();
  return workspaces.map((workspace) => workspace.slug).sort();
}

let primary: TTestDatabase;
let replica: TTestDatabase;
beforeAll(async () => {
  [primary, replica] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await makeWorkspace(primary.db, { slug: 'on-primary' });
  await makeWorkspace(replica.db, { slug: 'on-replica' });
});
afterAll(async () => {
  await Promise.all([primary?.drop(), replica?.drop()]);
});

describe('getReadDb with DATABASE_REPLICA_URL', () => {
  restoreDbEnvAfterEach(['DATABASE_URL', 'DATABASE_REPLICA_URL']);

  it('reads lists from the replica and writes to the primary', async () => {
    process.env.DATABASE_URL = primary.url;
    process.env.DATABASE_REPLICA_URL = replica.url;
    expect(hasReadReplica()).toBe(true);

    expect(await slugsIn(getReadDb())).toEqual(['on-replica']);
    const listed = await createReadRepositories().workspaces.listWithCounts();
    expect(listed.map((workspace) => workspace.slug)).toEqual(['on-replica']);

    await createRepositories(getDb()).workspaces.create({ slug: 'written', name: 'Written through getDb' });
    expect(await slugsIn(primary.db)).toEqual(['on-primary', 'written']);
    expect(await slugsIn(replica.db)).toEqual(['on-replica']);
    expect(await slugsIn(getDb())).toEqual(['on-primary', 'written']);

    expect((await pingReadReplica()).latencyMs).toBeGreaterThanOrEqual(0);
    await primary.db.workspace.delete({ where: { slug: 'written' } });
  });

  it('reads from the primary when DATABASE_REPLICA_URL is unset', async () => {
    process.env.DATABASE_URL = primary.url;
    delete process.env.DATABASE_REPLICA_URL;
    expect(getReadDb()).toBe(getDb());
    expect(hasReadReplica()).toBe(false);
    expect(await slugsIn(getReadDb())).toEqual(['on-primary']);
    await expect(pingReadReplica()).rejects.toThrow('The PostgreSQL read replica is not configured');
  });
});

describe('a read replica that is down', () => {
  it('falls back to the primary at once when the replica refuses connections', async () => {
    const changes: TReadRouteChange[] = [];
    const readDb = createReadDbClient({
      replicaUrl: CLOSED_PORT_URL,
      primaryUrl: primary.url,
      onRouteChange: (change) => changes.push(change),
    });
    try {
      const startedAt = performance.now();
      expect(await slugsIn(readDb)).toEqual(['on-primary']);
      expect(performance.now() - startedAt).toBeLessThan(2_000);
      expect(changes).toEqual([
        { route: 'primary', reason: 'connection refused', retryReplicaAfterMs: 30_000 },
      ]);

      // Raw queries and transactions fall back too.
      expect(await readDb.$queryRaw`SELECT current_database()::text AS name`).toEqual([
        { name: primary.name },
      ]);
      expect(await readDb.$transaction(async (tx) => tx.workspace.count())).toBe(1);

      // The health check asks the replica itself.
      await expect(pingReadReplica({ db: readDb, timeoutMs: 1_500 })).rejects.toThrow(
        'The PostgreSQL read replica is unavailable: connection refused',
      );
      expect(changes).toHaveLength(1);
    } finally {
      await readDb.$disconnect();
    }
  });

  it('goes back to the replica once it answers again', async () => {
    const server = await startPostgresServer();
    const changes: TReadRouteChange[] = [];
    let readDb: ReturnType<typeof createReadDbClient> | undefined;
    try {
      const privateReplica = await createTestDatabase({ serverUrl: server.url });
      await makeWorkspace(privateReplica.db, { slug: 'on-private-replica' });
      await privateReplica.db.$disconnect();
      readDb = createReadDbClient({
        replicaUrl: privateReplica.url,
        primaryUrl: primary.url,
        retryReplicaAfterMs: 200,
        onRouteChange: (change) => changes.push(change),
      });
      expect(await slugsIn(readDb)).toEqual(['on-private-replica']);

      await server.stop();
      expect(await slugsIn(readDb)).toEqual(['on-primary']);

      await server.start();
      await new Promise((resolveWait) => setTimeout(resolveWait, 250));
      expect(await slugsIn(readDb)).toEqual(['on-private-replica']);
      expect(changes.map((change) => change.route)).toEqual(['primary', 'replica']);
    } finally {
      await readDb?.$disconnect();
      await server.dispose();
    }
  });
});
