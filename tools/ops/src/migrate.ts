// `ops migrate`: prisma migrate deploy (the prisma project's offline wrapper) against DATABASE_URL
// or the embedded PostgreSQL, then a `migrate status`-style table of every migration.
import { readdir } from 'node:fs/promises';
import { ensureDatabase, migrateDeploy, PRISMA_MIGRATIONS_DIR } from '@lumenforge/prisma';
import { listMigrations, type TMigrationRecord } from './catalog';
import { withPg } from './probes';
import type { TDatabaseTarget } from './targets';
import { textTable } from './text-table';

export type TMigrationStatus = {
  name: string;
  state: 'applied' | 'pending' | 'failed' | 'rolled back' | 'not in repository';
  appliedAt: string | null;
};

export async function repositoryMigrations(dir = PRISMA_MIGRATIONS_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Pure: the status of every migration from the repository's list and the database's log. */
export function migrationStatus(
  repository: readonly string[],
  applied: readonly TMigrationRecord[],
): TMigrationStatus[] {
  const byName = new Map<string, TMigrationRecord>();
  for (const record of applied) {
    const current = byName.get(record.name);
    // A migration retried after a failure has several rows: the successful one wins.
    if (!current || (record.finishedAt && !record.rolledBackAt)) byName.set(record.name, record);
  }
  const names = [...new Set([...repository, ...byName.keys()])].sort();
  return names.map((name) => {
    const record = byName.get(name);
    if (!record) return { name, state: 'pending', appliedAt: null };
    const state = !repository.includes(name)
      ? 'not in repository'
      : record.rolledBackAt
        ? 'rolled back'
        : record.finishedAt
          ? 'applied'
          : 'failed';
    return { name, state, appliedAt: record.finishedAt };
  });
}

export function renderMigrationStatus(statuses: readonly TMigrationStatus[]): string {
  const pending = statuses.filter((status) => status.state === 'pending').length;
  const failed = statuses.filter((status) => status.state === 'failed').length;
  const table = textTable(
    ['MIGRATION', 'STATE', 'APPLIED AT (UTC)'],
    statuses.map((status) => [status.name, status.state, status.appliedAt ?? '-']),
  );
  const summary =
    failed > 0
      ? `${failed} failed migration(s): fix and mark them (prisma migrate resolve) before deploying again.`
      : pending > 0
        ? `${pending} pending migration(s).`
        : `Database schema is up to date (${statuses.length} migrations).`;
  return `${table}\n\n${summary}`;
}

export async function runMigrate(
  database: TDatabaseTarget,
  options: { statusOnly: boolean; log?: (line: string) => void },
): Promise<TMigrationStatus[]> {
  const log = options.log ?? (() => undefined);
  if (!options.statusOnly) {
    const { created } = await ensureDatabase(database.url);
    if (created) log(`Created the database (${database.description}).`);
    log(`prisma migrate deploy → ${database.description}`);
    const result = await migrateDeploy({ databaseUrl: database.url });
    log(
      result.appliedMigrations.length > 0
        ? `Applied ${result.appliedMigrations.length}: ${result.appliedMigrations.join(', ')} (${result.durationMs} ms)`
        : `No pending migrations (${result.durationMs} ms).`,
    );
  }
  const applied = await withPg(database.url, 10_000, async (client) => {
    await client.query("SET TimeZone = 'UTC'");
    return listMigrations(client);
  });
  return migrationStatus(await repositoryMigrations(), applied);
}
