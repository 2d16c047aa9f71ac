// Backup → wipe → restore against the real PostgreSQL at TEST_DATABASE_URL / DATABASE_URL /
// 127.0.0.1:5432, for both methods, with every kind of value the schema uses (json key order,
// jsonb, ms timestamps, uuids, enums, arrays, NULLs, identity and serial sequences, escapes).
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TTestDatabase } from '@lumenforge/db/testing';
import { seedDemoData } from '@lumenforge/db/seed';
import { PRISMA_MIGRATIONS_DIR } from '@lumenforge/prisma';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorruptArchiveError, sha256Text } from './archive';
import { runBackup } from './backup';
import { RestoreRefusedError, runRestore } from './restore';
import { archiveStem, rotateArchives } from './rotation';
import type { TDatabaseTarget } from './targets';

const EXTRA_MIGRATION = '29991231000000_ops_test_types';
const EXTRA_SQL = `CREATE TABLE "ops_test_types" (
    "id" SERIAL PRIMARY KEY,
    "serial_no" BIGINT GENERATED ALWAYS AS IDENTITY,
    "owner_id" UUID REFERENCES "users"("id"),
    "parent_id" INTEGER REFERENCES "ops_test_types"("id"),
    "status" "user_status",
    "roles" "membership_role"[],
    "tags" TEXT[],
    "matrix" INTEGER[][],
    "doc" JSON,
    "docb" JSONB,
    "at" TIMESTAMPTZ(3),
    "local_at" TIMESTAMP(3),
    "day" DATE,
    "span" INTERVAL,
    "amount" NUMERIC(14,4),
    "ratio" DOUBLE PRECISION,
    "small" REAL,
    "blob" BYTEA,
    "flag" BOOLEAN,
    "note" TEXT,
    "doubled" NUMERIC GENERATED ALWAYS AS ("amount" * 2) STORED
);
CREATE SEQUENCE "ops_test_counter" START 10;
`;

type TSnapshot = Record<string, string[]>;

