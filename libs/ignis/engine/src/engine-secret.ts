import { timingSafeEqual } from 'node:crypto';
import { IGNIS_ENGINE_SECRET_FILE } from '@lumenforge/config';
import { ensureSecretFile } from '@lumenforge/config/secret-file';

/**
 * The engine's control-API secret: `configured` (IGNIS_ENGINE_SECRET) or one generated once in
 * `<home>/ignis-engine-secret` (0600), the file the platform runner creates for every process. Only
 * the platform's processes read it; it is never sent to a browser.
 */
export function ensureEngineSecret(home: string, configured?: string): Promise<string> {
  return ensureSecretFile(home, IGNIS_ENGINE_SECRET_FILE, configured);
}

/** Constant-time check of an `Authorization: Bearer …` header against the secret. */
export function isAuthorized(header: string | undefined, secret: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice('Bearer '.length));
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
