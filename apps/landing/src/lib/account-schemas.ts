import { PERMISSIONS, type TSessionRecord } from '@lumenforge/auth';
import { ZApiTokenNameSchema, type TApiToken } from '@lumenforge/db';
import { z } from 'zod';
import { MAX_TOKEN_EXPIRY_DAYS } from './api-token-options';
import { summarizeUserAgent } from './user-agent';

// Request bodies and JSON answers of `/api/account/*` (pure: no I/O). Client components import the
// form's options from `./api-token-options` instead, which keeps zod out of their bundle.

/** `POST /api/account/tokens`. Scopes must be permissions; the role check is `createApiToken`'s. */
export const ZCreateApiTokenBodySchema = z.strictObject({
  name: ZApiTokenNameSchema,
  scopes: z
    .array(z.enum(PERMISSIONS, { error: 'is not a known permission' }))
    .min(1, 'Choose at least one scope')
    .refine((scopes) => new Set(scopes).size === scopes.length, 'Scopes must be unique'),
  expiresInDays: z
    .number({ error: `must be a whole number of days from 1 to ${MAX_TOKEN_EXPIRY_DAYS}` })
    .int(`must be a whole number of days from 1 to ${MAX_TOKEN_EXPIRY_DAYS}`)
    .min(1, `must be a whole number of days from 1 to ${MAX_TOKEN_EXPIRY_DAYS}`)
    .max(MAX_TOKEN_EXPIRY_DAYS, `must be a whole number of days from 1 to ${MAX_TOKEN_EXPIRY_DAYS}`),
});
export type TCreateApiTokenBody = z.output<typeof ZCreateApiTokenBodySchema>;

/** An id in a route path (sessions and API tokens are keyed by uuid). */
export const ZResourceIdSchema = z.uuid({ error: 'must be an id (uuid)' });

/** A live session as `GET /api/account/sessions` answers it; times are ISO 8601. */
export type TSessionView = {
  id: string;
  /** The session of the request that asked (this browser). */
  isCurrent: boolean;
  /** The user agent in words ("Chrome 131 on macOS"). */
  device: string;
  userAgent: string | null;
  ip: string | null;
  mfa: boolean;
  createdAt: string;
  lastSeenAt: string;
  authTime: string;
  absoluteExpiresAt: string;
};

export function toSessionView(session: TSessionRecord, currentSessionId: string | null): TSessionView {
  return {
    id: session.id,
    isCurrent: session.id === currentSessionId,
    device: summarizeUserAgent(session.userAgent),
    userAgent: session.userAgent,
    ip: session.ip,
    mfa: session.mfa,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    authTime: session.authTime.toISOString(),
    absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
  };
}

/** The current session first, then most recently used. */
export function sortSessionViews(sessions: readonly TSessionView[]): TSessionView[] {
  return [...sessions].sort(
    (a, b) => Number(b.isCurrent) - Number(a.isCurrent) || b.lastSeenAt.localeCompare(a.lastSeenAt),
  );
}

export type TApiTokenStatus = 'active' | 'expired' | 'revoked';

export function apiTokenStatus(
  token: Pick<TApiToken, 'expiresAt' | 'revokedAt'>,
  now: Date,
): TApiTokenStatus {
  if (token.revokedAt) return 'revoked';
  return token.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

/** An API token as `GET /api/account/tokens` answers it: never the hash, never the token. */
export type TApiTokenView = {
  id: string;
  name: string;
  /** `lf_AbCd1234…`: enough to recognise the token in a config file. */
  displayPrefix: string;
  scopes: string[];
  status: TApiTokenStatus;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export function toApiTokenView(token: TApiToken, now: Date): TApiTokenView {
  return {
    id: token.id,
    name: token.name,
    displayPrefix: `lf_${token.prefix}…`,
    scopes: [...token.scopes],
    status: apiTokenStatus(token, now),
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
