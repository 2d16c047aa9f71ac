import { describe, expect, it } from 'vitest';
import { createDbClient, createReadDbClient, disconnectDb, getDb, getReadDb, hasReadReplica } from './client';
import { pingDatabase } from './health';
import { restoreDbEnvAfterEach } from './process-env.test-utils';

describe('getDb', () => {
  restoreDbEnvAfterEach(['DATABASE_URL', 'DATABASE_POOL_MAX', 'DATABASE_REPLICA_URL']);

  it('returns one client per process, kept on globalThis', () => {
    process.env.DATABASE_URL = 'postgresql://postgres@127.0.0.1:1/unused';
    const first = getDb();
    expect(getDb()).toBe(first);
    expect((globalThis as { __lumenforgeDb?: unknown }).__lumenforgeDb).toBe(first);
  });

  it('starts afresh after disconnectDb()', async () => {
    process.env.DATABASE_URL = 'postgresql://postgres@127.0.0.1:1/unused';
    const first = getDb();
    await disconnectDb();
    expect(getDb()).not.toBe(first);
  });

  it('names the variable when the configuration is invalid', () => {
    process.env.DATABASE_URL = 'sqlite://file.db';
    expect(() => getDb()).toThrow(/DATABASE_URL/);
  });

  it('pingDatabase passes a configuration error on unchanged', async () => {
    delete process.env.DATABASE_URL;
    await expect(pingDatabase({ timeoutMs: 500 })).rejects.toThrow(
      /db: invalid configuration\n {2}- DATABASE_URL: is required/,
    );
  });

  it('creates independent clients for tests and scripts', async () => {
    const a = createDbClient('postgresql://postgres@127.0.0.1:1/a');
    const b = createDbClient('postgresql://postgres@127.0.0.1:1/b');
    expect(a).not.toBe(b);
    await Promise.all([a.$disconnect(), b.$disconnect()]);
  });
});

describe('getReadDb', () => {
  restoreDbEnvAfterEach(['DATABASE_URL', 'DATABASE_REPLICA_URL']);

  it('is the primary client when DATABASE_REPLICA_URL is unset', () => {
    process.env.DATABASE_URL = 'postgresql://postgres@127.0.0.1:1/primary';
    delete process.env.DATABASE_REPLICA_URL;
    expect(getReadDb()).toBe(getDb());
    expect(hasReadReplica()).toBe(false);
  });

  it('is a second process-wide client, kept on globalThis, when DATABASE_REPLICA_URL is set', async () => {
    process.env.DATABASE_URL = 'postgresql://postgres@127.0.0.1:1/primary';
    process.env.DATABASE_REPLICA_URL = 'postgresql://postgres@127.0.0.1:1/replica';
    const readDb = getReadDb();
    expect(readDb).not.toBe(getDb());
    expect(getReadDb()).toBe(readDb);
    expect((globalThis as { __lumenforgeReadDb?: unknown }).__lumenforgeReadDb).toBe(readDb);
    expect(hasReadReplica()).toBe(true);
    expect(hasReadReplica(getDb())).toBe(false);

    await disconnectDb();
    expect((globalThis as { __lumenforgeReadDb?: unknown }).__lumenforgeReadDb).toBeUndefined();
    expect(getReadDb()).not.toBe(readDb);
  });

  it('names DATABASE_REPLICA_URL when it is not a PostgreSQL URL', () => {
    process.env.DATABASE_URL = 'postgresql://postgres@127.0.0.1:1/primary';
    process.env.DATABASE_REPLICA_URL = 'mysql://replica/app';
    expect(() => getReadDb()).toThrow(/DATABASE_REPLICA_URL: must be a postgres/);
  });

  it('creates independent read clients for tests and scripts', async () => {
    const readDb = createReadDbClient({
      replicaUrl: 'postgresql://postgres@127.0.0.1:1/replica',
      primaryUrl: 'postgresql://postgres@127.0.0.1:1/primary',
    });
    expect(hasReadReplica(readDb)).toBe(true);
    await readDb.$disconnect();
  });
});
