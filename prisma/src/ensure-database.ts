import pg from 'pg';
import { connectionFieldsFromUrl } from './migration-adapter';

/** PostgreSQL SQLSTATEs this module reacts to. */
const INVALID_CATALOG_NAME = '3D000';
const DUPLICATE_DATABASE = '42P04';

function sqlState(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function withClient<T>(config: pg.ClientConfig, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates the database named in `databaseUrl` when it does not exist yet. It first connects to the
 * target itself (managed servers often forbid the maintenance database), and only when PostgreSQL
 * answers "database does not exist" connects to `postgres` and runs CREATE DATABASE. Safe to call
 * concurrently: losing the race to another creator counts as success.
 *
 * @returns `{ created: true }` when this call created the database.
 */
export async function ensureDatabase(
  databaseUrl: string,
  options: { connectTimeoutMs?: number } = {},
): Promise<{ created: boolean; database: string }> {
  const fields = {
    ...connectionFieldsFromUrl(databaseUrl),
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
  };
  const database = String(fields.database);
  const where = `${fields.host}:${fields.port}`;
  try {
    await withClient(fields, async () => undefined);
    return { created: false, database };
  } catch (error) {
    if (sqlState(error) !== INVALID_CATALOG_NAME) {
      throw new Error(
        `Cannot connect to PostgreSQL at ${where} (database "${database}"): ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  try {
    await withClient({ ...fields, database: 'postgres' }, (client) =>
      client.query(`CREATE DATABASE ${quoteIdentifier(database)}`),
    );
    return { created: true, database };
  } catch (error) {
    if (sqlState(error) === DUPLICATE_DATABASE) return { created: false, database };
    throw new Error(`Cannot create database "${database}" on ${where}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
