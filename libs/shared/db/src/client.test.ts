import { afterEach, describe, expect, it } from 'vitest';
import { createDbClient, disconnectDb, getDb } from './client';
import { pingDatabase } from './health';

describe('getDb', () => {
  const saved = { url: process.env.DATABASE_URL, pool: process.env.DATABASE_POOL_MAX };

  afterEach(async () => {
    await disconnectDb();
    process.env.DATABASE_URL = saved.url;
    process.env.DATABASE_POOL_MAX = saved.pool;
    if (saved.url === undefined) delete process.env.DATABASE_URL;
    if (saved.pool === undefined) delete process.env.DATABASE_POOL_MAX;
  });

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
