import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import pg from 'pg';
import { createDbClient, type TDbClient } from './client';
import { envForChildProcess, readTestServerUrl } from './env';

const WORKSPACE_ROOT = resolve(import.meta.dirname, '../../../..');
/** The prisma project's CLI wrapper (offline fixes included); spawned, not imported: prisma is a tool project. */
const PRISMA_CLI = resolve(WORKSPACE_ROOT, 'prisma/src/cli.ts');
const TEST_DATABASE_PREFIX = 'lf_test_';

export type TTestDatabase = {
  /** Connection URL of the new database. */
  url: string;
  /** Its name (`lf_test_…`). */
  name: string;
  /** A client for it (pool of 5); `drop()` disconnects it. */
  db: TDbClient;
  /** Disconnects `db` and drops the database (WITH FORCE). Safe to call twice. */
  drop: () => Promise<void>;
};

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** `prisma migrate deploy` into `url`, through the prisma project's CLI wrapper. */
function migrateDeploy(url: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', PRISMA_CLI, 'migrate', 'deploy'], {
      cwd: WORKSPACE_ROOT,
      env: envForChildProcess({ DATABASE_URL: url }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolvePromise()
        : reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output.trim()}`)),
    );
  });
}

/**
 * Creates an empty, uniquely named database on the server at `TEST_DATABASE_URL`, else
 * `DATABASE_URL`, else postgresql://postgres@127.0.0.1:5432/postgres (or at `serverUrl`, e.g. a
 * private server from `startPostgresServer()`), applies every migration with
 * `prisma migrate deploy` (skip with `migrate: false`) and returns a client for it. Call `drop()`
 * in `afterAll`.
 */
export async function createTestDatabase(
  options: { migrate?: boolean; serverUrl?: string } = {},
): Promise<TTestDatabase> {
  const serverUrl = options.serverUrl ?? readTestServerUrl();
  const name = `${TEST_DATABASE_PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${quoteIdentifier(name)}`));
  const url = withDatabase(serverUrl, name);
  let isDropped = false;
  let db: TDbClient | undefined;
  const drop = async () => {
    if (isDropped) return;
    isDropped = true;
    await db?.$disconnect();
    await onServer(serverUrl, (client) =>
      client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`),
    );
  };
  try {
    if (options.migrate ?? true) await migrateDeploy(url);
    db = createDbClient(url, { poolMax: 5, applicationName: 'lumenforge-test' });
    return { url, name, db, drop };
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
}
