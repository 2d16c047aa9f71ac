import { z } from 'zod';

/** A platform session as the rest of the code sees it. The token hash never leaves the repository. */
export const ZSessionSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  workspaceId: z.uuid().nullable(),
  createdAt: z.date(),
  lastSeenAt: z.date(),
  expiresAt: z.date(),
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
  expiresAt: z.date(),
  mfa: z.boolean().default(false),
  ip: z.string().max(100).nullish(),
  userAgent: z.string().max(1000).nullish(),
});
export type TCreateSession = z.input<typeof ZCreateSessionSchema>;
