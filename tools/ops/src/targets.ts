// What the CLI talks to: the database (DATABASE_URL, or the embedded PostgreSQL that `npm start`
// runs with its data under LUMENFORGE_HOME), the six apps, the identity provider and the optional
// data services, all derived from the validated env.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SYSTEM_IDS, SYSTEMS, systemUrl, type TSystemId } from '@lumenforge/config';
import { EMBEDDED_PASSWORD_FILE, embeddedDatabaseUrl } from '@lumenforge/platform/database-url';
import { appUrlVariable, WORKSPACE_ROOT, type TOpsEnv } from './env';

export type TDatabaseTarget = {
  url: string;
  /** `DATABASE_URL`, or the embedded server of single-node mode. */
  source: 'DATABASE_URL' | 'embedded';
  /** For messages: host:port/database, embedded data directory. */
  description: string;
};

/** Raised when no database can be found; the message says what to do. */
export class DatabaseNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseNotFoundError';
  }
}

/** host:port of a URL (default port per scheme). */
export function hostPort(url: string, defaultPort: number): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || defaultPort) };
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid and port in a data directory's postmaster.pid when that server is alive. */
function runningServer(dataDir: string): { pid: number; port: number } | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  try {
    const lines = readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number.parseInt(lines[0] ?? '', 10);
    const port = Number.parseInt(lines[3] ?? '', 10);
    if (!Number.isInteger(pid) || !isProcessAlive(pid)) return undefined;
    return { pid, port };
  } catch {
    return undefined;
  }
}

export type TEmbeddedHome = { home: string; dataDir: string; passwordFile: string };

/**
 * Single-node homes: LUMENFORGE_HOME itself and its direct subdirectories that hold an embedded
 * cluster (`postgres/` plus `postgres.password`, as tools/platform creates them), e.g.
 * `.lumenforge/e2e` for the platform Playwright starts.
 */
export function embeddedHomes(lumenforgeHome: string): TEmbeddedHome[] {
  const candidates = [lumenforgeHome];
  try {
    for (const entry of readdirSync(lumenforgeHome, { withFileTypes: true }))
      if (entry.isDirectory()) candidates.push(join(lumenforgeHome, entry.name));
  } catch {
    // no home yet
  }
  return candidates
    .map((home) => ({
      home,
      dataDir: join(home, 'postgres'),
      passwordFile: join(home, EMBEDDED_PASSWORD_FILE),
    }))
    .filter((candidate) => existsSync(candidate.passwordFile) && existsSync(candidate.dataDir));
}

function displayPath(path: string): string {
  const rel = relative(WORKSPACE_ROOT, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/**
 * DATABASE_URL when set. Otherwise the embedded PostgreSQL `npm start` runs: the home under
 * LUMENFORGE_HOME whose server is running on LUMENFORGE_PG_PORT (LUMENFORGE_HOME itself first),
 * with the password tools/platform generated beside its data. Throws {@link DatabaseNotFoundError}
 * saying so when the embedded server is not running.
 */
export function resolveDatabase(env: TOpsEnv): TDatabaseTarget {
  if (env.DATABASE_URL) {
    const { host, port } = hostPort(env.DATABASE_URL, 5432);
    const database = new URL(env.DATABASE_URL).pathname.replace(/^\//, '');
    return {
      url: env.DATABASE_URL,
      source: 'DATABASE_URL',
      description: `database "${database}" on ${host}:${port} (DATABASE_URL)`,
    };
  }
  const homes = embeddedHomes(env.LUMENFORGE_HOME);
  const running = homes.find(
    (candidate) => runningServer(candidate.dataDir)?.port === env.LUMENFORGE_PG_PORT,
  );
  if (!running) {
    const known = homes.map((candidate) => displayPath(candidate.dataDir));
    throw new DatabaseNotFoundError(
      `The embedded PostgreSQL is not running on 127.0.0.1:${env.LUMENFORGE_PG_PORT}` +
        (known.length > 0
          ? ` (data directories found: ${known.join(', ')}, none with a live server on that port).`
          : ` (no embedded cluster under ${displayPath(env.LUMENFORGE_HOME)}).`) +
        ' Start the platform with `npm start` (single-node), or set DATABASE_URL to your PostgreSQL.',
    );
  }
  const password = readFileSync(running.passwordFile, 'utf8').trim();
  return {
    url: embeddedDatabaseUrl(password, env.LUMENFORGE_PG_PORT),
    source: 'embedded',
    description: `embedded PostgreSQL on 127.0.0.1:${env.LUMENFORGE_PG_PORT} (data in ${displayPath(running.dataDir)})`,
  };
}

export type TAppTarget = { id: TSystemId; name: string; url: string; healthUrl: string; overridden: boolean };

/** The six apps in catalog order: `<ID>_URL` when set, else the catalog URL (domain or local host). */
export function appTargets(env: TOpsEnv): TAppTarget[] {
  return SYSTEM_IDS.map((id) => {
    const override = env[appUrlVariable(id) as keyof TOpsEnv] as string | undefined;
    const base = (
      override ?? systemUrl(id, { domain: env.LUMENFORGE_DOMAIN, localHost: env.LUMENFORGE_LOCAL_HOST })
    ).replace(/\/+$/, '');
    return {
      id,
      name: SYSTEMS[id].name,
      url: base,
      healthUrl: `${base}/api/health`,
      overridden: Boolean(override),
    };
  });
}

/** The OpenID provider: OIDC_ISSUER (external), else the local one (IDENTITY_ISSUER or the identity port). */
export function identityTarget(env: TOpsEnv): { url: string; local: boolean } {
  if (env.OIDC_ISSUER) return { url: env.OIDC_ISSUER.replace(/\/+$/, ''), local: false };
  return {
    url: (env.IDENTITY_ISSUER ?? `http://${env.LUMENFORGE_LOCAL_HOST}:${env.IDENTITY_PORT}`).replace(
      /\/+$/,
      '',
    ),
    local: true,
  };
}

/** Cluster mode = NATS carries the events (NATS_URL set); otherwise the PostgreSQL outbox does. */
export function isClusterMode(env: TOpsEnv): boolean {
  return Boolean(env.NATS_URL);
}

export function backupDir(env: TOpsEnv, override?: string): string {
  return override ?? env.LUMENFORGE_BACKUP_DIR ?? join(env.LUMENFORGE_HOME, 'backups');
}
