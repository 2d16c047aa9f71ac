import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const SECRET_FILE = 'ignis-engine-secret';

/**
 * The engine's control-API secret: `configured` (IGNIS_ENGINE_SECRET) or 32 random bytes generated
 * once and kept in `<home>/ignis-engine-secret` (0600). Only the platform's processes read it; it
 * is never sent to a browser.
 */
export async function ensureEngineSecret(home: string, configured?: string): Promise<string> {
  if (configured) return configured;
  const file = join(home, SECRET_FILE);
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= 32) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(home, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}

/** Constant-time check of an `Authorization: Bearer …` header against the secret. */
export function isAuthorized(header: string | undefined, secret: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice('Bearer '.length));
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
