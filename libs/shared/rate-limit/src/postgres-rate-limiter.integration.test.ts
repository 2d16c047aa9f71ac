import { createTestDatabase, type TTestDatabase } from '@lumenforge/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresRateLimiter, DEFAULT_RATE_LIMIT_TABLE } from './postgres-rate-limiter';
import { describeRateLimiterContract } from './rate-limiter.contract';

// A throwaway database (with the platform's migrations); the limiter creates its own table in it.
let database: TTestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 10 });
  pool.on('error', () => undefined); // idle clients cut by drop() WITH FORCE: not a test failure
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

describeRateLimiterContract('postgres', { create: (options) => createPostgresRateLimiter(pool, options) });

describe('createPostgresRateLimiter', () => {
  it('creates its table and stores ratelimit:{ip}:{endpoint} rows', async () => {
    const limiter = await createPostgresRateLimiter(pool, {
      defaultPolicy: { points: 5, durationSeconds: 30 },
    });
    await limiter.consume({ ip: '203.0.113.7', endpoint: 'auth.login' }, 2);
    const { rows } = await pool.query<{ key: string; points: number; expire: string }>(
      `SELECT key, points, expire FROM ${DEFAULT_RATE_LIMIT_TABLE} WHERE key = $1`,
      ['ratelimit:203.0.113.7:auth.login'],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.points).toBe(2);
    const expiresInMs = Number(rows[0]?.expire) - Date.now();
    expect(expiresInMs).toBeGreaterThan(25_000);
    expect(expiresInMs).toBeLessThanOrEqual(30_000);
  });

  it('is safe to create many times (CREATE TABLE IF NOT EXISTS), concurrently too', async () => {
    const limiters = await Promise.all(
      Array.from({ length: 5 }, () =>
        createPostgresRateLimiter(pool, { defaultPolicy: { points: 1, durationSeconds: 5 } }),
      ),
    );
    expect(limiters).toHaveLength(5);
  });

  it('fails closed by default when PostgreSQL is unavailable, and open when asked, counting errors', async () => {
    const ownPool = new pg.Pool({ connectionString: database.url, max: 2 });
    ownPool.on('error', () => undefined);
    const closed = await createPostgresRateLimiter(ownPool, {
      defaultPolicy: { points: 5, durationSeconds: 30 },
    });
    const open = await createPostgresRateLimiter(ownPool, {
      defaultPolicy: { points: 5, durationSeconds: 30 },
      failureMode: 'open',
    });
    const key = { ip: '203.0.113.8', endpoint: 'auth.login' };
    expect((await closed.consume(key)).isAllowed).toBe(true);
    await ownPool.end(); // every later query fails, as with PostgreSQL down

    expect(await closed.consume(key)).toMatchObject({
      isAllowed: false,
      remaining: 0,
      retryAfterSeconds: 1,
      limit: 5,
    });
    expect(closed.stats().errors).toBe(1);
    expect(await open.consume(key)).toMatchObject({ isAllowed: true, limit: 5 });
    expect(open.stats().errors).toBe(1);
  });

  it('rejects creation when the table cannot be created', async () => {
    const deadPool = new pg.Pool({
      connectionString: 'postgresql://postgres@127.0.0.1:1/none',
      connectionTimeoutMillis: 500,
    });
    deadPool.on('error', () => undefined);
    await expect(
      createPostgresRateLimiter(deadPool, { defaultPolicy: { points: 5, durationSeconds: 30 } }),
    ).rejects.toThrow();
    await deadPool.end();
  });
});
