import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createMigrationAdapter } from './migration-adapter';
import { ensureDatabase, generateClient, migrateDeploy, PrismaCommandError } from './prisma-cli';

const SERVER_URL =
  process.env.TEST_DATABASE_URL ??
  process.env.DATABASE_URL ??
  'postgresql://postgres@127.0.0.1:5432/postgres';
const NAME = `lf_test_prisma_${Date.now().toString(36)}`;

function urlFor(database: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

describe('prisma CLI wrapper', () => {
  afterAll(async () => {
    const client = new pg.Client({ connectionString: SERVER_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${NAME}" WITH (FORCE)`);
    await client.end();
  });

  it('ensureDatabase creates a missing database once', async () => {
    expect(await ensureDatabase(urlFor(NAME))).toEqual({ created: true, database: NAME });
    expect(await ensureDatabase(urlFor(NAME))).toEqual({ created: false, database: NAME });
  });

  it('migrateDeploy applies every migration to a fresh database within seconds, then none', async () => {
    const first = await migrateDeploy({ databaseUrl: urlFor(NAME) });
    expect(first.appliedMigrations).toContain('20261123000000_init');
    expect(first.durationMs).toBeLessThan(8_000);
    const second = await migrateDeploy({ databaseUrl: urlFor(NAME) });
    expect(second.appliedMigrations).toEqual([]);
    expect(second.durationMs).toBeLessThan(8_000);
  });

  it('the migration adapter reads `name` and `"char"` columns (prisma#27403)', async () => {
    const adapter = await createMigrationAdapter(urlFor(NAME)).connect();
    try {
      const result = await adapter.queryRaw({
        sql: "SELECT typname, typtype FROM pg_type WHERE typname = 'uuid'",
        args: [],
        argTypes: [],
      });
      expect(result.rows).toEqual([['uuid', 'b']]);
    } finally {
      await adapter.dispose();
    }
  });

  it('the migration adapter replays on a separate shadow database and drops it afterwards', async () => {
    const factory = createMigrationAdapter(urlFor(NAME));
    const shadow = await factory.connectToShadowDb();
    const current = await shadow.queryRaw({ sql: 'SELECT current_database()::text', args: [], argTypes: [] });
    const shadowName = String(current.rows[0]?.[0]);
    expect(shadowName).toMatch(/^prisma_migrate_shadow_db_/);
    expect(shadowName).not.toBe(NAME);
    await shadow.dispose();
    const client = new pg.Client({ connectionString: SERVER_URL });
    await client.connect();
    const left = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [shadowName]);
    await client.end();
    expect(left.rowCount).toBe(0);
  });

  it('migrateDeploy rejects with the CLI error when the server is unreachable', async () => {
    const startedAt = performance.now();
    const attempt = migrateDeploy({ databaseUrl: 'postgresql://postgres:s3cret@127.0.0.1:1/nowhere' });
    await expect(attempt).rejects.toBeInstanceOf(PrismaCommandError);
    await expect(attempt).rejects.toThrow(
      /prisma migrate deploy failed with exit code 1 \(database "nowhere" on 127\.0\.0\.1:1\):\n/,
    );
    await attempt.catch((error: Error) => {
      expect(error.message).not.toContain('s3cret');
      expect(error.message).toMatch(/P1001|ECONNREFUSED|reach/i);
    });
    expect(performance.now() - startedAt).toBeLessThan(15_000);
  });

  it('ensureDatabase reports an unreachable server clearly', async () => {
    await expect(
      ensureDatabase('postgresql://postgres@127.0.0.1:1/nowhere', { connectTimeoutMs: 1_000 }),
    ).rejects.toThrow(/Cannot connect to PostgreSQL at 127\.0\.0\.1:1/);
  });

  it('generateClient needs no database', async () => {
    const result = await generateClient();
    expect(result.stdout).toContain('Generated Prisma Client');
    expect(result.durationMs).toBeLessThan(10_000);
  });
});
