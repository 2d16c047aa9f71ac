import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TTestDatabase } from './testing';

describe('migrations', () => {
  const databases: TTestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((database) => database.drop()));
  });

  it('start from an empty database', async () => {
    const empty = await createTestDatabase({ migrate: false });
    databases.push(empty);
    const tables = await empty.db.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`;
    expect(Number(tables[0]?.n)).toBe(0);
  });

  // Catalog columns are of type `name`, which the pg driver adapter cannot read: cast them to text.
  it('apply to an empty database and create every table, enum and index', async () => {
    const startedAt = performance.now();
    const migrated = await createTestDatabase();
    databases.push(migrated);
    // Includes CREATE DATABASE and the CLI start; migrate deploy itself is about 1 s.
    expect(performance.now() - startedAt).toBeLessThan(15_000);

    const applied = await migrated.db.$queryRaw<Array<{ migration_name: string; finished_at: Date | null }>>`
      SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(applied.map((row) => row.migration_name)).toContain('20261123000000_init');
    expect(applied.every((row) => row.finished_at !== null)).toBe(true);

    const tables = await migrated.db.$queryRaw<Array<{ table_name: string }>>`
      SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`;
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['audit_logs', 'memberships', 'sessions', 'users', 'workspaces']),
    );

    const enums = await migrated.db.$queryRaw<Array<{ typname: string }>>`
      SELECT typname::text AS typname FROM pg_type WHERE typtype = 'e' ORDER BY 1`;
    expect(enums.map((row) => row.typname)).toEqual([
      'audit_result',
      'build_status',
      'component_origin',
      'component_status',
      'deploy_environment',
      'deployment_status',
      'ignition_task_status',
      'membership_role',
      'user_status',
    ]);

    const columns = await migrated.db.$queryRaw<Array<{ data_type: string }>>`
      SELECT data_type::text AS data_type FROM information_schema.columns WHERE table_name = 'audit_logs' AND column_name = 'occurred_at'`;
    expect(columns[0]?.data_type).toBe('timestamp with time zone');

    const indexes = await migrated.db.$queryRaw<Array<{ indexname: string }>>`
      SELECT indexname::text AS indexname FROM pg_indexes WHERE tablename = 'audit_logs'`;
    expect(indexes.map((row) => row.indexname)).toEqual(
      expect.arrayContaining(['audit_logs_occurred_at_id_idx', 'audit_logs_actor_user_id_occurred_at_idx']),
    );
  });
});
