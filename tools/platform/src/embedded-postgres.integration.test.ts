import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type TEmbeddedPostgres } from './embedded-postgres';

const homeDir = mkdtempSync(join(tmpdir(), 'lumenforge-embedded-'));
// Owned by root with mode 700 by default; the `postgres` system user must be able to reach it.
chmodSync(homeDir, 0o755);
const port = 55_000 + Math.floor(Math.random() * 1_000);
let running: TEmbeddedPostgres | undefined;

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  await running?.stop();
  rmSync(homeDir, { recursive: true, force: true });
});

describe('embedded PostgreSQL (single-node default)', () => {
  it('creates a cluster on first start and keeps a row across stop and start', async () => {
    running = await startEmbeddedPostgres({ homeDir, port, onError: () => undefined });
    expect(running.isFresh).toBe(true);
    const [version] = await query<{ server_version_num: string }>(
      running.databaseUrl,
      'SHOW server_version_num',
    );
    expect(Number(version?.server_version_num)).toBeGreaterThanOrEqual(180_000);
    await query(running.databaseUrl, 'CREATE TABLE kept (note text)');
    await query(running.databaseUrl, "INSERT INTO kept VALUES ('written before the stop')");
    const firstUrl = running.databaseUrl;
    await running.stop();
    running = undefined;

    running = await startEmbeddedPostgres({ homeDir, port, onError: () => undefined });
    expect(running.isFresh).toBe(false);
    expect(running.databaseUrl).toBe(firstUrl);
    expect(await query(running.databaseUrl, 'SELECT note FROM kept')).toEqual([
      { note: 'written before the stop' },
    ]);
  });

  it('refuses a wrong password (the cluster is not open to anyone on the machine)', async () => {
    if (!running) throw new Error('the first test starts the server');
    const url = new URL(running.databaseUrl);
    url.password = 'not-the-password';
    await expect(query(url.toString(), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
  });
});
