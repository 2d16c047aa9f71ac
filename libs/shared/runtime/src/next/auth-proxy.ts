import type { TPrincipal } from '@lumenforge/auth';
import { createNonce, securityHeaders } from '@lumenforge/auth/server';
import { urlOptionsFromEnv, type TSystemId } from '@lumenforge/config';
import type { TPlatformEnv } from '@lumenforge/config/env';
import { isDatabaseUnavailable } from '@lumenforge/db/server';
import { NextResponse, type NextRequest } from 'next/server';
import { checkWriteOrigin, requestContext } from '../api-route';
import { METRICS_PATH } from '../metrics-route';
import type { TPlatformRuntime } from '../runtime';
import { publicRequestUrl, signInUrl } from './sign-in-url';

/** Request headers the proxy sets for the app (never trusted for identity: pages authenticate again). */
export const PROXY_HEADERS = {
  nonce: 'x-nonce',
  correlationId: 'x-correlation-id',
  /** Path and query as requested, for the sign-in return URL of server components. */
  path: 'x-lf-path',
} as const;

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type TAuthProxyOptions = {
  system: TSystemId;
  getRuntime: () => TPlatformRuntime;
  getEnv: () => TPlatformEnv;
  /**
   * Path prefixes open without a session (LANDING's sign-in pages and routes). `/api/health` and
   * `/api/metrics` always are (the metrics route applies its own rule: `metricsAccess`).
   */
  publicPaths?: readonly string[];
  /** Extra `connect-src` / `form-action` sources for the CSP (e.g. the identity provider). */
  connectSources?: readonly string[];
  formActions?: readonly string[];
  /** Origins the pages may embed (`frame-src`), e.g. IGNIS's preview origin. */
  frameSources?: readonly string[];
  /** Extra `font-src` sources, e.g. `data:` where Monaco's CSS inlines its icon font. */
  fontSources?: readonly string[];
};

/**
 * A page request that cannot be served right now: a small self-contained HTML page (the app's own
 * pages need the database that is missing) with status 503, `Retry-After`, and a reload after 10 s.
 */
