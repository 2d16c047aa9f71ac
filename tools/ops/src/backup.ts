// `ops backup`: PostgreSQL into lumenforge-pg-<UTC timestamp>.<method ext>, the local registry's
// storage into lumenforge-registry-<timestamp>.tar.gz, then the 30-day rotation.
//
// Method: `pg_dump -Fc` when the local pg_dump's major version is at least the server's (pg_dump
// refuses newer servers); otherwise the built-in logical backup (COPY text per table, through the
// pg driver). Both run in one REPEATABLE READ snapshot (pg_dump joins it with --snapshot), so the
// manifest's row counts and checksums describe exactly the data in the archive.
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import type pg from 'pg';
import {
  ARCHIVE_EXTENSION,
  ARCHIVE_FORMAT,
  packArchive,
  PG_DUMP_FILE,
  sha256File,
  writeManifest,
  type TBackupMethod,
  type TManifest,
} from './archive';
import { listMigrations, listSequences, listTables, serializeTable, summarizeTables } from './catalog';
import { connectPg, postgresVersion } from './probes';
import { canPgDumpServer, libpqEnv, runProcess, serverMajor, tail, toolVersion } from './pg-tools';
import { archiveStem, rotateArchives, type TArchiveKind, type TRotationPlan } from './rotation';
import { hostPort, type TDatabaseTarget } from './targets';

export type TBackupOptions = {
  database: TDatabaseTarget;
  dir: string;
  method: 'auto' | TBackupMethod;
  keepDays: number;
  rotate: boolean;
  registryStorageDir?: string | undefined;
  pgDumpBin?: string;
  now?: () => Date;
  log?: (line: string) => void;
};

export type TBackupResult = {
  archive: string;
  method: TBackupMethod;
  reason: string;
  manifest: TManifest;
  bytes: number;
  registryArchive?: string;
  rotation?: TRotationPlan;
};

/** Decides the method: pg_dump when it can dump this server, else the built-in format. */
export async function chooseMethod(
  requested: TBackupOptions['method'],
  serverVersionNum: number,
  pgDumpBin: string,
): Promise<{ method: TBackupMethod; reason: string; pgDumpVersion?: string }> {
  const local = await toolVersion(pgDumpBin);
  const server = serverMajor(serverVersionNum);
  if (requested === 'builtin') return { method: 'builtin', reason: '--method builtin' };
  if (!local) {
    if (requested === 'pg_dump') throw new Error(`--method pg_dump: ${pgDumpBin} is not installed`);
    return { method: 'builtin', reason: `${pgDumpBin} is not installed` };
  }
  const compatible = canPgDumpServer(local.major, server);
  if (requested === 'pg_dump' && !compatible)
    throw new Error(
      `--method pg_dump: pg_dump ${local.text} cannot dump a PostgreSQL ${server} server (it needs pg_dump ${server} or newer)`,
    );
  return compatible
    ? { method: 'pg_dump', reason: `pg_dump ${local.text} ≥ server ${server}`, pgDumpVersion: local.text }
    : {
        method: 'builtin',
        reason: `pg_dump ${local.text} is older than the server (${server}): built-in format`,
      };
}

async function uniqueArchivePath(
  dir: string,
  kind: TArchiveKind,
  date: Date,
  extension: string,
): Promise<string> {
  const stem = archiveStem(kind, date);
  for (let sequence = 0; ; sequence += 1) {
    const path = join(dir, `${stem}${sequence === 0 ? '' : `-${sequence + 1}`}.${extension}`);
    if (!existsSync(path) && !existsSync(`${path}.partial`)) return path;
  }
}

