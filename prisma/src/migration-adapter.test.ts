import { describe, expect, it } from 'vitest';
import { connectionFieldsFromUrl, createMigrationAdapter, MigrationPgClient } from './migration-adapter';

describe('connectionFieldsFromUrl', () => {
  it('splits a URL into discrete fields (no connectionString, so the shadow database override works)', () => {
    const fields = connectionFieldsFromUrl(
      'postgresql://lf%40user:p%40ss%2Fw@db.internal:6543/lumen%2Dforge?sslmode=require',
    );
    expect(fields).toMatchObject({
      host: 'db.internal',
      port: 6543,
      user: 'lf@user',
      password: 'p@ss/w',
      database: 'lumen-forge',
      ssl: { rejectUnauthorized: false },
    });
    expect(fields).not.toHaveProperty('connectionString');
  });

  it('defaults host, port, user and database', () => {
    expect(connectionFieldsFromUrl('postgres://')).toMatchObject({
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database: 'postgres',
    });
    expect(connectionFieldsFromUrl('postgres://u@h/d').password).toBeUndefined();
  });

  it('rejects non-PostgreSQL URLs with a message naming DATABASE_URL', () => {
    expect(() => connectionFieldsFromUrl('mysql://h/d')).toThrow(/DATABASE_URL must start with postgres/);
    expect(() => connectionFieldsFromUrl('not a url')).toThrow(/DATABASE_URL is not a valid URL/);
  });
});

describe('createMigrationAdapter', () => {
  it('uses the OID-remapping client', () => {
    const adapter = createMigrationAdapter('postgresql://postgres@127.0.0.1:5432/x') as unknown as {
      config: { Client: unknown };
    };
    expect(adapter.config.Client).toBe(MigrationPgClient);
  });
});
