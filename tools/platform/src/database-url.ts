// The embedded PostgreSQL's connection URL, one format for everything that connects to it: the
// runner (embedded-postgres.ts), the ops CLI and the benchmarks find it from a LUMENFORGE_HOME.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const EMBEDDED_DATABASE_NAME = 'lumenforge';
export const EMBEDDED_USER = 'postgres';
/** The superuser password's file, beside the data directory of each home. */
export const EMBEDDED_PASSWORD_FILE = 'postgres.password';

/** The embedded server's URL on 127.0.0.1:`port`, the password encoded. */
export function embeddedDatabaseUrl(password: string, port: number): string {
  return `postgresql://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE_NAME}`;
}

/** The URL of the embedded server of `home` (from its password file), or null when it has none. */
export function homeDatabaseUrl(home: string, port: number): string | null {
  const file = join(home, EMBEDDED_PASSWORD_FILE);
  if (!existsSync(file)) return null;
  return embeddedDatabaseUrl(readFileSync(file, 'utf8').trim(), port);
}

/** `postgresql://user:***@host:port/db`: safe to print. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
