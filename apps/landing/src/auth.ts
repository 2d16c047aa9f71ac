import 'server-only';
import { randomBytes } from 'node:crypto';
import { createRelyingParty, parseRoleMapping, type TRelyingParty } from '@lumenforge/auth/server';
import { serializeCookie, clearedCookie, sessionCookieOptions, SESSION_COOKIE_NAME } from '@lumenforge/auth';
import { systemUrl, urlOptionsFromEnv } from '@lumenforge/config';
import { defineAppAuth } from '@lumenforge/runtime/next';
import { getEnv } from './env';
import { getRuntime } from './runtime';

/** LANDING's data-access-layer checks (pages, server actions). */
export const auth = defineAppAuth({ system: 'landing', getRuntime, getEnv });

export function landingUrl(path = '/'): string {
  return new URL(path, systemUrl('landing', urlOptionsFromEnv(getEnv()))).toString();
}

/** Session cookie attributes: Domain from AUTH_COOKIE_DOMAIN or LUMENFORGE_DOMAIN, Secure over https. */
function cookieConfig() {
  const env = getEnv();
  return { domain: env.AUTH_COOKIE_DOMAIN ?? env.LUMENFORGE_DOMAIN, secure: Boolean(env.LUMENFORGE_DOMAIN) };
}

export function sessionCookie(token: string): string {
  const env = getEnv();
  return serializeCookie(
    SESSION_COOKIE_NAME,
    token,
    sessionCookieOptions({ ...cookieConfig(), maxAgeSeconds: env.AUTH_SESSION_ABSOLUTE_HOURS * 3600 }),
  );
}

export function clearSessionCookie(): string {
  return clearedCookie(SESSION_COOKIE_NAME, cookieConfig());
}

type TRpGlobal = { __lumenforgeRelyingParty?: TRelyingParty | null; __lumenforgeFlowSecret?: string };
const rpGlobal = globalThis as typeof globalThis & TRpGlobal;

/** The OpenID relying party, or null when OIDC_ISSUER is not configured. */
export function getRelyingParty(): TRelyingParty | null {
  if (rpGlobal.__lumenforgeRelyingParty !== undefined) return rpGlobal.__lumenforgeRelyingParty;
  const env = getEnv();
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_SECRET) return (rpGlobal.__lumenforgeRelyingParty = null);
  // Development without the runner: a per-process secret (a restart only aborts sign-ins in flight).
  const secret =
    env.AUTH_SECRET ?? (rpGlobal.__lumenforgeFlowSecret ??= randomBytes(32).toString('base64url'));
  return (rpGlobal.__lumenforgeRelyingParty = createRelyingParty({
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    redirectUri: landingUrl('/api/auth/callback'),
    scopes: env.OIDC_SCOPES,
    algorithms: env.OIDC_ID_TOKEN_ALGORITHMS.split(',').map((alg) => alg.trim()),
    secret,
    secureCookies: cookieConfig().secure,
    stepUpMaxAgeSeconds: env.AUTH_STEP_UP_MAX_AGE_MINUTES * 60,
  }));
}

export function roleMapping() {
  return parseRoleMapping(getEnv().OIDC_ROLE_MAPPING);
}

/** A 303 to `location` with cookies set (Set-Cookie may repeat, so Headers.append). */
export function redirectWithCookies(location: string, cookies: readonly string[]): Response {
  const headers = new Headers({ Location: location, 'Cache-Control': 'no-store' });
  for (const cookie of cookies) headers.append('Set-Cookie', cookie);
  return new Response(null, { status: 303, headers });
}
