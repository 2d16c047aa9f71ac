// Client secrets: taken from the environment when set (required in production); otherwise generated
// once and kept in IDENTITY_HOME/client-secrets.json, which the platform runner reads to hand
// LANDING its OIDC_CLIENT_SECRET.
import { z } from 'zod';
import { ensureIdentityHome, randomSecret, readStateFile, writeStateFile } from './identity-home';

export const CLIENT_SECRETS_FILE = 'client-secrets.json';

/** `{ "<client_id>": "<secret>" }`, generated secrets only. */
const ZClientSecretsFile = z.record(z.string(), z.string().min(32));

/**
 * Resolves a secret per client id: the configured one, else the one stored in IDENTITY_HOME, else a
 * new random one (stored). Configured secrets are never written to disk.
 */
export async function ensureClientSecrets(
  home: string,
  clients: ReadonlyArray<{ clientId: string; configuredSecret: string | undefined }>,
): Promise<Map<string, string>> {
  await ensureIdentityHome(home);
  const stored = (await readStateFile(home, CLIENT_SECRETS_FILE, ZClientSecretsFile)) ?? {};
  const resolved = new Map<string, string>();
  let isChanged = false;
  for (const { clientId, configuredSecret } of clients) {
    if (configuredSecret) {
      resolved.set(clientId, configuredSecret);
      continue;
    }
    let secret = stored[clientId];
    if (!secret) {
      secret = randomSecret();
      stored[clientId] = secret;
      isChanged = true;
    }
    resolved.set(clientId, secret);
  }
  if (isChanged) await writeStateFile(home, CLIENT_SECRETS_FILE, stored);
  return resolved;
}

/** The generated secrets in IDENTITY_HOME (for tests and tools); empty when none were generated. */
export async function readClientSecrets(home: string): Promise<Record<string, string>> {
  return (await readStateFile(home, CLIENT_SECRETS_FILE, ZClientSecretsFile)) ?? {};
}