/** Every public table's rows as to_jsonb text (independent of the tool's serializer), and every sequence. */
async function snapshot(url: string): Promise<TSnapshot> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET TimeZone = 'UTC'");
    const tables = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const result: TSnapshot = {};
    for (const { name } of tables.rows) {
      const rows = await client.query<{ row: string }>(
        `SELECT to_jsonb(t)::text AS row FROM public."${name}" t`,
      );
      result[name] = rows.rows.map((row) => row.row).sort();
    }
    const sequences = await client.query<{ name: string }>(
      `SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`,
    );
    for (const { name } of sequences.rows) {
      const state = await client.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value::text, is_called FROM public."${name}"`,
      );
      result[`sequence:${name}`] = [`${state.rows[0]?.last_value}/${state.rows[0]?.is_called}`];
    }
    return result;
  } finally {
    await client.end();
  }
}

async function sql(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

function serverUrlOf(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/postgres';
  return parsed.toString();
}

/** Drops the database and creates it again, empty. */
async function recreate(database: TTestDatabase): Promise<void> {
  await database.db.$disconnect();
  await sql(serverUrlOf(database.url), `DROP DATABASE "${database.name}" WITH (FORCE)`);
  await sql(serverUrlOf(database.url), `CREATE DATABASE "${database.name}"`);
}

async function fillWithData(url: string, database: TTestDatabase): Promise<void> {
  const seeded = await seedDemoData(database.db);
  const userId = seeded.users[0]?.user.id ?? null;
  await sql(url, EXTRA_SQL);
  await sql(
    url,
    `INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, started_at, applied_steps_count)
     VALUES ($1, $2, $3, now(), now(), 1)`,
    [randomUUID(), sha256Text(EXTRA_SQL), EXTRA_MIGRATION],
  );
  await sql(
    url,
    `INSERT INTO ops_test_types (owner_id, status, roles, tags, matrix, doc, docb, at, local_at, day, span, amount, ratio, small, blob, flag, note)
     VALUES ($1, 'active', '{admin,agent}', ARRAY['a b', 'c,d', 'quote"d', 'back\\slash', NULL], '{{1,2},{3,4}}',
             '{"z": 1, "a": [true, null], "m": "é ✓"}', '{"nested": {"k": [1, 2.50, "x"]}, "empty": {}}',
             '2026-11-24T01:02:03.456Z', '2026-01-02 03:04:05.678', '2026-02-28', '1 day 02:03:04.5',
             12345.6789, 0.1, 3.14159, '\\x00ff10', true, E'tab\\there\\nnewline\\\\backslash \\\\N not null')`,
    [userId],
  );
  await sql(url, `INSERT INTO ops_test_types (parent_id, note) VALUES (1, NULL), (2, '')`);
  await sql(url, `INSERT INTO ops_test_types (note) VALUES ('to delete')`);
  await sql(url, `DELETE FROM ops_test_types WHERE note = 'to delete'`); // the sequence stays ahead of max(id)
  await sql(url, `SELECT setval('ops_test_counter', 42, true)`);
  await sql(
    url,
    `INSERT INTO audit_logs (actor_user_id, action, target_type, target_id, result, metadata, occurred_at)
     VALUES ($1, 'ops.test', 'thing', NULL, 'denied', '{"ip": "10.0.0.1", "list": [1, {"a": null}]}', '2026-03-04T05:06:07.089Z')`,
    [userId],
  );
}

describe.each([
  { method: 'pg_dump' as const, extension: '.pgdump.tar' },
  { method: 'builtin' as const, extension: '.copy.tar.gz' },
])('ops backup/restore, $method', ({ method, extension }) => {
  let database: TTestDatabase;
  let target: TDatabaseTarget;
  let dir: string;
  let migrationsDir: string;
  let original: TSnapshot;
  let archive: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    target = { url: database.url, source: 'DATABASE_URL', description: `test database ${database.name}` };
    dir = await mkdtemp(join(tmpdir(), 'lf-ops-backup-'));
    migrationsDir = join(dir, 'migrations');
    await cp(PRISMA_MIGRATIONS_DIR, migrationsDir, { recursive: true });
    await mkdir(join(migrationsDir, EXTRA_MIGRATION));
    await writeFile(join(migrationsDir, EXTRA_MIGRATION, 'migration.sql'), EXTRA_SQL);
    await fillWithData(database.url, database);
    original = await snapshot(database.url);
  });

  afterAll(async () => {
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes a timestamped archive whose name and manifest record the method', async () => {
    const backups = join(dir, 'backups');
    const result = await runBackup({ database: target, dir: backups, method, keepDays: 30, rotate: true });
    archive = result.archive;
    expect(result.method).toBe(method);
    expect(archive.split('/').pop()).toMatch(
      new RegExp(`^lumenforge-pg-\\d{8}T\\d{6}Z${extension.replace(/\./g, '\\.')}$`),
    );
    expect(result.manifest.method).toBe(method);
    const types = result.manifest.tables.find((table) => table.name === 'ops_test_types');
    expect(types?.rowCount).toBe(3);
    expect(result.manifest.migrations.map((migration) => migration.name)).toContain(EXTRA_MIGRATION);
    expect(result.manifest.sequences).toContainEqual({
      name: 'ops_test_counter',
      lastValue: '42',
      isCalled: true,
    });
    expect(original['ops_test_types']).toHaveLength(3);
  });

  it('restores into a dropped and recreated database with identical data and sequences', async () => {
    await recreate(database);
    expect(await snapshot(database.url)).toEqual({});
    const result = await runRestore({ archive, database: target, yes: false, migrationsDir });
    expect(result).toMatchObject({ method, verified: true });
    expect(await snapshot(database.url)).toEqual(original);
    // The restored sequences continue where the original left off.
    const next = await sql(
      database.url,
      `INSERT INTO ops_test_types (note) VALUES ('after') RETURNING id, serial_no`,
    );
    expect(next.rows[0]).toEqual({ id: 5, serial_no: '5' });
    await sql(database.url, `DELETE FROM ops_test_types WHERE note = 'after'`);
    await sql(database.url, `SELECT setval('ops_test_types_id_seq', 4, true)`);
    await sql(database.url, `ALTER TABLE ops_test_types ALTER COLUMN serial_no RESTART WITH 5`);
  });

  it('refuses a database with data without --yes, and replaces it with --yes', async () => {
    await sql(database.url, `UPDATE users SET name = 'changed'`);
    await sql(database.url, `INSERT INTO ops_test_types (note) VALUES ('extra')`);
    const changed = await snapshot(database.url);
    await expect(runRestore({ archive, database: target, yes: false, migrationsDir })).rejects.toThrow(
      RestoreRefusedError,
    );
    await expect(runRestore({ archive, database: target, yes: false, migrationsDir })).rejects.toThrow(
      /has data .*--yes/,
    );
    expect(await snapshot(database.url)).toEqual(changed);
    await runRestore({ archive, database: target, yes: true, migrationsDir });
    expect(await snapshot(database.url)).toEqual(original);
  });

  it('refuses a corrupted or truncated archive with a clear message and changes nothing', async () => {
    await sql(database.url, `UPDATE users SET name = 'before corrupt restore'`);
    const before = await snapshot(database.url);
    const bytes = await readFile(archive);
    const corrupted = join(dir, `corrupted${extension}`);
    const damaged = Buffer.from(bytes);
    // Flip bytes in the data region (past the manifest members).
    for (
      let offset = Math.floor(damaged.length * 0.75);
      offset < Math.floor(damaged.length * 0.75) + 16;
      offset += 1
    )
      damaged[offset] = (damaged[offset] ?? 0) ^ 0xff;
    await writeFile(corrupted, damaged);
    await expect(
      runRestore({ archive: corrupted, database: target, yes: true, migrationsDir }),
    ).rejects.toThrow(CorruptArchiveError);
    await expect(
      runRestore({ archive: corrupted, database: target, yes: true, migrationsDir }),
    ).rejects.toThrow(/corrupted or not a LumenForge backup .*Nothing was changed/s);
    const truncated = join(dir, `truncated${extension}`);
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(
      runRestore({ archive: truncated, database: target, yes: true, migrationsDir }),
    ).rejects.toThrow(CorruptArchiveError);
    const notOurs = join(dir, `random${extension}`);
    await writeFile(notOurs, 'hello, not an archive');
    await expect(
      runRestore({ archive: notOurs, database: target, yes: true, migrationsDir }),
    ).rejects.toThrow(CorruptArchiveError);
    expect(await snapshot(database.url)).toEqual(before);
  });
});

describe('ops backup rotation and registry storage', () => {
  let database: TTestDatabase;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'lf-ops-rotation-'));
  });

  afterAll(async () => {
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps 30 days: older archives are removed (never the newest of a kind), other files untouched', async () => {
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
    const backups = join(dir, 'backups');
    await mkdir(backups);
    const make = async (name: string, date: Date) => {
      await writeFile(join(backups, name), 'x');
      await utimes(join(backups, name), date, date);
    };
    await make(`${archiveStem('pg', daysAgo(45))}.copy.tar.gz`, daysAgo(45));
    await make(`${archiveStem('pg', daysAgo(31))}.pgdump.tar`, daysAgo(31));
    await make(`${archiveStem('pg', daysAgo(29))}.pgdump.tar`, daysAgo(29));
    await make(`${archiveStem('pg', daysAgo(1))}.copy.tar.gz`, daysAgo(1));
    await make(`${archiveStem('registry', daysAgo(60))}.tar.gz`, daysAgo(60)); // superseded by this run's
    await make('notes-from-2019.txt', daysAgo(2_000));

    const storage = join(dir, 'registry');
    await mkdir(join(storage, 'docker/registry/v2/blobs'), { recursive: true });
    await writeFile(join(storage, 'docker/registry/v2/blobs/data'), 'layer');
    const lines: string[] = [];
    const result = await runBackup({
      database: { url: database.url, source: 'DATABASE_URL', description: database.name },
      dir: backups,
      method: 'auto',
      keepDays: 30,
      rotate: true,
      registryStorageDir: storage,
      log: (line) => lines.push(line),
    });
    expect(result.method).toBe('pg_dump'); // pg_dump 15 and the 15 test server
    expect(result.registryArchive).toMatch(/lumenforge-registry-\d{8}T\d{6}Z\.tar\.gz$/);
    expect(result.rotation?.remove.map((entry) => entry.name).sort()).toEqual(
      [
        `${archiveStem('pg', daysAgo(45))}.copy.tar.gz`,
        `${archiveStem('pg', daysAgo(31))}.pgdump.tar`,
        `${archiveStem('registry', daysAgo(60))}.tar.gz`,
      ].sort(),
    );
    expect(lines.filter((line) => line.includes('removed'))).toHaveLength(3);
    const remaining = (await readdir(backups)).filter((name) => !name.startsWith('.')).sort();
    expect(remaining).toEqual(
      [
        `${archiveStem('pg', daysAgo(29))}.pgdump.tar`,
        `${archiveStem('pg', daysAgo(1))}.copy.tar.gz`,
        'notes-from-2019.txt',
        result.archive.split('/').pop() ?? '',
        result.registryArchive?.split('/').pop() ?? '',
      ].sort(),
    );
    // --keep-days 7 on the next run: only the 29-day archive goes.
    const second = await rotateArchives(backups, 7, now);
    expect(second.remove.map((entry) => entry.name)).toEqual([
      `${archiveStem('pg', daysAgo(29))}.pgdump.tar`,
    ]);
  });

  it('never deletes the newest archive even when every archive is older than the window', async () => {
    const old = join(dir, 'old');
    await mkdir(old);
    const now = new Date();
    const names = [90, 60].map(
      (days) => `${archiveStem('pg', new Date(now.getTime() - days * 86_400_000))}.pgdump.tar`,
    );
    for (const name of names) await writeFile(join(old, name), 'x');
    const plan = await rotateArchives(old, 30, now);
    expect(plan.remove.map((entry) => entry.name)).toEqual([names[0]]);
    expect(await readdir(old)).toEqual([names[1]]);
  });
});
