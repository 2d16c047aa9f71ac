import { normalizeAllowedOrigin } from './allowed-origins';
// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token, b64token = 1*( ALPHA / DIGIT / "-" / "." /
// "_" / "~" / "+" / "/" ) *"=" (the token68 of RFC 7235). The scheme is case-insensitive.
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** Methods that must not change state, so cross-site requests may make them. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The token of an `Authorization: Bearer <token>` header, or null when the header is missing, uses
 * another scheme, or the token holds characters outside RFC 6750's token68 set (spaces, commas,
 * quotes, a second credential…). Never throws.
 */
export function parseBearerToken(authorization: string | null | undefined): string | null {
  if (typeof authorization !== 'string') return null;
  return BEARER.exec(authorization)?.[1] ?? null;
}

export type TOriginCheck = { ok: true } | { ok: false; status: 403; message: string };

/**
 * CSRF guard for cookie-authenticated route handlers (Next.js route handlers have none; server
 * actions compare Origin with Host but let a request without Origin through). GET, HEAD and OPTIONS
 * pass; any other method needs an `Origin` header exactly equal to one of `allowedOrigins`
 * (browsers send it on every cross-origin request and on same-origin non-GET requests). A missing
 * Origin, `Origin: null` (sandboxed frames, some redirects) or a foreign origin is refused with 403.
 *
 * Requests authenticated by a Bearer token carry no ambient credentials and need no Origin check;
 * apply this before trusting the session cookie.
 *
 * @throws TypeError when an entry of `allowedOrigins` is not an http(s) origin (a config bug).
 */
export function checkRequestOrigin(
  request: { method: string; headers: Headers },
  allowedOrigins: readonly string[],
): TOriginCheck {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { ok: true };
  const allowed = allowedOrigins.map(normalizeAllowedOrigin);
  const origin = request.headers.get('origin');
  if (origin === null || origin === '')
    return refuse(`${request.method} requests must carry an Origin header: cross-site requests are refused`);
  if (origin === 'null')
    return refuse(`${request.method} requests from an opaque origin (Origin: null) are refused`);
  if (!allowed.includes(origin))
    return refuse(
      `${request.method} requests from another site are refused: the Origin is not one of the platform's`,
    );
  return { ok: true };
}

function refuse(message: string): TOriginCheck {
  return { ok: false, status: 403, message };
}
