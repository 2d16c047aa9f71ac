import { z } from 'zod';

/** A platform session as the rest of the code sees it. The token hash never leaves the repository. */
export const ZSessionSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  workspaceId: z.uuid().nullable(),
  createdAt: z.date(),
  lastSeenAt: z.date(),
  /** Absolute expiry: the session ends then, however active it is. */
  expiresAt: z.date(),
  /** When the identity provider authenticated the user (step-up freshness: "signed in in the last N minutes"). */
  authTime: z.date(),
  revokedAt: z.date().nullable(),
  /** True when the sign-in that created the session passed MFA (production deploys need it). */
  mfa: z.boolean(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type TSession = z.infer<typeof ZSessionSchema>;

export const ZCreateSessionSchema = z.object({
  userId: z.uuid(),
  workspaceId: z.uuid().nullish(),
  /** The cookie value; a random 256-bit token is generated when omitted. */
  token: z.string().min(32).optional(),
  /** Absolute expiry (the idle timeout, if any, is the session store's business: see `lastSeenAt`). */
  expiresAt: z.date(),
  /** When the identity provider authenticated the user (the ID token's `auth_time`, else the sign-in time). */
  authTime: z.date(),
  /** Creation time, also the first `lastSeenAt` (default: the database's clock). Session stores pass their own clock. */
  createdAt: z.date().optional(),
  mfa: z.boolean().default(false),
  ip: z.string().max(100).nullish(),
  userAgent: z.string().max(1000).nullish(),
});
export type TCreateSession = z.input<typeof ZCreateSessionSchema>;
