/** The platform session cookie, shared by the six systems (one Domain in production). */
export const SESSION_COOKIE_NAME = 'lf_session';

// RFC 6265 §4.1.1: cookie-name is an RFC 7230 token; cookie-value is *cookie-octet, i.e. visible
// US-ASCII except DQUOTE, comma, semicolon and backslash (and no space).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const COOKIE_OCTETS = /^[\u0021\u0023-\u002b\u002d-\u003a\u003c-\u005b\u005d-\u007e]*$/;
// A Path attribute value: any CHAR except controls and `;` (RFC 6265 §4.1.1 path-value).
const PATH_VALUE = /^\/[\u0020-\u003a\u003c-\u007e]*$/;
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
// Browsers ignore cookies whose name and value together exceed 4096 bytes.
const MAX_NAME_AND_VALUE_LENGTH = 4096;

export type TSameSite = 'Lax' | 'Strict' | 'None';

export type TCookieOptions = {
  /** Shares the cookie with subdomains (`lumenforge.io`); unset = this host only. */
  domain?: string;
  path?: string;
  /** Whole seconds, ≥ 0; 0 deletes the cookie. */
  maxAgeSeconds?: number;
  expires?: Date;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: TSameSite;
};

/**
 * The cookies of a `Cookie` request header, name → value (RFC 6265 §5.4 serialization, parsed
 * leniently). The first occurrence of a name wins: browsers send the most specific cookie (longest
 * Path) first. Surrounding double quotes are removed from a value; nothing is percent-decoded,
 * matching `serializeCookie`, which never encodes. Segments without `=` or with a name that is not
 * a token are skipped. Never throws.
 */
export function parseCookieHeader(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (typeof header !== 'string' || header.length === 0) return cookies;
  for (const segment of header.split(';')) {
    const equals = segment.indexOf('=');
    if (equals === -1) continue;
    const name = trimWhitespace(segment.slice(0, equals));
    if (!TOKEN.test(name) || cookies.has(name)) continue;
    let value = trimWhitespace(segment.slice(equals + 1));
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    cookies.set(name, value);
  }
  return cookies;
}

/**
 * A `Set-Cookie` header value. Nothing is encoded: the name must be a token and the value
 * cookie-octets (base64url, hex, UUIDs… fit as they are), so what `parseCookieHeader` reads back is
 * exactly the value given. Throws a `TypeError` rather than emit a header an attacker could bend
 * (a value carrying `; Domain=…`), and on attributes browsers would reject: a non-integer
 * `Max-Age`, a malformed `Domain`, `SameSite=None` without `Secure`, or broken `__Secure-` /
 * `__Host-` prefix rules.
 */
export function serializeCookie(name: string, value: string, options: TCookieOptions = {}): string {
  if (!TOKEN.test(name)) throw new TypeError(`Cookie name ${JSON.stringify(name)} is not a valid token`);
  if (!COOKIE_OCTETS.test(value))
    throw new TypeError(
      `Cookie ${name}: the value may only hold visible ASCII except space, '"', ',', ';' and '\\'`,
    );
  if (name.length + value.length > MAX_NAME_AND_VALUE_LENGTH)
    throw new TypeError(`Cookie ${name}: name and value exceed ${MAX_NAME_AND_VALUE_LENGTH} bytes`);

  const parts = [`${name}=${value}`];
  if (options.domain !== undefined) parts.push(`Domain=${validDomain(name, options.domain)}`);
  if (options.path !== undefined) {
    if (!PATH_VALUE.test(options.path))
      throw new TypeError(`Cookie ${name}: Path must start with "/" and hold no ";" or control characters`);
    parts.push(`Path=${options.path}`);
  }
  if (options.expires !== undefined) {
    if (Number.isNaN(options.expires.getTime()))
      throw new TypeError(`Cookie ${name}: Expires is an invalid date`);
    parts.push(`Expires=${options.expires.toUTCString()}`);
  }
  if (options.maxAgeSeconds !== undefined) {
    if (!Number.isSafeInteger(options.maxAgeSeconds) || options.maxAgeSeconds < 0)
      throw new TypeError(`Cookie ${name}: Max-Age must be a whole number of seconds ≥ 0`);
    parts.push(`Max-Age=${options.maxAgeSeconds}`);
  }
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  if (options.sameSite !== undefined) {
    if (!['Lax', 'Strict', 'None'].includes(options.sameSite))
      throw new TypeError(`Cookie ${name}: SameSite must be Lax, Strict or None`);
    if (options.sameSite === 'None' && !options.secure)
      throw new TypeError(`Cookie ${name}: SameSite=None needs Secure (browsers drop it otherwise)`);
    parts.push(`SameSite=${options.sameSite}`);
  }
  checkPrefixRules(name, options);
  return parts.join('; ');
}

/**
 * Attributes of the platform session cookie: HttpOnly (no script access), SameSite=Lax (sent on
 * top-level navigations between the systems, not on cross-site subrequests), Path=/, Secure when
 * served over https, and Domain when set so every `*.lumenforge.io` system receives it. Leave
 * `domain` unset locally: cookies ignore ports, so localhost:3000…3005 already share it.
 */
export function sessionCookieOptions(config: {
  domain?: string | undefined;
  secure: boolean;
  maxAgeSeconds: number;
}): TCookieOptions {
  return {
    ...sharedAttributes(config),
    maxAgeSeconds: config.maxAgeSeconds,
  };
}

/**
 * A `Set-Cookie` value that deletes the cookie: empty value, `Max-Age=0` and an `Expires` in 1970,
 * with the same Domain, Path, Secure, HttpOnly and SameSite as `sessionCookieOptions`, since a
 * browser only replaces a cookie set with the same name, Domain and Path.
 */
export function clearedCookie(
  name: string,
  config: { domain?: string | undefined; secure: boolean },
): string {
  return serializeCookie(name, '', { ...sharedAttributes(config), maxAgeSeconds: 0, expires: new Date(0) });
}

function sharedAttributes(config: { domain?: string | undefined; secure: boolean }): TCookieOptions {
  return {
    ...(config.domain ? { domain: config.domain } : {}),
    path: '/',
    httpOnly: true,
    secure: config.secure,
    sameSite: 'Lax',
  };
}

/** A Domain attribute: a host name (a leading dot is allowed and ignored by browsers). */
function validDomain(name: string, domain: string): string {
  const host = domain.startsWith('.') ? domain.slice(1) : domain;
  if (host.length === 0 || host.length > 253 || !host.split('.').every((label) => DOMAIN_LABEL.test(label)))
    throw new TypeError(`Cookie ${name}: Domain ${JSON.stringify(domain)} is not a valid domain name`);
  return domain.toLowerCase();
}

// https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#name-cookie-name-prefixes
function checkPrefixRules(name: string, options: TCookieOptions): void {
  const lower = name.toLowerCase();
  if ((lower.startsWith('__secure-') || lower.startsWith('__host-')) && !options.secure)
    throw new TypeError(`Cookie ${name}: the __Secure-/__Host- prefix needs Secure`);
  if (lower.startsWith('__host-') && (options.domain !== undefined || options.path !== '/'))
    throw new TypeError(`Cookie ${name}: the __Host- prefix needs Path=/ and no Domain`);
}

// A loop, not a regex: `/[ \t]+$/` backtracks quadratically on long runs of spaces.
function trimWhitespace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isWhitespace(value.charCodeAt(start))) start += 1;
  while (end > start && isWhitespace(value.charCodeAt(end - 1))) end -= 1;
  return value.slice(start, end);
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
