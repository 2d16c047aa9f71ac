// What never reaches a log line: credentials in URLs, Bearer and API tokens, and the values of
// secret-named fields at any depth. pino's `redact` paths cover the usual places cheaply; this
// covers strings (messages, error stacks) and fields pino's paths cannot reach.

export const REDACTED = '[Redacted]';

/**
 * Field names whose values are secrets wherever they appear: authorization, cookie, set-cookie,
 * password, secret, token (and `*Token`, `*_TOKEN`, `*Secret`, `*_PASSWORD`, api keys).
 */
const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|cf-access-jwt-assertion|x-api-key|api[-_]?key|password|passwd|pwd|secret|token|credentials?|private[-_]?key)$|(password|secret|token)$/i;

/** Paths for pino's `redact` (fast, compiled): the top level and one level down. */
export const REDACT_PATHS: readonly string[] = [
  'authorization',
  'cookie',
  'password',
  'secret',
  'token',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["cf-access-jwt-assertion"]',
  '*.authorization',
  '*.cookie',
  '*["set-cookie"]',
  '*.password',
  '*.secret',
  '*.token',
  '*.*.authorization',
  '*.*.cookie',
  '*.*["set-cookie"]',
];

/** Whether a field with this name holds a secret (its value is replaced, whatever it is). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

const STRING_MASKS: ReadonlyArray<[RegExp, string]> = [
  // scheme://user:password@host → scheme://***@host (postgresql://, redis://, nats://, https://)
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@?#]+@/gi, '$1***@'],
  // Authorization header values quoted in messages
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 ***'],
  // LumenForge API tokens (lf_ + 43 characters of base64url)
  [/\blf_[A-Za-z0-9_-]{20,}/g, 'lf_***'],
  // session cookies and key=value secrets (libpq connection strings, query strings)
  [
    /\b(lf_session|password|passwd|pwd|secret|token|access_token|refresh_token|id_token)=[^\s&;,"']+/gi,
    '$1=***',
  ],
];

/** The string with credentials masked: URLs' user info, Bearer/Basic values, API tokens, `password=…`. */
export function maskSecrets(text: string): string {
  let masked = text;
  for (const [pattern, replacement] of STRING_MASKS) masked = masked.replace(pattern, replacement);
  return masked;
}

const MAX_DEPTH = 8;

/** An Error as plain fields (pino's `err` shape), with its message, stack and cause masked. */
export function serializeError(error: Error, depth = 0): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    type: error.name,
    message: maskSecrets(error.message),
    stack: maskSecrets(error.stack ?? ''),
  };
  for (const [key, value] of Object.entries(error)) {
    if (!(key in fields)) fields[key] = redactValue(value, depth + 1, key);
  }
  if (error.cause !== undefined) fields['cause'] = redactValue(error.cause, depth + 1, 'cause');
  return fields;
}

/**
 * A copy of `value` safe to log: secret-named fields replaced, credentials in strings masked,
 * Errors serialised (type, message, stack). Cycles and depth beyond 8 are cut.
 */
export function redactValue(value: unknown, depth = 0, key?: string, seen = new WeakSet<object>()): unknown {
  if (
    key !== undefined &&
    isSecretKey(key) &&
    value !== undefined &&
    value !== null &&
    typeof value !== 'boolean'
  )
    return REDACTED;
  if (typeof value === 'string') return maskSecrets(value);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return value;
  if (depth >= MAX_DEPTH || seen.has(value)) return '[…]';
  seen.add(value);
  if (value instanceof Error) return serializeError(value, depth);
  if (value instanceof URL) return maskSecrets(value.href);
  if (value instanceof Headers) {
    return redactValue(Object.fromEntries(value.entries()), depth + 1, undefined, seen);
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, undefined, seen));
  const copy: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) copy[name] = redactValue(field, depth + 1, name, seen);
  return copy;
}
