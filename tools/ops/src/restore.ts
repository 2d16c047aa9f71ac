// `ops restore <archive>`: checks the whole archive first (a damaged one is refused before the
// database is touched), refuses a target that has data unless --yes, restores, then compares every
// table's row count and checksum with the manifest.
//
// pg_dump archives: pg_restore --clean --if-exists --single-transaction (a failure rolls back).
// Built-in archives, in ONE transaction that commits only when the verification passed: drop the
// public schema's objects, apply the archive's migrations (their SQL from prisma/migrations,
// checksums compared with the archive's _prisma_migrations), load each table in foreign-key order,
// set the sequences, verify.
import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PRISMA_MIGRATIONS_DIR } from '@lumenforge/prisma';
import type pg from 'pg';
import { openArchive, PG_DUMP_FILE, sha256Text, type TManifest } from './archive';
import {
  decodeCopyLine,
  fkSafeOrder,
  listForeignKeys,
  listSequences,
  listTables,
  MIGRATIONS_TABLE,
  qualified,
  quoteIdent,
  summarizeTables,
  tablesWithData,
  type TTable,
} from './catalog';
import { connectPg } from './probes';
import { libpqEnv, parseToolVersion, runProcess, tail, toolVersion } from './pg-tools';
import type { TDatabaseTarget } from './targets';

export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

export class VerificationError extends Error {
  constructor(readonly mismatches: string[]) {
    super(`verification against the manifest failed:\n  ${mismatches.join('\n  ')}`);
    this.name = 'VerificationError';
  }
}

export type TRestoreOptions = {
  archive: string;
  database: TDatabaseTarget;
  yes: boolean;
  /** Where the built-in restore finds migration SQL (default prisma/migrations). */
  migrationsDir?: string;
  pgRestoreBin?: string;
  log?: (line: string) => void;
};

export type TRestoreResult = { method: TManifest['method']; tables: number; rows: number; verified: true };

/** Prisma's CREATE TABLE for its migration log (what migrate deploy creates first). */
const MIGRATIONS_TABLE_DDL = `CREATE TABLE ${qualified(MIGRATIONS_TABLE)} (
    "id" VARCHAR(36) NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "_prisma_migrations_pkey" PRIMARY KEY ("id")
)`;

export async function runRestore(options: TRestoreOptions): Promise<TRestoreResult> {
  const log = options.log ?? (() => undefined);
  if (!existsSync(options.archive)) throw new RestoreRefusedError(`No such archive: ${options.archive}`);
  const opened = await openArchive(options.archive);
  try {
    const { manifest } = opened;
    log(
      `Archive ${options.archive}: ${manifest.method}, PostgreSQL ${manifest.server.version}, made ${manifest.createdAt}, ` +
        `${manifest.tables.length} tables, ${manifest.migrations.length} migrations (checksums ok)`,
    );
    const client = await connectPg(options.database.url, 10_000);
    try {
      const occupied = await tablesWithData(client);
      if (occupied.length > 0 && !options.yes) {
        throw new RestoreRefusedError(
          `The target ${options.database.description} has data (${occupied
            .slice(0, 6)
            .map((table) => `${table.name}: ${table.rows} rows`)
            .join(', ')}${occupied.length > 6 ? ', …' : ''}). Restoring replaces it: run again with --yes.`,
        );
      }
      if (manifest.method === 'builtin') {
        await restoreBuiltin(
          client,
          opened.dir,
          manifest,
          options.migrationsDir ?? PRISMA_MIGRATIONS_DIR,
          log,
        );
      } else {
        await client.end().catch(() => undefined);
        await restorePgDump(opened.dir, manifest, options, log);
        const verifier = await connectPg(options.database.url, 10_000);
        try {
          await verifier.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
          await verifyAgainstManifest(verifier, manifest);
          await verifier.query('COMMIT');
        } finally {
          await verifier.end().catch(() => undefined);
        }
      }
      const rows = manifest.tables.reduce((sum, table) => sum + table.rowCount, 0);
      log(`Verified: ${manifest.tables.length} tables, ${rows} rows, every checksum equal to the manifest.`);
      return { method: manifest.method, tables: manifest.tables.length, rows, verified: true };
    } finally {
      await client.end().catch(() => undefined);
    }
  } finally {
    await opened.dispose();
  }
}

