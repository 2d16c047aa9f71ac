// The driver adapter Prisma's JavaScript schema engine (`engine: "js"`) migrates through.
// Two upstream problems are worked around here (see README "Prisma offline"):
//  - adapter-pg cannot describe columns of type `name` (OID 19) or `"char"` (OID 18), which the
//    engine's catalog queries return ("Column type 'name' could not be deserialized", prisma#27403):
//    the client below reports them as `text`.
//  - the adapter creates the shadow database by spreading its config and overriding `database`;
//    a `connectionString` would win over that override and the shadow replay would run on the real
//    database. So the config is built from discrete host/port/user/password/database fields.
//  - the adapter drops the shadow database while its own pool still holds connections to it
//    ("database … is being accessed by other users"): the factory below closes the shadow pool
//    first, then drops the database.
//  - the adapter splits a migration script on every `;`, even inside a function body: the
//    adapters below send the script whole.
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

const TEXT_OID = 25;
const TEXT_ARRAY_OID = 1009;
/** PostgreSQL type OIDs adapter-pg rejects, and the type they are read as instead. */
const OID_REMAP: ReadonlyMap<number, number> = new Map([
  [19, TEXT_OID], // name
  [18, TEXT_OID], // "char"
  [1003, TEXT_ARRAY_OID], // name[]
]);

type TFieldLike = { dataTypeID: number };
type TResultLike = { fields?: TFieldLike[] };

function remapFieldTypes<T>(result: T): T {
  const results = (Array.isArray(result) ? result : [result]) as unknown[];
  for (const item of results) {
    const fields = (item as TResultLike | null | undefined)?.fields;
    if (!Array.isArray(fields)) continue;
    for (const field of fields) {
      const mapped = OID_REMAP.get(field.dataTypeID);
      if (mapped !== undefined) field.dataTypeID = mapped;
    }
  }
  return result;
}

/** A pg Client whose results describe `name`/`"char"` columns as text (promise and callback styles). */
export class MigrationPgClient extends pg.Client {
  // pg's query() has a dozen overloads; this wrapper forwards every one of them unchanged.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last: unknown = args[args.length - 1];
    if (typeof last === 'function') {
      const callback = last as (error: unknown, result: unknown) => void;
      args[args.length - 1] = (error: unknown, result: unknown) =>
        callback(error, error ? result : remapFieldTypes(result));
      return (super.query as (...forwarded: unknown[]) => unknown)(...args);
    }
    const returned = (super.query as (...forwarded: unknown[]) => unknown)(...args);
    if (returned instanceof Promise) return returned.then(remapFieldTypes);
    return returned;
  }
}

/** Splits a postgres:// URL into the discrete fields pg accepts (no `connectionString`). */
export function connectionFieldsFromUrl(databaseUrl: string): pg.PoolConfig {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error(
      'DATABASE_URL is not a valid URL (expected postgresql://user:password@host:port/database)',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got ${url.protocol}//)`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const sslmode = url.searchParams.get('sslmode');
  const host = url.searchParams.get('host') ?? decodeURIComponent(url.hostname.replace(/^\[|\]$/g, ''));
  return {
    host: host || '127.0.0.1',
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || 'postgres',
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database: database || 'postgres',
    ssl:
      sslmode === 'require' || sslmode === 'prefer'
        ? { rejectUnauthorized: false }
        : sslmode === 'verify-ca' || sslmode === 'verify-full'
          ? { rejectUnauthorized: true }
          : undefined,
    application_name: 'lumenforge-prisma-migrate',
    connectionTimeoutMillis: 10_000,
  };
}

type TConnectedAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

/** PrismaPg for the schema engine: text-typed catalog columns and a shadow database that is dropped cleanly. */
export class MigrationPgAdapterFactory extends PrismaPg {
  readonly #config: pg.PoolConfig;

  constructor(config: pg.PoolConfig) {
    const withClient: pg.PoolConfig = { ...config, Client: MigrationPgClient };
    super(withClient);
    this.#config = withClient;
  }

  /**
   * adapter-pg runs a script statement by statement, split on every `;`, which cuts a function
   * body (`$$ … ; … $$`) apart. The script goes to PostgreSQL whole instead, as one simple query:
   * as Prisma's native engine sends it, and one implicit transaction, so a failed migration leaves
   * nothing half-applied.
   */
  override async connect(): Promise<TConnectedAdapter> {
    const adapter = await super.connect();
    const pool = adapter.underlyingDriver();
    adapter.executeScript = async (script: string) => {
      await pool.query(script);
    };
    return adapter;
  }

  override async connectToShadowDb(): Promise<TConnectedAdapter> {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new MigrationPgAdapterFactory({ ...this.#config, database }).connect();
    const disposeShadowPool = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      try {
        await disposeShadowPool();
        await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      } finally {
        await main.dispose();
      }
    };
    return shadow;
  }
}

/** The adapter factory `prisma.config.ts` hands to the schema engine. */
export function createMigrationAdapter(databaseUrl: string): PrismaPg {
  return new MigrationPgAdapterFactory({
    ...connectionFieldsFromUrl(databaseUrl),
    max: 4,
    // The CLI waits for the event loop to drain; idle pooled sockets must not hold it open
    // (without this every command lingers for the 10 s idle timeout).
    allowExitOnIdle: true,
  });
}
