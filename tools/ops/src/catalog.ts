// The database's public schema as the backup sees it (tables, columns, foreign keys, sequences,
// applied migrations) and the canonical text serialization of a table: COPY text format
// (tab-separated, `\N` for NULL, backslash escapes), each value as the server prints it under the
// deterministic session settings, rows in a collation-independent order. Its sha256 is the
// table's checksum: equal checksums mean equal data, whichever way the data was restored.
import { createHash } from 'node:crypto';
import type pg from 'pg';

export type TColumn = { name: string; type: string };
export type TTable = { name: string; columns: TColumn[]; hasIdentity: boolean };
export type TSequence = { name: string; lastValue: string; isCalled: boolean };
export type TMigrationRecord = {
  name: string;
  checksum: string;
  finishedAt: string | null;
  rolledBackAt: string | null;
};

export const MIGRATIONS_TABLE = '_prisma_migrations';

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function qualified(name: string): string {
  return `public.${quoteIdent(name)}`;
}

/** Ordinary tables of the public schema (no partition parents, no generated columns), by name. */
export async function listTables(client: pg.Client): Promise<TTable[]> {
  const result = await client.query<{ table: string; column: string; type: string; identity: string }>(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           a.attidentity AS identity
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    WHERE n.nspname = 'public' AND c.relkind = 'r'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
    ORDER BY c.relname COLLATE "C", a.attnum`);
  const tables = new Map<string, TTable>();
  for (const row of result.rows) {
    let table = tables.get(row.table);
    if (!table) {
      table = { name: row.table, columns: [], hasIdentity: false };
      tables.set(row.table, table);
    }
    table.columns.push({ name: row.column, type: row.type });
    if (row.identity === 'a' || row.identity === 'd') table.hasIdentity = true;
  }
  return [...tables.values()];
}

/** Foreign keys between public tables: [referencing table, referenced table]. */
export async function listForeignKeys(client: pg.Client): Promise<Array<[string, string]>> {
  const result = await client.query<{ child: string; parent: string }>(`
    SELECT child.relname AS child, parent.relname AS parent
    FROM pg_constraint con
    JOIN pg_class child ON child.oid = con.conrelid
    JOIN pg_class parent ON parent.oid = con.confrelid
    JOIN pg_namespace n ON n.oid = child.relnamespace
    WHERE con.contype = 'f' AND n.nspname = 'public'`);
  return result.rows.map((row) => [row.child, row.parent]);
}

/**
 * Tables ordered so that every referenced table comes before the tables referencing it
 * (self-references ignored; a cycle keeps the remaining tables in name order).
 */
export function fkSafeOrder(
  tables: readonly string[],
  foreignKeys: ReadonlyArray<[string, string]>,
): string[] {
  const pending = new Set(tables);
  const parents = new Map<string, Set<string>>(tables.map((name) => [name, new Set<string>()]));
  for (const [child, parent] of foreignKeys)
    if (child !== parent && pending.has(child) && pending.has(parent)) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter((name) =>
      [...(parents.get(name) ?? [])].every((parent) => !pending.has(parent)),
    );
    const next = ready.length > 0 ? ready : [[...pending].sort()[0] ?? ''];
    for (const name of next.sort()) {
      ordered.push(name);
      pending.delete(name);
    }
  }
  return ordered;
}

export async function listSequences(client: pg.Client): Promise<TSequence[]> {
  const names = await client.query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname COLLATE "C"`);
  const sequences: TSequence[] = [];
  for (const { name } of names.rows) {
    const state = await client.query<{ last_value: string; is_called: string }>(
      `SELECT last_value::text AS last_value, is_called::text AS is_called FROM ${qualified(name)}`,
    );
    const row = state.rows[0];
    if (row) sequences.push({ name, lastValue: row.last_value, isCalled: row.is_called === 'true' });
  }
  return sequences;
}

export async function tableExists(client: pg.Client, name: string): Promise<boolean> {
  const result = await client.query(`SELECT (to_regclass($1) IS NOT NULL)::text AS present`, [
    qualified(name),
  ]);
  return String((result.rows[0] as { present?: unknown } | undefined)?.present) === 'true';
}

