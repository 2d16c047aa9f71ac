import { describe, expect, it } from 'vitest';
import { readDbEnv, readTestServerUrl, ZDbEnv } from './env';

describe('ZDbEnv', () => {
  it('accepts postgres:// and postgresql:// URLs and defaults the pool size to 10', () => {
    expect(ZDbEnv.parse({ DATABASE_URL: 'postgres://u:p@db:5432/app' })).toEqual({
      DATABASE_URL: 'postgres://u:p@db:5432/app',
      DATABASE_POOL_MAX: 10,
    });
    expect(
      ZDbEnv.parse({ DATABASE_URL: 'postgresql://db/app', DATABASE_POOL_MAX: '25' }).DATABASE_POOL_MAX,
    ).toBe(25);
  });

  it('takes an optional DATABASE_REPLICA_URL, validated like DATABASE_URL', () => {
    expect(ZDbEnv.parse({ DATABASE_URL: 'postgresql://db/app' }).DATABASE_REPLICA_URL).toBeUndefined();
    expect(
      ZDbEnv.parse({ DATABASE_URL: 'postgresql://db/app', DATABASE_REPLICA_URL: 'postgres://replica/app' })
        .DATABASE_REPLICA_URL,
    ).toBe('postgres://replica/app');
    expect(() =>
      readDbEnv({ DATABASE_URL: 'postgresql://db/app', DATABASE_REPLICA_URL: 'replica:5432' }),
    ).toThrow(/DATABASE_REPLICA_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(
      readDbEnv({ DATABASE_URL: 'postgresql://db/app', DATABASE_REPLICA_URL: '' }).DATABASE_REPLICA_URL,
    ).toBe(undefined);
  });

  it('composes into an app env schema', () => {
    const app = ZDbEnv.extend({ PORT: ZDbEnv.shape.DATABASE_POOL_MAX });
    expect(app.parse({ DATABASE_URL: 'postgresql://db/app' }).PORT).toBe(10);
  });
});

describe('readDbEnv', () => {
  it('names DATABASE_URL when it is missing', () => {
    expect(() => readDbEnv({})).toThrow(/DATABASE_URL: is required/);
  });

  it('names DATABASE_URL when it is not a PostgreSQL URL', () => {
    expect(() => readDbEnv({ DATABASE_URL: 'mysql://db/app' })).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/,
    );
  });

  it('names DATABASE_POOL_MAX when it is not a positive integer', () => {
    expect(() => readDbEnv({ DATABASE_URL: 'postgresql://db/app', DATABASE_POOL_MAX: 'lots' })).toThrow(
      /DATABASE_POOL_MAX/,
    );
    expect(() => readDbEnv({ DATABASE_URL: 'postgresql://db/app', DATABASE_POOL_MAX: '0' })).toThrow(
      /DATABASE_POOL_MAX/,
    );
  });

  it('treats an empty variable as unset', () => {
    expect(readDbEnv({ DATABASE_URL: 'postgresql://db/app', DATABASE_POOL_MAX: '' }).DATABASE_POOL_MAX).toBe(
      10,
    );
  });
});

describe('readTestServerUrl', () => {
  it('prefers TEST_DATABASE_URL, then DATABASE_URL, then the local server', () => {
    expect(
      readTestServerUrl({ TEST_DATABASE_URL: 'postgresql://t/x', DATABASE_URL: 'postgresql://d/x' }),
    ).toBe('postgresql://t/x');
    expect(readTestServerUrl({ DATABASE_URL: 'postgresql://d/x' })).toBe('postgresql://d/x');
    expect(readTestServerUrl({})).toBe('postgresql://postgres@127.0.0.1:5432/postgres');
  });
});