export function serviceUnavailablePage(message: string, headers: Record<string, string> = {}): NextResponse {
  const escaped = message.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="10"><title>Temporarily unavailable · LumenForge</title>
<style>body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#fafafa;color:#18181b;display:grid;place-items:center;min-height:100vh}main{max-width:32rem;padding:2rem;text-align:center}h1{font-size:1.5rem;line-height:1.3;margin:.5rem 0}p.code{font:12px ui-monospace,monospace;color:#52525b}a{color:inherit}@media (prefers-color-scheme:dark){body{background:#09090b;color:#f4f4f5}p.code{color:#a1a1aa}}</style>
</head><body><main><p class="code">503</p><h1>LumenForge is briefly unavailable</h1><p>${escaped}</p>
<p>This page reloads by itself in a few seconds, or <a href="">try again now</a>.</p></main></body></html>`;
  return new NextResponse(html, {
    status: 503,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

function matches(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}

/**
 * Every app's `proxy.ts` (Node runtime). In order: Cloudflare Access (when configured, everything
 * but `/api/health` and `/api/metrics` needs a valid `Cf-Access-Jwt-Assertion`: 403), the Origin of writes (403),
 * then the session or Bearer token: pages without one are redirected to LANDING's sign-in with a
 * return URL, APIs get 401 JSON; when the session cannot be checked (PostgreSQL away), pages get a
 * readable 503 page and APIs 503 JSON, never a bare 500. Adds the security headers with a
 * per-request CSP nonce. It is not
 * the only gate (CVE-2025-29927): route handlers and server components authenticate again.
 */
export function createAuthProxy(options: TAuthProxyOptions): (request: NextRequest) => Promise<NextResponse> {
  const publicPaths = options.publicPaths ?? [];
  return async function proxy(request) {
    const runtime = options.getRuntime();
    const env = options.getEnv();
    const urlOptions = urlOptionsFromEnv(env);
    const { pathname, search } = request.nextUrl;
    const isApi = matches(pathname, '/api');
    const context = requestContext(request, runtime.trustedProxies);
    const nonce = createNonce();
    const headers = securityHeaders({
      nonce,
      isProduction: Boolean(env.LUMENFORGE_DOMAIN),
      isDevServer: env.NODE_ENV === 'development',
      connectSources: options.connectSources ?? [],
      formActions: [...runtime.allowedOrigins, ...(options.formActions ?? [])],
      frameSources: options.frameSources ?? [],
      fontSources: options.fontSources ?? [],
    });
    const finish = (response: NextResponse): NextResponse => {
      for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
      response.headers.set(PROXY_HEADERS.correlationId, context.correlationId);
      return response;
    };
    // Pages without a session are redirected below; every other refusal is JSON.
    const refuse = (status: number, error: string, message: string, extra: Record<string, string> = {}) =>
      finish(
        NextResponse.json({ error, message }, { status, headers: { 'Cache-Control': 'no-store', ...extra } }),
      );

    // Probes and Prometheus carry neither a session nor a Cloudflare Access token. /api/metrics
    // guards itself (METRICS_TOKEN, or private addresses only, and never through Cloudflare).
    if (matches(pathname, '/api/health') || matches(pathname, METRICS_PATH))
      return finish(NextResponse.next());

    const cloudflare = runtime.auth.cloudflareAccess;
    if (cloudflare) {
      const verdict = await cloudflare(request.headers);
      if (!verdict.ok)
        return refuse(403, 'cloudflare_access', `Cloudflare Access refused the request: ${verdict.message}`);
    }
    if (MUTATING.has(request.method)) {
      const origin = checkWriteOrigin(request, runtime.allowedOrigins);
      if (!origin.ok) return refuse(403, 'forbidden_origin', origin.message);
    }

    const forward = new Headers(request.headers);
    forward.set(PROXY_HEADERS.nonce, nonce);
    forward.set('content-security-policy', headers['Content-Security-Policy'] ?? '');
    forward.set(PROXY_HEADERS.correlationId, context.correlationId);
    forward.set(PROXY_HEADERS.path, `${pathname}${search}`);
    const pass = () => finish(NextResponse.next({ request: { headers: forward } }));

    if (publicPaths.some((prefix) => matches(pathname, prefix))) return pass();

    let principal: TPrincipal | null;
    try {
      principal = await runtime.auth.authenticator.authenticate(request.headers);
    } catch (error) {
      // Sessions live in PostgreSQL (Redis only caches them), so this is PostgreSQL being away, or
      // something unexpected: either way the request cannot be admitted now, and says so.
      if (!isDatabaseUnavailable(error))
        runtime.logger.error({ err: error, correlationId: context.correlationId }, 'sign-in check failed');
      const message = 'Sign-in cannot be checked right now; try again shortly.';
      if (!isApi && request.method === 'GET')
        return finish(serviceUnavailablePage(message, { 'Retry-After': '5' }));
      return refuse(
        503,
        isDatabaseUnavailable(error) ? 'database_unavailable' : 'service_unavailable',
        message,
        {
          'Retry-After': '5',
        },
      );
    }
    if (principal) return pass();
    if (isApi || request.method !== 'GET') {
      const hasBearer = request.headers.has('authorization');
      return refuse(
        401,
        'unauthenticated',
        hasBearer ? 'The Bearer token is invalid, expired or revoked.' : 'Sign in to continue.',
        hasBearer ? { 'WWW-Authenticate': 'Bearer error="invalid_token"' } : {},
      );
    }
    const returnTo = publicRequestUrl(options.system, urlOptions, `${pathname}${search}`);
    return finish(NextResponse.redirect(signInUrl(urlOptions, returnTo), 307));
  };
}
