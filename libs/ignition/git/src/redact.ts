/** What stands in for a secret in logs and error messages. */
export const REDACTED = '***';

/**
 * Removes every given secret from a text, in the forms git or an HTTP layer could echo it: as is,
 * URL-encoded, inside a Basic `user:token` base64 pair, and as the password of a URL.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, `$1${REDACTED}@`);
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) result = result.split(form).join(REDACTED);
  }
  return result;
}

/** The forms of a Basic credential that must never be printed (the token and the header value). */
export function basicCredentialSecrets(username: string, token: string): string[] {
  return [token, Buffer.from(`${username}:${token}`).toString('base64')];
}
