// pg_dump / pg_restore / tar as child processes, and the version rule that decides whether
// pg_dump can be used: pg_dump refuses servers of a newer major version than its own.
import { spawn } from 'node:child_process';
import { childProcessEnv } from './env';

export type TVersion = { major: number; minor: number; text: string };

/** Parses `pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)` or `pg_restore (PostgreSQL) 9.6.24`. */
export function parseToolVersion(output: string): TVersion | undefined {
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(output);
  if (!match) return undefined;
  const first = Number(match[1]);
  // Before 10 the major version had two parts (9.6).
  const major = first >= 10 ? first : Number(`${first}.${match[2] ?? 0}`);
  const minor = first >= 10 ? Number(match[2] ?? 0) : Number(match[3] ?? 0);
  return { major, minor, text: match[0].replace(/^\(PostgreSQL\)\s+/, '') };
}

/** Major version from `server_version_num` (150020 → 15, 90624 → 9.6). */
export function serverMajor(versionNum: number): number {
  if (versionNum >= 100_000) return Math.floor(versionNum / 10_000);
  return Math.floor(versionNum / 10_000) + Math.floor((versionNum % 10_000) / 100) / 10;
}

/** pg_dump works against servers of its own major version or older. */
export function canPgDumpServer(pgDumpMajor: number, serverMajorVersion: number): boolean {
  return pgDumpMajor >= serverMajorVersion;
}

export type TProcessResult = { code: number | null; stdout: string; stderr: string };

/** Runs a command to completion; never rejects for a non-zero exit (the caller reads `code`). */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number } = {},
): Promise<TProcessResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      env: childProcessEnv(options.env),
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === 'ENOENT' ? new Error(`${command} is not installed (not found on PATH)`) : error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** The local tool's version, or undefined when it is not installed. */
export async function toolVersion(command: string): Promise<TVersion | undefined> {
  try {
    const result = await runProcess(command, ['--version'], { timeoutMs: 10_000 });
    return result.code === 0 ? parseToolVersion(result.stdout) : undefined;
  } catch {
    return undefined;
  }
}

/** libpq environment for a connection URL: no password on the command line (visible in ps). */
export function libpqEnv(url: string): Record<string, string> {
  const parsed = new URL(url);
  const env: Record<string, string> = {
    PGHOST: decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, '')),
    PGPORT: parsed.port || '5432',
    PGDATABASE: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
    PGAPPNAME: 'lumenforge-ops',
    PGCONNECT_TIMEOUT: '10',
  };
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  const sslmode = parsed.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  const host = parsed.searchParams.get('host');
  if (host) env.PGHOST = host;
  return env;
}

/** The last lines of a tool's stderr, for error messages. */
export function tail(text: string, lines = 8): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}
