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

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * A page that starts a fresh navigation to `location` (with cookies set). Browsers apply the CSP
 * `form-action` of the page whose form started a navigation to its whole redirect chain, so a chain
 * from one origin's form (the provider's sign-in, an app's sign-out) that ends on an origin that
 * page does not allow is blocked; a new navigation from here is not.
 */
export function freshNavigation(
  location: string,
  text: { title: string; message: string; link: string },
  cookies: readonly string[] = [],
): Response {
  const href = escapeHtml(location);
  const headers = new Headers({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  for (const cookie of cookies) headers.append('Set-Cookie', cookie);
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>${escapeHtml(text.title)} · LumenForge</title></head><body><p>${escapeHtml(text.message)} <a href="${href}">${escapeHtml(text.link)}</a></p></body></html>`,
    { headers },
  );
}

/** Where the identity provider sends the browser after RP-initiated logout (registered with it). */
export const POST_LOGOUT_PATH = '/signin';
/** The logout `state` values the sign-in page turns into its "signed out" notice. */
export const SIGNED_OUT_STATES = { 'signed-out': '1', 'signed-out-everywhere': 'everywhere' } as const;

/**
 * The answer of a sign-out once the platform session(s) ended: the session and ID-token cookies
 * cleared and, when the provider advertises an `end_session_endpoint`, the browser sent there
 * (RP-initiated logout with `id_token_hint`, `post_logout_redirect_uri`, `state`) so the provider's
 * own session ends too: the next "Continue with single sign-on" asks for the password and second
 * factor again. Otherwise straight to the signed-out notice.
 */
export async function finishSignOut(request: Request, scope: 'session' | 'everywhere'): Promise<Response> {
  const relyingParty = getRelyingParty();
  const cookies = [clearSessionCookie(), ...(relyingParty ? [relyingParty.clearIdTokenHintCookie()] : [])];
  const state = scope === 'everywhere' ? 'signed-out-everywhere' : 'signed-out';
  const endSession = relyingParty
    ? await relyingParty.endSessionUrl({
        postLogoutRedirectUri: landingUrl(POST_LOGOUT_PATH),
        idTokenHint: await relyingParty.readIdTokenHint(request.headers.get('cookie')),
        state,
      })
    : null;
  if (!endSession)
    return redirectWithCookies(landingUrl(`/signin?signedOut=${SIGNED_OUT_STATES[state]}`), cookies);
  return freshNavigation(
    endSession,
    { title: 'Signing out…', message: 'Signing you out of the identity provider.', link: 'Continue' },
    cookies,
  );
}

/** A 303 to `location` with cookies set (Set-Cookie may repeat, so Headers.append). */
export function redirectWithCookies(location: string, cookies: readonly string[]): Response {
  const headers = new Headers({ Location: location, 'Cache-Control': 'no-store' });
  for (const cookie of cookies) headers.append('Set-Cookie', cookie);
  return new Response(null, { status: 303, headers });
}