async function writeChunk(stream: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/** The built-in data files: one COPY text file per table, in the snapshot transaction. */
async function dumpTablesBuiltin(
  client: pg.Client,
  stagingDir: string,
  tables: Awaited<ReturnType<typeof listTables>>,
): Promise<TManifest['tables']> {
  await mkdir(join(stagingDir, 'data'));
  const entries: TManifest['tables'] = [];
  for (const [index, table] of tables.entries()) {
    const file = `data/${String(index + 1).padStart(3, '0')}-${table.name.replace(/[^A-Za-z0-9_.-]/g, '_')}.copy`;
    const stream = createWriteStream(join(stagingDir, file));
    const summary = await serializeTable(client, table, (chunk) => writeChunk(stream, chunk));
    stream.end();
    await once(stream, 'close');
    entries.push({ ...table, ...summary, file });
  }
  return entries;
}

/** Backs up the database (and registry storage), then rotates. */
export async function runBackup(options: TBackupOptions): Promise<TBackupResult> {
  const log = options.log ?? (() => undefined);
  const now = (options.now ?? (() => new Date()))();
  await mkdir(options.dir, { recursive: true });
  const client = await connectPg(options.database.url, 10_000);
  let stagingDir: string | undefined;
  let partial: string | undefined;
  try {
    const server = await postgresVersion(client);
    const choice = await chooseMethod(options.method, server.versionNum, options.pgDumpBin ?? 'pg_dump');
    log(
      `PostgreSQL ${server.version}, ${options.database.description}; method: ${choice.method} (${choice.reason})`,
    );
    const archive = await uniqueArchivePath(options.dir, 'pg', now, ARCHIVE_EXTENSION[choice.method]);
    partial = `${archive}.partial`;
    stagingDir = await mkdtemp(join(options.dir, '.staging-'));

    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = await listTables(client);
    const migrations = await listMigrations(client);
    const sequences = await listSequences(client);
    let tableEntries: TManifest['tables'];
    if (choice.method === 'pg_dump') {
      const snapshot =
        (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]?.id ?? '';
      const dump = runProcess(
        options.pgDumpBin ?? 'pg_dump',
        ['--format=custom', `--snapshot=${snapshot}`, `--file=${join(stagingDir, PG_DUMP_FILE)}`],
        { env: libpqEnv(options.database.url) },
      );
      const summaries = await summarizeTables(client, tables);
      const result = await dump;
      if (result.code !== 0) throw new Error(`pg_dump failed (exit ${result.code}): ${tail(result.stderr)}`);
      tableEntries = tables.map((table, index) => ({
        ...table,
        ...(summaries[index] ?? { rowCount: 0, sha256: '' }),
      }));
    } else {
      tableEntries = await dumpTablesBuiltin(client, stagingDir, tables);
    }
    await client.query('COMMIT');

    const dataFiles =
      choice.method === 'pg_dump'
        ? [PG_DUMP_FILE]
        : tableEntries.map((entry) => entry.file ?? '').filter(Boolean);
    const files: TManifest['files'] = [];
    for (const path of dataFiles) files.push({ path, ...(await sha256File(join(stagingDir, path))) });
    const { host, port } = hostPort(options.database.url, 5432);
    const manifest: TManifest = {
      format: ARCHIVE_FORMAT,
      formatVersion: 1,
      method: choice.method,
      createdAt: now.toISOString(),
      database: {
        name: decodeURIComponent(new URL(options.database.url).pathname.replace(/^\//, '')),
        host,
        port,
        source: options.database.source,
      },
      server,
      ...(choice.pgDumpVersion ? { pgDump: choice.pgDumpVersion } : {}),
      migrations,
      tables: tableEntries,
      sequences,
      files,
    };
    await writeManifest(stagingDir, manifest);
    await packArchive(stagingDir, manifest, partial, choice.method === 'builtin');
    await rename(partial, archive);
    partial = undefined;
    const bytes = (await stat(archive)).size;
    const rows = tableEntries.reduce((sum, table) => sum + table.rowCount, 0);
    log(
      `PostgreSQL → ${archive} (${formatBytes(bytes)}, ${tableEntries.length} tables, ${rows} rows, ${migrations.length} migrations)`,
    );

    const result: TBackupResult = { archive, method: choice.method, reason: choice.reason, manifest, bytes };
    if (options.registryStorageDir) {
      result.registryArchive = await backupRegistry(options.registryStorageDir, options.dir, now);
      log(`Registry storage ${options.registryStorageDir} → ${result.registryArchive}`);
    }
    if (options.rotate) {
      result.rotation = await rotateArchives(options.dir, options.keepDays, now);
      if (result.rotation.remove.length === 0) log(`Rotation (${options.keepDays} days): nothing to remove.`);
      for (const entry of result.rotation.remove)
        log(`Rotation (${options.keepDays} days): removed ${entry.name} (${entry.createdAt.toISOString()})`);
    }
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (partial) await rm(partial, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => undefined);
    if (stagingDir) await rm(stagingDir, { recursive: true, force: true });
  }
}

/** tar.gz of the registry's storage directory (its blobs and repositories). */
export async function backupRegistry(storageDir: string, dir: string, now: Date): Promise<string> {
  const info = await stat(storageDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`REGISTRY_STORAGE_DIR ${storageDir} is not a directory`);
  const archive = await uniqueArchivePath(dir, 'registry', now, 'tar.gz');
  const partial = `${archive}.partial`;
  const result = await runProcess('tar', ['-czf', partial, '-C', storageDir, '.']);
  if (result.code !== 0) {
    await rm(partial, { force: true });
    throw new Error(`tar of ${storageDir} failed (exit ${result.code}): ${tail(result.stderr)}`);
  }
  await rename(partial, archive);
  return archive;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}
