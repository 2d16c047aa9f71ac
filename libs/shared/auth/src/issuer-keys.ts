import type { JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { createJwksKeySource } from './id-token';

const ZDiscovery = z.object({ issuer: z.string(), jwks_uri: z.url() });

/** The provider's discovery document (`/.well-known/openid-configuration`), checked to name this issuer. */
export async function discoverIssuer(issuer: string, timeoutMs = 5_000): Promise<z.infer<typeof ZDiscovery>> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`OIDC discovery at ${url} answered ${response.status}`);
  const document = ZDiscovery.parse(await response.json());
  if (document.issuer !== issuer)
    throw new Error(`OIDC discovery at ${url} names issuer ${document.issuer}, expected ${issuer}`);
  return document;
}

/**
 * The issuer's signing keys for jose, discovered on first use (so an app starts while the provider
 * is still starting) and cached by jose's remote JWK set, which refetches when a token carries an
 * unknown `kid` (key rotation), at most every 30 s.
 */
export function createIssuerKeySource(issuer: string): JWTVerifyGetKey {
  let keySet: Promise<JWTVerifyGetKey> | undefined;
  const load = () =>
    (keySet ??= discoverIssuer(issuer)
      .then((document) => createJwksKeySource(document.jwks_uri, { cooldownMs: 30_000 }))
      .catch((error: unknown) => {
        keySet = undefined; // retry discovery on the next token
        throw error;
      }));
  return async (header, token) => (await load())(header, token);
}
