import { normalizeAllowedOrigin } from './allowed-origins';
/** Longer return URLs are refused: nothing the platform links to needs more, and it bounds the work. */
export const MAX_RETURN_URL_LENGTH = 2048;

// Browsers strip tabs and newlines anywhere in a URL and treat `\` as `/`, so `/\t/evil.com` and
// `/\evil.com` become `//evil.com` (protocol-relative). No legitimate return URL holds whitespace,
// a control character or a backslash, raw or percent-encoded (`%20` alone is fine once decoded).
const WHITESPACE = /\s/u;
const ABSOLUTE_HTTP_URL = /^https?:\/\//i;
// Percent-encoding is undone at most this many times when looking for hidden `//` or `\`.
const MAX_DECODE_ROUNDS = 3;

export type TSafeReturnUrlOptions = {
  /**
   * Origins a return URL may point to, e.g. `Object.values(systemUrls(…))`. The first one resolves
   * relative paths. Each must be a bare origin (`https://slate.lumenforge.io`, no path).
   */
  allowedOrigins: readonly string[];
  /** Returned whenever `raw` is missing or not allowed. Trusted as is (it comes from our code). */
  fallback: string;
};

/**
 * The absolute URL to send a user back to after sign-in or sign-out, or `fallback` when `raw` is
 * not clearly one of the platform's own pages (open-redirect guard).
 *
 * Allowed: absolute `http(s)://` URLs whose origin is one of `allowedOrigins` (no user info), and
 * paths starting with exactly one `/`, resolved against `allowedOrigins[0]`. Refused: protocol-relative
 * `//host`, any backslash, whitespace or control character, other schemes (`javascript:`, `data:`),
 * look-alike hosts (`http://localhost:3000.evil.com`, `http://localhost:3000@evil.com`), paths that
 * decode to `//…` or hold `\` (`/%2F%2Fevil.com`), and anything over 2048 characters.
 *
 * The result is always the URL re-serialized by the WHATWG parser, never the raw input.
 *
 * @throws TypeError when an entry of `allowedOrigins` is not a bare http(s) origin (a config bug).
 */
export function safeReturnUrl(raw: string | null | undefined, options: TSafeReturnUrlOptions): string {
  const origins = options.allowedOrigins.map(normalizeAllowedOrigin);
  const url = parseCandidate(raw, origins[0]);
  if (!url || !origins.includes(url.origin)) return options.fallback;
  if (url.username !== '' || url.password !== '') return options.fallback;
  if (!isSafePath(url.pathname)) return options.fallback;
  return url.href;
}

function parseCandidate(raw: string | null | undefined, base: string | undefined): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_RETURN_URL_LENGTH) return null;
  if (WHITESPACE.test(raw) || hasControlOrBackslash(raw)) return null;
  if (raw.startsWith('/')) {
    if (raw.startsWith('//') || base === undefined) return null;
    return tryParseUrl(raw, base);
  }
  if (!ABSOLUTE_HTTP_URL.test(raw)) return null;
  const url = tryParseUrl(raw);
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url : null;
}

/**
 * Refuses paths that turn dangerous once decoded, should any later code decode them and use them
 * as a relative redirect: `//host`, backslashes, control characters, or broken percent-encoding.
 */
function isSafePath(pathname: string): boolean {
  let current = pathname;
  for (let round = 0; round <= MAX_DECODE_ROUNDS; round += 1) {
    if (current.startsWith('//') || hasControlOrBackslash(current)) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return false;
    }
    if (decoded === current) return true;
    current = decoded;
  }
  // Still changing after several rounds: layered encoding only an attacker would write.
  return false;
}

/** C0 controls, DEL, C1 controls or `\`. A loop rather than a regex of control characters. */
function hasControlOrBackslash(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code === 0x5c) return true;
  }
  return false;
}

function tryParseUrl(value: string, base?: string): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}