/** Rows of `_prisma_migrations` (empty when the table does not exist), in name order. */
export async function listMigrations(client: pg.Client): Promise<TMigrationRecord[]> {
  if (!(await tableExists(client, MIGRATIONS_TABLE))) return [];
  const result = await client.query<{
    migration_name: string;
    checksum: string;
    finished_at: string | null;
    rolled_back_at: string | null;
  }>(
    `SELECT migration_name, checksum, finished_at::text AS finished_at, rolled_back_at::text AS rolled_back_at
     FROM ${qualified(MIGRATIONS_TABLE)} ORDER BY migration_name COLLATE "C", started_at`,
  );
  return result.rows.map((row) => ({
    name: row.migration_name,
    checksum: row.checksum,
    finishedAt: row.finished_at,
    rolledBackAt: row.rolled_back_at,
  }));
}

/** COPY text format escaping of one value (null → `\N`). */
export function encodeCopyValue(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/[\\\n\r\t]/g, (char) =>
    char === '\\' ? '\\\\' : char === '\n' ? '\\n' : char === '\r' ? '\\r' : '\\t',
  );
}

const COPY_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Decodes one COPY text field (the inverse of {@link encodeCopyValue}; also octal/hex escapes). */
export function decodeCopyValue(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, escape: string) => {
    if (escape.startsWith('x') && escape.length > 1)
      return String.fromCharCode(Number.parseInt(escape.slice(1), 16));
    if (/^[0-7]+$/.test(escape)) return String.fromCharCode(Number.parseInt(escape, 8));
    return COPY_ESCAPES[escape] ?? escape;
  });
}

export function encodeCopyLine(values: ReadonlyArray<string | null>): string {
  return `${values.map(encodeCopyValue).join('\t')}\n`;
}

export function decodeCopyLine(line: string): Array<string | null> {
  return line.split('\t').map(decodeCopyValue);
}

const FETCH_SIZE = 2_000;

/**
 * Streams a table's rows in canonical form (COPY text lines, ordered by the row's text in the C
 * collation) through `onChunk`; resolves with the row count and the sha256 of all lines. Must run
 * inside a transaction (it uses a cursor).
 */
export async function serializeTable(
  client: pg.Client,
  table: TTable,
  onChunk?: (chunk: string) => void | Promise<void>,
): Promise<{ rowCount: number; sha256: string }> {
  const hash = createHash('sha256');
  const cursor = `lf_ops_${table.name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40)}`;
  const columns = table.columns.map((column) => `t.${quoteIdent(column.name)}::text`).join(', ');
  await client.query(
    `DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT ${columns || 'NULL'} FROM ${qualified(table.name)} t ORDER BY (t.*)::text COLLATE "C"`,
  );
  let rowCount = 0;
  try {
    for (;;) {
      const batch = await client.query({ text: `FETCH ${FETCH_SIZE} FROM ${cursor}`, rowMode: 'array' });
      if (batch.rows.length === 0) break;
      let chunk = '';
      for (const row of batch.rows as Array<Array<string | null>>)
        chunk += encodeCopyLine(table.columns.length === 0 ? [] : row);
      rowCount += batch.rows.length;
      hash.update(chunk, 'utf8');
      if (onChunk) await onChunk(chunk);
    }
  } finally {
    await client.query(`CLOSE ${cursor}`);
  }
  return { rowCount, sha256: hash.digest('hex') };
}

export type TTableSummary = { name: string; rowCount: number; sha256: string };

/** Row count and checksum of every public table (inside a transaction). */
export async function summarizeTables(
  client: pg.Client,
  tables: readonly TTable[],
): Promise<TTableSummary[]> {
  const summaries: TTableSummary[] = [];
  for (const table of tables) summaries.push({ name: table.name, ...(await serializeTable(client, table)) });
  return summaries;
}

/** Public tables (other than the migration log) that hold at least one row, with their counts. */
export async function tablesWithData(client: pg.Client): Promise<Array<{ name: string; rows: number }>> {
  const tables = await listTables(client);
  const found: Array<{ name: string; rows: number }> = [];
  for (const table of tables) {
    if (table.name === MIGRATIONS_TABLE) continue;
    const result = await client.query<{ count: string }>(
      `SELECT count(*)::text AS count FROM ${qualified(table.name)}`,
    );
    const rows = Number(result.rows[0]?.count ?? 0);
    if (rows > 0) found.push({ name: table.name, rows });
  }
  return found;
}
