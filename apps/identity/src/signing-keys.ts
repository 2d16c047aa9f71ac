// The provider's signing keys (ES256 only) and cookie keys, generated on first start and kept in
// IDENTITY_HOME so tokens and sessions survive restarts.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { z } from 'zod';
import { ensureIdentityHome, randomSecret, readStateFile, writeStateFile } from './identity-home';

export const SIGNING_KEYS_FILE = 'signing-keys.json';
export const COOKIE_KEYS_FILE = 'cookie-keys.json';
export const SIGNING_ALG = 'ES256';
/** Keys published after a rotation: the current one and its predecessor (tokens it signed still verify). */
export const PUBLISHED_KEY_COUNT = 2;

const ZPrivateJwk = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(1),
  y: z.string().min(1),
  d: z.string().min(1),
  kid: z.string().min(1),
  alg: z.literal(SIGNING_ALG),
  use: z.literal('sig'),
});
export type TPrivateJwk = z.infer<typeof ZPrivateJwk>;

/** The first key signs; the others are only published for verification. */
const ZSigningKeysFile = z.object({ keys: z.array(ZPrivateJwk).min(1) });
const ZCookieKeysFile = z.object({ keys: z.array(z.string().min(32)).min(1) });

/** RFC 7638 thumbprint, the same kid oidc-provider would compute. */
function thumbprint(jwk: { crv: string; kty: string; x: string; y: string }): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}

/** A new P-256 private key as a JWK with kid, alg ES256 and use sig. */
export function generateSigningKey(): TPrivateJwk {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' });
  if (!jwk.x || !jwk.y || !jwk.d) throw new Error('identity: P-256 key export is missing coordinates');
  const base = { kty: 'EC' as const, crv: 'P-256' as const, x: jwk.x, y: jwk.y, d: jwk.d };
  return { ...base, kid: thumbprint(base), alg: SIGNING_ALG, use: 'sig' };
}

/** The signing keys in IDENTITY_HOME, current first; generates the first key on first start. */
export async function ensureSigningKeys(home: string): Promise<TPrivateJwk[]> {
  await ensureIdentityHome(home);
  const existing = await readStateFile(home, SIGNING_KEYS_FILE, ZSigningKeysFile);
  if (existing) return existing.keys;
  const keys = [generateSigningKey()];
  await writeStateFile(home, SIGNING_KEYS_FILE, { keys });
  return keys;
}

/**
 * Adds a new current signing key and keeps the previous current key published, so ID tokens and
 * access tokens it signed still verify until they expire. Older keys are dropped. A running
 * provider picks the new key up when it restarts.
 */
export async function rotateKeys(home: string): Promise<{ currentKid: string; publishedKids: string[] }> {
  const existing = await ensureSigningKeys(home);
  const keys = [generateSigningKey(), ...existing].slice(0, PUBLISHED_KEY_COUNT);
  await writeStateFile(home, SIGNING_KEYS_FILE, { keys });
  return { currentKid: keys[0]?.kid ?? '', publishedKids: keys.map((key) => key.kid) };
}

/** Keys that sign the provider's cookies (newest first); generated once. */
export async function ensureCookieKeys(home: string): Promise<string[]> {
  await ensureIdentityHome(home);
  const existing = await readStateFile(home, COOKIE_KEYS_FILE, ZCookieKeysFile);
  if (existing) return existing.keys;
  const keys = [randomSecret()];
  await writeStateFile(home, COOKIE_KEYS_FILE, { keys });
  return keys;
}