async function restorePgDump(
  dir: string,
  manifest: TManifest,
  options: TRestoreOptions,
  log: (line: string) => void,
): Promise<void> {
  const bin = options.pgRestoreBin ?? 'pg_restore';
  const local = await toolVersion(bin);
  if (!local) throw new Error(`${bin} is not installed: it is needed to restore a pg_dump archive`);
  const madeBy = manifest.pgDump ? parseToolVersion(`(PostgreSQL) ${manifest.pgDump}`) : undefined;
  if (madeBy && madeBy.major > local.major)
    throw new Error(
      `The archive was made by pg_dump ${manifest.pgDump}; pg_restore ${local.text} is too old to read it`,
    );
  log(
    `pg_restore ${local.text} --clean --if-exists --single-transaction into ${options.database.description}…`,
  );
  const result = await runProcess(
    bin,
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${libpqEnv(options.database.url).PGDATABASE ?? ''}`,
      join(dir, PG_DUMP_FILE),
    ],
    { env: libpqEnv(options.database.url) },
  );
  if (result.code !== 0)
    throw new Error(
      `pg_restore failed (exit ${result.code}); the transaction was rolled back:\n${tail(result.stderr)}`,
    );
}

/** Compares the database's tables and sequences with the manifest (inside a transaction). */
export async function verifyAgainstManifest(client: pg.Client, manifest: TManifest): Promise<void> {
  const tables = new Map((await listTables(client)).map((table) => [table.name, table]));
  const mismatches: string[] = [];
  const present: TTable[] = [];
  for (const expected of manifest.tables) {
    const table = tables.get(expected.name);
    if (!table) mismatches.push(`${expected.name}: table missing`);
    else
      present.push({
        ...table,
        columns: expected.columns.filter((column) => table.columns.some((c) => c.name === column.name)),
      });
  }
  const summaries = await summarizeTables(client, present);
  for (const summary of summaries) {
    const expected = manifest.tables.find((table) => table.name === summary.name);
    if (!expected) continue;
    if (summary.rowCount !== expected.rowCount)
      mismatches.push(`${summary.name}: ${summary.rowCount} rows, the archive has ${expected.rowCount}`);
    else if (summary.sha256 !== expected.sha256)
      mismatches.push(`${summary.name}: checksum differs from the archive`);
  }
  const sequences = new Map((await listSequences(client)).map((sequence) => [sequence.name, sequence]));
  for (const expected of manifest.sequences) {
    const actual = sequences.get(expected.name);
    if (!actual) mismatches.push(`sequence ${expected.name}: missing`);
    else if (actual.lastValue !== expected.lastValue || actual.isCalled !== expected.isCalled)
      mismatches.push(
        `sequence ${expected.name}: at ${actual.lastValue}, the archive has ${expected.lastValue}`,
      );
  }
  if (mismatches.length > 0) throw new VerificationError(mismatches);
}

/** Drops every object of the public schema that an extension does not own. */
async function dropPublicObjects(client: pg.Client): Promise<void> {
  const notExtension = `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')`;
  const relations = await client.query<{ name: string; kind: string }>(`
    SELECT c.relname AS name, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${notExtension}`);
  const keyword: Record<string, string> = {
    r: 'TABLE',
    p: 'TABLE',
    v: 'VIEW',
    m: 'MATERIALIZED VIEW',
    f: 'FOREIGN TABLE',
  };
  for (const relation of relations.rows)
    await client.query(
      `DROP ${keyword[relation.kind] ?? 'TABLE'} IF EXISTS ${qualified(relation.name)} CASCADE`,
    );
  const sequences = await client.query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'S' AND ${notExtension}`);
  for (const sequence of sequences.rows)
    await client.query(`DROP SEQUENCE IF EXISTS ${qualified(sequence.name)} CASCADE`);
  const types = await client.query<{ name: string; kind: string }>(`
    SELECT t.typname AS name, t.typtype AS kind FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' AND (t.typtype IN ('e', 'd', 'r', 'm')
      OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')`);
  for (const type of types.rows)
    await client.query(
      `DROP ${type.kind === 'd' ? 'DOMAIN' : 'TYPE'} IF EXISTS ${qualified(type.name)} CASCADE`,
    );
  const routines = await client.query<{ signature: string; kind: string }>(`
    SELECT p.oid::regprocedure::text AS signature, p.prokind AS kind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`);
  for (const routine of routines.rows) {
    const kind = routine.kind === 'p' ? 'PROCEDURE' : routine.kind === 'a' ? 'AGGREGATE' : 'FUNCTION';
    await client.query(`DROP ${kind} IF EXISTS ${routine.signature} CASCADE`);
  }
}

/** The archive's applied migrations, with their SQL, checked against the repository's files. */
async function migrationScripts(
  manifest: TManifest,
  migrationsDir: string,
): Promise<Array<{ name: string; sql: string }>> {
  const applied = manifest.migrations.filter(
    (migration) => migration.finishedAt !== null && migration.rolledBackAt === null,
  );
  const scripts: Array<{ name: string; sql: string }> = [];
  for (const migration of applied) {
    const file = join(migrationsDir, migration.name, 'migration.sql');
    const sql = await readFile(file, 'utf8').catch(() => undefined);
    if (sql === undefined)
      throw new RestoreRefusedError(
        `The archive's schema includes migration ${migration.name}, which is not in ${migrationsDir}: restore with a checkout that has it. Nothing was changed.`,
      );
    if (sha256Text(sql) !== migration.checksum)
      throw new RestoreRefusedError(
        `Migration ${migration.name} in ${migrationsDir} differs from the one the archive's database applied (checksum): its schema cannot be rebuilt exactly. Nothing was changed.`,
      );
    scripts.push({ name: migration.name, sql });
  }
  return scripts;
}

const MAX_PARAMETERS = 30_000;

/** Loads one table's COPY text file with batched INSERTs (each value parsed by its column type). */
async function loadTable(
  client: pg.Client,
  table: TManifest['tables'][number],
  path: string,
): Promise<number> {
  const columns = table.columns;
  if (columns.length === 0) return 0;
  const rowsPerBatch = Math.max(1, Math.min(1_000, Math.floor(MAX_PARAMETERS / columns.length)));
  const columnList = columns.map((column) => quoteIdent(column.name)).join(', ');
  const overriding = table.hasIdentity ? ' OVERRIDING SYSTEM VALUE' : '';
  let batch: Array<Array<string | null>> = [];
  let loaded = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const values: Array<string | null> = [];
    const tuples = batch.map((row) => {
      const placeholders = row.map((value, index) => {
        values.push(value);
        return `$${values.length}::${columns[index]?.type ?? 'text'}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await client.query(
      `INSERT INTO ${qualified(table.name)} (${columnList})${overriding} VALUES ${tuples.join(', ')}`,
      values,
    );
    loaded += batch.length;
    batch = [];
  };
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    const row = decodeCopyLine(line);
    if (row.length !== columns.length)
      throw new Error(`${table.name}: a row has ${row.length} fields, the table ${columns.length} columns`);
    batch.push(row);
    if (batch.length >= rowsPerBatch) await flush();
  }
  await flush();
  return loaded;
}

async function restoreBuiltin(
  client: pg.Client,
  dir: string,
  manifest: TManifest,
  migrationsDir: string,
  log: (line: string) => void,
): Promise<void> {
  const scripts = await migrationScripts(manifest, migrationsDir);
  await client.query('BEGIN');
  try {
    await dropPublicObjects(client);
    for (const script of scripts) {
      try {
        await client.query(script.sql);
      } catch (error) {
        throw new Error(`migration ${script.name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
    await client.query(MIGRATIONS_TABLE_DDL);
    log(`Schema rebuilt from ${scripts.length} migrations.`);

    const created = new Map((await listTables(client)).map((table) => [table.name, table]));
    for (const table of manifest.tables) {
      const actual = created.get(table.name);
      if (!actual)
        throw new Error(
          `table ${table.name} of the archive is not created by its migrations (built-in archives restore the migrated schema)`,
        );
      const expected = table.columns.map((column) => `${column.name} ${column.type}`).join(', ');
      const found = actual.columns.map((column) => `${column.name} ${column.type}`).join(', ');
      if (expected !== found)
        throw new Error(`table ${table.name}: columns (${found}) differ from the archive's (${expected})`);
    }
    // Triggers and foreign-key checks off while loading, when allowed (superuser); otherwise the
    // foreign-key order below is what keeps every insert valid.
    await client.query('SAVEPOINT replication_role');
    try {
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query('RELEASE SAVEPOINT replication_role');
    } catch {
      await client.query('ROLLBACK TO SAVEPOINT replication_role');
    }
    const order = fkSafeOrder(
      manifest.tables.map((table) => table.name),
      await listForeignKeys(client),
    );
    for (const name of order) {
      const table = manifest.tables.find((entry) => entry.name === name);
      if (!table?.file) continue;
      await loadTable(client, table, join(dir, table.file));
    }
    for (const sequence of manifest.sequences)
      await client.query(`SELECT setval($1::regclass, $2::bigint, $3::boolean)`, [
        qualified(sequence.name),
        sequence.lastValue,
        sequence.isCalled,
      ]);
    await verifyAgainstManifest(client, manifest);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
