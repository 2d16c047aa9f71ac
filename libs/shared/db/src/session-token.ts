import { createHash, randomBytes } from 'node:crypto';

/** What marks an API token (`lf_…`): secret scanners and log scrubbers can match it, people recognise it. */
export const API_TOKEN_MARKER = 'lf_';
/** How many characters after {@link API_TOKEN_MARKER} are kept (in clear) to tell tokens apart in lists. */
export const API_TOKEN_PREFIX_LENGTH = 8;

/** 256 random bits, base64url: 43 characters of `[A-Za-z0-9_-]`. */
const RANDOM_PART = /^[A-Za-z0-9_-]{43}$/;

function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What is stored instead of a secret token (session cookie or API token): its SHA-256, hex. A
 * leaked table does not yield live credentials. The tokens carry 256 random bits, so a plain hash
 * (no salt, no slow KDF) is enough and lets a lookup use the unique index.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new session token for the cookie: 256 random bits, base64url (43 characters). */
export function generateSessionToken(): string {
  return randomSecret();
}

/** The hash of a session cookie token: {@link hashToken} (one hashing function for every token kind). */
export const hashSessionToken: (token: string) => string = hashToken;

/** A new API token: `lf_` + 256 random bits, base64url (46 characters in all). */
export function generateApiToken(): string {
  return `${API_TOKEN_MARKER}${randomSecret()}`;
}

/** True when `token` has the shape of an API token (`lf_` + 43 base64url characters); says nothing about validity. */
export function isApiTokenFormat(token: string): boolean {
  return token.startsWith(API_TOKEN_MARKER) && RANDOM_PART.test(token.slice(API_TOKEN_MARKER.length));
}

/** The part of an API token shown in lists: the 8 characters after `lf_` (48 of its 256 bits; not enough to guess the rest). */
export function apiTokenDisplayPrefix(token: string): string {
  return token.slice(API_TOKEN_MARKER.length, API_TOKEN_MARKER.length + API_TOKEN_PREFIX_LENGTH);
}
