import { createHash, randomBytes } from 'node:crypto';

/** A new session token for the cookie: 256 random bits, base64url (43 characters). */
export function generateSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of the token: its SHA-256, hex. A leaked table does not yield live cookies. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
